namespace RedPajama.Udfs.Quality;

/// <summary>
/// A pre-filter for the repeat tables of a huge document: two bitmaps over hash bits (seen once, seen again) tell,
/// with false positives only, which hashes occur more than once, so items whose hash no other item shares need no
/// table entry. Reused from one document (and n) to the next; its buffer only grows.
/// </summary>
internal sealed class RepeatBitmap
{
    private ulong[] _words = new ulong[64];
    private int _again;

    /// <summary>The mask a hash bit is reduced by: bit count minus one.</summary>
    public int Mask { get; private set; }

    /// <summary>Clears the bitmaps and sizes them at 8 bits per item at least (a power of two).</summary>
    /// <param name="items">How many items will be added.</param>
    public void Reset(int items)
    {
        int words = 1;
        while (words * 64L < items * 8L)
        {
            words <<= 1;
        }

        if (_words.Length < 2 * words)
        {
            _words = new ulong[2 * words];
        }

        _words.AsSpan(0, 2 * words).Clear();
        _again = words;
        Mask = (words * 64) - 1;
    }

    /// <summary>Records one item with hash bit <paramref name="bit"/> (already reduced by <see cref="Mask"/>).</summary>
    public void Add(int bit)
    {
        ulong flag = 1UL << bit;
        ref ulong once = ref _words[bit >> 6];
        if ((once & flag) != 0)
        {
            _words[_again + (bit >> 6)] |= flag;
        }

        once |= flag;
    }

    /// <summary>Whether an item with hash bit <paramref name="bit"/> may occur more than once.</summary>
    public bool MayRepeat(int bit) => (_words[_again + (bit >> 6)] & (1UL << bit)) != 0;
}
