using System.Numerics;

namespace RedPajama.Udfs.Code.Licenses;

/// <summary>
/// The distinct words of one file, in buffers kept per thread: the numbers of the words the licences have (marked in
/// a stamp array, so nothing is cleared between files) and the others as spans of the text, in an open-addressing
/// table. <see cref="For"/> hands out the calling thread's instance, reset.
/// </summary>
internal sealed class FileWords
{
    [ThreadStatic]
    private static FileWords? perThread;

    private int[] stamps = [];
    private int generation;
    private int[] tally = [];

    // The distinct unknown words, as (start, length) in the text, in an open-addressing table of their indices.
    private int[] unknownSlots = CreateSlots(256);
    private int[] unknownStarts = new int[64];
    private int[] unknownLengths = new int[64];
    private int[] usedSlots = new int[64];
    private string unknownText = string.Empty;

    /// <summary>The numbers of the distinct licence words of the file.</summary>
    public List<int> Known { get; } = [];

    /// <summary>How many distinct words of the file no licence has.</summary>
    public int UnknownCount { get; private set; }

    /// <summary>This thread's instance, emptied for a vocabulary and a number of licences.</summary>
    /// <param name="vocabularySize">The number of licence words.</param>
    /// <param name="licenseCount">The number of licences.</param>
    /// <returns>The instance.</returns>
    public static FileWords For(int vocabularySize, int licenseCount)
    {
        FileWords current = perThread ??= new FileWords();
        current.Reset(vocabularySize, licenseCount);
        return current;
    }

    /// <summary>Adds a licence word (again: no change).</summary>
    /// <param name="id">Its number.</param>
    public void AddKnown(int id)
    {
        if (stamps[id] != generation)
        {
            stamps[id] = generation;
            Known.Add(id);
        }
    }

    /// <summary>Adds a word no licence has (again: no change).</summary>
    /// <param name="text">The text (the same for every word of the file).</param>
    /// <param name="start">Where the word starts.</param>
    /// <param name="length">Its length.</param>
    /// <param name="hash">Its <see cref="LicenseVocabulary.Hash"/>.</param>
    public void AddUnknown(string text, int start, int length, int hash)
    {
        unknownText = text;
        if ((UnknownCount + 1) * 2 > unknownSlots.Length)
        {
            GrowUnknown();
        }

        ReadOnlySpan<char> word = text.AsSpan(start, length);
        int mask = unknownSlots.Length - 1;
        int slot = hash & mask;
        while (unknownSlots[slot] >= 0)
        {
            int other = unknownSlots[slot];
            if (word.SequenceEqual(text.AsSpan(unknownStarts[other], unknownLengths[other])))
            {
                return;
            }

            slot = (slot + 1) & mask;
        }

        if (UnknownCount == unknownStarts.Length)
        {
            Array.Resize(ref unknownStarts, UnknownCount * 2);
            Array.Resize(ref unknownLengths, UnknownCount * 2);
            Array.Resize(ref usedSlots, UnknownCount * 2);
        }

        unknownStarts[UnknownCount] = start;
        unknownLengths[UnknownCount] = length;
        usedSlots[UnknownCount] = slot;
        unknownSlots[slot] = UnknownCount++;
    }

    /// <summary>For each licence, how many of the file's licence words it has (bit <c>i</c> of a word's masks is licence <c>i</c>).</summary>
    /// <param name="masks">Per word, <paramref name="width"/> masks of licences.</param>
    /// <param name="width">Masks per word.</param>
    /// <returns>Counts per licence, in a buffer the next call reuses.</returns>
    public int[] Tally(ulong[] masks, int width)
    {
        Array.Clear(tally);
        foreach (int id in Known)
        {
            int offset = id * width;
            for (int w = 0; w < width; w++)
            {
                ulong mask = masks[offset + w];
                while (mask != 0)
                {
                    tally[(w * 64) + BitOperations.TrailingZeroCount(mask)]++;
                    mask &= mask - 1;
                }
            }
        }

        return tally;
    }

    private static int[] CreateSlots(int size)
    {
        int[] slots = new int[size];
        Array.Fill(slots, -1);
        return slots;
    }

    private void GrowUnknown()
    {
        unknownSlots = CreateSlots(unknownSlots.Length * 2);
        int mask = unknownSlots.Length - 1;
        for (int i = 0; i < UnknownCount; i++)
        {
            int slot = LicenseVocabulary.Hash(unknownText.AsSpan(unknownStarts[i], unknownLengths[i])) & mask;
            while (unknownSlots[slot] >= 0)
            {
                slot = (slot + 1) & mask;
            }

            unknownSlots[slot] = i;
            usedSlots[i] = slot;
        }
    }

    private void Reset(int vocabularySize, int licenseCount)
    {
        Known.Clear();
        for (int i = 0; i < UnknownCount; i++)
        {
            unknownSlots[usedSlots[i]] = -1;
        }

        UnknownCount = 0;
        unknownText = string.Empty;
        if (stamps.Length < vocabularySize || generation == int.MaxValue)
        {
            stamps = new int[Math.Max(vocabularySize, stamps.Length)];
            generation = 0;
        }

        generation++;
        if (tally.Length != licenseCount)
        {
            tally = new int[licenseCount];
        }
    }
}
