namespace RedPajama.Engine.Local;

/// <summary>
/// Which records a grouped step dropped (or which took part): one bit per record read, per input file. Memory is records / 8 bytes,
/// whatever the number of duplicates.
/// </summary>
internal sealed class DropMask
{
    private readonly ulong[][] _bits;

    public DropMask(IReadOnlyList<long> recordsPerInput)
    {
        RecordsPerInput = recordsPerInput;
        _bits = new ulong[recordsPerInput.Count][];
        for (int i = 0; i < _bits.Length; i++)
        {
            _bits[i] = new ulong[(recordsPerInput[i] + 63) / 64];
        }
    }

    public IReadOnlyList<long> RecordsPerInput { get; }

    public void Set(int input, long record) => _bits[input][record >> 6] |= 1UL << (int)(record & 63);

    public bool IsSet(int input, long record) => (_bits[input][record >> 6] & (1UL << (int)(record & 63))) != 0;

    /// <summary>Sets a bit; false when it was set already.</summary>
    public bool TrySet(int input, long record)
    {
        ref ulong word = ref _bits[input][record >> 6];
        ulong bit = 1UL << (int)(record & 63);
        bool wasClear = (word & bit) == 0;
        word |= bit;
        return wasClear;
    }

    public long Count() => _bits.Sum(words => words.Sum(w => (long)System.Numerics.BitOperations.PopCount(w)));
}
