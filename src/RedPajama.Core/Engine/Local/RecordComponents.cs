using RedPajama.Dedup;
using RedPajama.Documents;

namespace RedPajama.Engine.Local;

/// <summary>
/// Connected components over every record of a run, numbered in order-key order (input, then record), so a
/// component's smallest number is its earliest document whatever order the joins came in.
/// </summary>
internal sealed class RecordComponents
{
    private readonly long[] _offsets;
    private readonly UnionFind _sets;

    public RecordComponents(IReadOnlyList<long> recordsPerInput)
    {
        _offsets = new long[recordsPerInput.Count + 1];
        for (int i = 0; i < recordsPerInput.Count; i++)
        {
            _offsets[i + 1] = _offsets[i] + recordsPerInput[i];
        }

        if (_offsets[^1] > Array.MaxLength)
        {
            throw new InvalidOperationException(
                $"near dedup on the local engine handles up to {Array.MaxLength} records per run, not {_offsets[^1]}; split the run or use the Spark engine");
        }

        _sets = new UnionFind((int)_offsets[^1]);
    }

    /// <summary>Joins two documents' components.</summary>
    public void Link(OrderKey a, OrderKey b) => _sets.Union(Number(a), Number(b));

    /// <summary>Marks every record that is not its component's earliest; returns how many were not marked before.</summary>
    public long MarkAllButEarliest(DropMask mask)
    {
        long marked = 0;
        for (int input = 0; input < _offsets.Length - 1; input++)
        {
            for (long record = 0; record < _offsets[input + 1] - _offsets[input]; record++)
            {
                int number = (int)(_offsets[input] + record);
                if (_sets.Find(number) != number && mask.TrySet(input, record))
                {
                    marked++;
                }
            }
        }

        return marked;
    }

    /// <summary>The run-wide number of the earliest record of a record's component (its own when alone).</summary>
    public long ClusterOf(int input, long record) => _sets.Find((int)(_offsets[input] + record));

    private int Number(OrderKey order) => (int)(_offsets[order.Input] + order.Record);
}
