using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using RedPajama.Udfs.Quality;

namespace RedPajama.Udfs.Dedup;

/// <summary>
/// RedPajama-1T's book fingerprint (<c>data_prep/book/dedup.py</c> with the <c>simhash</c> package): the lower-cased
/// text without non-word characters, every overlapping 6-character string (with repeats) hashed with MD5 keeping the
/// low 64 bits, and a 64-bit SimHash whose bit is set when more than half of the features have it. Books within
/// Hamming distance 5 are near-duplicates. Lower-casing, <c>\w</c> and the 6-character windows follow Python's
/// semantics on code points (<see cref="PythonText"/>).
/// </summary>
public static class SimHasher
{
    /// <summary>RedPajama's feature width (<c>-w 6</c>).</summary>
    public const int Width = 6;

    /// <summary>RedPajama's largest Hamming distance between near-duplicates (<c>-k 5</c>).</summary>
    public const int MaxDistance = 5;

    /// <summary>The 64-bit SimHash of a text.</summary>
    /// <param name="text">The book.</param>
    /// <returns>The fingerprint.</returns>
    public static ulong Fingerprint(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // re.sub(r'[^\w]+', '', text.lower()), as code points.
        string lowered = PythonText.Lower(text);
        var codePoints = new List<int>(lowered.Length);
        for (int i = 0; i < lowered.Length;)
        {
            int codePoint = PythonText.CodePointAt(lowered, i, out int width);
            i += width;
            if (PythonText.IsWordChar(codePoint))
            {
                codePoints.Add(codePoint);
            }
        }

        int features = Math.Max(codePoints.Count - Width + 1, 1);
        Span<int> votes = stackalloc int[64];
        Span<byte> digest = stackalloc byte[16];
        Span<byte> utf8 = stackalloc byte[Width * 4];
        for (int i = 0; i < features; i++)
        {
            int length = 0;
            for (int k = i; k < Math.Min(i + Width, codePoints.Count); k++)
            {
                length += new Rune(codePoints[k]).EncodeToUtf8(utf8[length..]);
            }

#pragma warning disable CA5351 // MD5 is upstream's feature hash here, not a security control.
            MD5.HashData(utf8[..length], digest);
#pragma warning restore CA5351
            ulong hash = BinaryPrimitives.ReadUInt64BigEndian(digest[8..]);
            for (int bit = 0; bit < 64; bit++)
            {
                votes[bit] += ((hash >> bit) & 1) != 0 ? 1 : -1;
            }
        }

        ulong fingerprint = 0;
        for (int bit = 0; bit < 64; bit++)
        {
            if (votes[bit] > 0)
            {
                fingerprint |= 1UL << bit;
            }
        }

        return fingerprint;
    }

    /// <summary>Bits in which two fingerprints differ.</summary>
    public static int Distance(ulong a, ulong b) => System.Numerics.BitOperations.PopCount(a ^ b);

    /// <summary>
    /// RedPajama's keep rule (<c>find_match</c>): a book is kept unless a near-duplicate (distance ≤ 5) comes earlier.
    /// Not transitive: a book is judged against the books themselves, not their clusters.
    /// </summary>
    /// <param name="fingerprints">Fingerprints in id order (earlier first).</param>
    /// <returns>Per book, the index of the earliest near-duplicate before it, or -1 when it is kept.</returns>
    public static int[] EarliestDuplicates(IReadOnlyList<ulong> fingerprints)
    {
        ArgumentNullException.ThrowIfNull(fingerprints);
        var earliest = new int[fingerprints.Count];
        for (int i = 0; i < fingerprints.Count; i++)
        {
            earliest[i] = -1;
            for (int j = 0; j < i; j++)
            {
                if (Distance(fingerprints[i], fingerprints[j]) <= MaxDistance)
                {
                    earliest[i] = j;
                    break;
                }
            }
        }

        return earliest;
    }
}
