namespace RedPajama.Udfs.Code.Licenses;

/// <summary>
/// The words of the licence texts, numbered 0…<see cref="Count"/>−1, looked up by span (no string per word of a
/// file). Open addressing over a power-of-two table. Filled once while loading, read-only (and thread-safe) after.
/// </summary>
internal sealed class LicenseVocabulary
{
    /// <summary>The state <see cref="Hash"/> starts from.</summary>
    public const uint HashSeed = 2166136261;

    private readonly List<string> words = [];
    private int[] slots = new int[1024];

    /// <summary>Creates an empty vocabulary.</summary>
    public LicenseVocabulary() => Array.Fill(slots, -1);

    /// <summary>The number of words.</summary>
    public int Count => words.Count;

    /// <summary>The number of a word, adding it when it is new.</summary>
    /// <param name="word">The word.</param>
    /// <returns>Its number.</returns>
    public int Add(ReadOnlySpan<char> word)
    {
        int slot = Slot(word, Hash(word));
        if (slots[slot] >= 0)
        {
            return slots[slot];
        }

        int id = words.Count;
        words.Add(word.ToString());
        slots[slot] = id;
        if (words.Count * 2 > slots.Length)
        {
            Grow();
        }

        return id;
    }

    /// <summary>The number of a word, or −1 when no licence text has it.</summary>
    /// <param name="word">The word.</param>
    /// <returns>Its number or −1.</returns>
    public int Find(ReadOnlySpan<char> word) => slots[Slot(word, Hash(word))];

    /// <summary>The number of a word whose <see cref="Hash"/> is known, or −1 when no licence text has it.</summary>
    /// <param name="word">The word.</param>
    /// <param name="hash">Its hash.</param>
    /// <returns>Its number or −1.</returns>
    public int Find(ReadOnlySpan<char> word, int hash) => slots[Slot(word, hash)];

    private int Slot(ReadOnlySpan<char> word, int hash)
    {
        int mask = slots.Length - 1;
        int slot = hash & mask;
        while (slots[slot] >= 0 && !word.SequenceEqual(words[slots[slot]]))
        {
            slot = (slot + 1) & mask;
        }

        return slot;
    }

    /// <summary>FNV-1a over the characters, folded: cheap for short words, and stable (no per-process seed).</summary>
    /// <param name="word">The word.</param>
    /// <returns>The hash.</returns>
    public static int Hash(ReadOnlySpan<char> word)
    {
        uint hash = HashSeed;
        foreach (char c in word)
        {
            hash = HashStep(hash, c);
        }

        return HashFinish(hash);
    }

    /// <summary>One character into the hash state.</summary>
    /// <param name="hash">The state.</param>
    /// <param name="c">The character.</param>
    /// <returns>The new state.</returns>
    public static uint HashStep(uint hash, char c) => (hash ^ c) * 16777619;

    /// <summary>The hash of a state.</summary>
    /// <param name="hash">The state after the last character.</param>
    /// <returns>The hash.</returns>
    public static int HashFinish(uint hash) => (int)(hash ^ (hash >> 15));

    private void Grow()
    {
        slots = new int[slots.Length * 2];
        Array.Fill(slots, -1);
        for (int id = 0; id < words.Count; id++)
        {
            slots[Slot(words[id], Hash(words[id]))] = id;
        }
    }
}
