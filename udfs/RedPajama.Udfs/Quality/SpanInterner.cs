using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace RedPajama.Udfs.Quality;

/// <summary>
/// Gives each distinct substring of one source text a dense id in first-seen order (Python's dict order), comparing
/// characters exactly, so counts and "first inserted wins" ties match <c>collections.Counter</c>. A slot holds the
/// hash beside the id, so a probe reads the candidate's characters only when the hashes agree.
/// </summary>
internal sealed class SpanInterner
{
    private Slot[] _slots = new Slot[256];
    private int _mask = 255;
    private Entry[] _entries = new Entry[128];

    /// <summary>Number of distinct substrings so far.</summary>
    public int Count { get; private set; }

    /// <summary>Start of the first occurrence of id <paramref name="id"/>.</summary>
    public int StartOf(int id) => _entries[id].Start;

    /// <summary>Length of id <paramref name="id"/>.</summary>
    public int LengthOf(int id) => _entries[id].Length;

    /// <summary>Forgets every id; <paramref name="expected"/> sizes the table.</summary>
    public void Reset(int expected)
    {
        _mask = SlotArrays.Prepare(ref _slots, expected);
        Count = 0;
    }

    /// <summary>The id of <c>source[start..start+length]</c>, new when unseen.</summary>
    /// <param name="source">The text all ids refer to.</param>
    /// <param name="start">Start of the substring.</param>
    /// <param name="length">Its length.</param>
    /// <param name="added">True when the substring was new.</param>
    public int Intern(ReadOnlySpan<char> source, int start, int length, out bool added)
    {
        ReadOnlySpan<char> value = source.Slice(start, length);
        int hash = Hash(value);
        int slot = hash & _mask;
        while (true)
        {
            ref Slot entry = ref _slots[slot];
            if (entry.IdPlusOne == 0)
            {
                break;
            }

            if (entry.Hash == hash)
            {
                Entry candidate = _entries[entry.IdPlusOne - 1];
                if (candidate.Length == length && source.Slice(candidate.Start, length).SequenceEqual(value))
                {
                    added = false;
                    return entry.IdPlusOne - 1;
                }
            }

            slot = (slot + 1) & _mask;
        }

        int id = Count++;
        if (id == _entries.Length)
        {
            Array.Resize(ref _entries, id * 2);
        }

        _entries[id] = new Entry(start, length);
        _slots[slot] = new Slot { Hash = hash, IdPlusOne = id + 1 };
        added = true;
        if (Count * 2 > _mask + 1)
        {
            Grow();
        }

        return id;
    }

    /// <summary>
    /// A hash for the table: a multiply-xor loop for short spans (words), XXH3 for long ones (lines). Ids never
    /// leave the process, so no seeding is needed.
    /// </summary>
    internal static int Hash(ReadOnlySpan<char> value)
    {
        if (value.Length > 16)
        {
            return (int)XxHash3.HashToUInt64(MemoryMarshal.AsBytes(value));
        }

        ulong hash = (ulong)value.Length * 0x9E3779B97F4A7C15UL;
        foreach (char c in value)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }

        // The multiply leaves the low bits poorly mixed; the table indexes by low bits, so take high ones.
        return (int)((hash * 0x9E3779B97F4A7C15UL) >> 32);
    }

    private void Grow() =>
        SlotArrays.Grow(ref _slots, ref _mask, static s => s.IdPlusOne == 0, static s => s.Hash);

    private struct Slot
    {
        public int Hash;
        public int IdPlusOne;
    }

    private readonly record struct Entry(int Start, int Length);
}
