namespace RedPajama.Udfs.Quality;

/// <summary>datatrove's greedy duplicate n-gram measure, over concatenated words (<see cref="NGramLevels"/> does the rest).</summary>
internal static class RepetitionStatistics
{

    /// <summary>Multiplier of the concatenation hash (odd, so invertible mod 2^64).</summary>
    private const ulong Base = 0x9E3779B97F4A7C15UL;

    /// <summary>The inverse of <see cref="Base"/> mod 2^64 (Newton's iteration doubles the correct bits each step).</summary>
    private static readonly ulong s_inverseBase = Inverse(Base);

    private const int InversePowerTableSize = 64;

    /// <summary>Base^-k for k below <see cref="InversePowerTableSize"/>.</summary>
    private static readonly ulong[] s_inversePowers = InversePowers();

    /// <summary>
    /// datatrove's <c>find_all_duplicate</c>: walk the words; an n-gram whose concatenation (no separator) was seen
    /// adds its code points and jumps n words ahead; an unseen one is remembered and the walk moves one word.
    /// A window's hash is shift-invariant and constant-time: <c>(prefix[end] - prefix[start]) * Base^-chars(start)</c>,
    /// the inverse power carried along the walk rather than stored per word. Words are ids of
    /// <paramref name="interner"/> over <paramref name="text"/>.
    /// </summary>
    public static long GreedyDuplicateConcatenations(
        ConcatenationSet set, ReadOnlySpan<char> text, SpanInterner interner, ReadOnlySpan<int> ids, ReadOnlySpan<int> idCodePoints,
        ReadOnlySpan<ulong> prefix, ReadOnlySpan<ulong> idInversePowers, int n)
    {
        int words = ids.Length;
        if (words - n + 1 <= 0)
        {
            return 0;
        }

        int windows = words - n + 1;
        set.Reset(windows);

        // A window whose hash no other window shares has a unique concatenation: it can neither be found nor be
        // found later, so the walk skips it without touching the set. Two bitmaps (seen once, seen again) tell,
        // with false positives only, which hashes repeat.
        RepeatBitmap repeats = set.Repeats;
        repeats.Reset(windows);
        ulong inverse = 1;
        for (int i = 0; i < windows; i++)
        {
            repeats.Add(BitOf((prefix[i + n] - prefix[i]) * inverse, repeats.Mask));
            inverse *= idInversePowers[ids[i]];
        }

        long repeated = 0;
        int index = 0;
        inverse = 1;
        while (index < windows)
        {
            ulong hash = (prefix[index + n] - prefix[index]) * inverse;
            if (repeats.MayRepeat(BitOf(hash, repeats.Mask)) && set.ContainsOrAddConcatenation(text, interner, ids, index, n, (long)hash))
            {
                for (int k = index; k < index + n; k++)
                {
                    repeated += idCodePoints[ids[k]];
                    inverse *= idInversePowers[ids[k]];
                }

                index += n;
            }
            else
            {
                inverse *= idInversePowers[ids[index]];
                index++;
            }
        }

        return repeated;
    }

    /// <summary>
    /// Fills, per word boundary k, the hash of the concatenation of the first k words with each character weighted
    /// by Base^position (<paramref name="prefix"/>, one more element than there are words). Each distinct word is
    /// hashed once; <paramref name="idScratch"/> (three per distinct word) receives Base^-length per word id in its
    /// first third, for <see cref="GreedyDuplicateConcatenations"/>.
    /// </summary>
    public static void PrefixHashes(ReadOnlySpan<char> text, SpanInterner interner, ReadOnlySpan<int> ids, Span<ulong> prefix, Span<ulong> idScratch)
    {
        int distinct = interner.Count;
        Span<ulong> idInversePowers = idScratch[..distinct];
        Span<ulong> idHashes = idScratch.Slice(distinct, distinct);
        Span<ulong> idPowers = idScratch.Slice(2 * distinct, distinct);
        for (int id = 0; id < distinct; id++)
        {
            ulong hash = 0;
            ulong power = 1;
            foreach (char c in text.Slice(interner.StartOf(id), interner.LengthOf(id)))
            {
                hash += c * power;
                power *= Base;
            }

            idHashes[id] = hash;
            idPowers[id] = power;
            idInversePowers[id] = InversePower(interner.LengthOf(id));
        }

        ulong total = 0;
        ulong offset = 1;
        prefix[0] = 0;
        for (int w = 0; w < ids.Length; w++)
        {
            int id = ids[w];
            total += idHashes[id] * offset;
            offset *= idPowers[id];
            prefix[w + 1] = total;
        }
    }

    /// <summary>Base^-length mod 2^64: a table for word lengths, squaring for longer ones.</summary>
    private static ulong InversePower(int length)
    {
        if (length < InversePowerTableSize)
        {
            return s_inversePowers[length];
        }

        ulong result = 1;
        ulong square = s_inverseBase;
        for (int e = length; e > 0; e >>= 1)
        {
            if ((e & 1) != 0)
            {
                result *= square;
            }

            square *= square;
        }

        return result;
    }

    private static ulong[] InversePowers()
    {
        var powers = new ulong[InversePowerTableSize];
        powers[0] = 1;
        for (int i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * s_inverseBase;
        }

        return powers;
    }

    private static int BitOf(ulong hash, int mask) => (int)((hash * 0xC2B2AE3D27D4EB4FUL) >> 35) & mask;

    private static ulong Inverse(ulong odd)
    {
        ulong x = odd;
        for (int i = 0; i < 6; i++)
        {
            x *= 2 - (odd * x);
        }

        return x;
    }
}
