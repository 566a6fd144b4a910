using RedPajama.Documents;
using RedPajama.Pipeline;

namespace RedPajama.Engine.Local;

/// <summary>
/// The edits one grouped step sent back, kept on disk until the next pass applies them input by input. Edits are
/// appended to bucket files by input range while groups are decided (in key order, so any input's edits may come at
/// any time); the next pass loads a bucket when the first of its inputs asks and frees it when the last is done, so
/// memory holds about one bucket per thread, not every edit of the run.
/// </summary>
internal sealed class EditStore : IDisposable
{
    private const int MaxBuckets = 256;

    private readonly string[] _paths;
    private readonly BinaryWriter?[] _writers;
    private readonly int _inputs;
    private readonly object _gate = new();
    private readonly Dictionary<int, (Dictionary<int, Dictionary<long, List<GroupEdit>>> Edits, int Pending)> _loaded = [];

    public EditStore(string directory, int stepIndex, int inputs)
    {
        _inputs = Math.Max(1, inputs);
        int buckets = Math.Min(MaxBuckets, _inputs);
        _paths = [.. Enumerable.Range(0, buckets).Select(b => Path.Combine(directory, $"edits-{stepIndex}-{b:D3}.bin"))];
        _writers = new BinaryWriter?[buckets];
    }

    /// <summary>Records an edit (one thread, while groups are decided).</summary>
    public void Add(OrderKey order, int entry, ReadOnlySpan<byte> value)
    {
        int bucket = Bucket(order.Input);
        BinaryWriter writer = _writers[bucket] ??= new BinaryWriter(new FileStream(_paths[bucket], FileMode.Create, FileAccess.Write, FileShare.None, 1 << 14));
        writer.Write(order.Input);
        writer.Write(order.Record);
        writer.Write(entry);
        writer.Write(value.Length);
        writer.Write(value);
    }

    /// <summary>Closes the bucket files once every group is decided.</summary>
    public void Complete()
    {
        for (int b = 0; b < _writers.Length; b++)
        {
            _writers[b]?.Dispose();
            _writers[b] = null;
        }
    }

    /// <summary>
    /// The edits of one input by record, each record's sorted by entry (empty when it has none). Every input is taken
    /// exactly once; the bucket is freed after its last input.
    /// </summary>
    public IReadOnlyDictionary<long, List<GroupEdit>> Take(int input)
    {
        int bucket = Bucket(input);
        lock (_gate)
        {
            if (!_loaded.TryGetValue(bucket, out var loaded))
            {
                loaded = (Load(bucket), InputsOf(bucket));
            }

            loaded.Pending--;
            if (loaded.Pending == 0)
            {
                _loaded.Remove(bucket);
            }
            else
            {
                _loaded[bucket] = loaded;
            }

            return loaded.Edits.TryGetValue(input, out var edits) ? edits : new Dictionary<long, List<GroupEdit>>();
        }
    }

    public void Dispose()
    {
        Complete();
        foreach (string path in _paths)
        {
            File.Delete(path);
        }
    }

    private int Bucket(int input) => (int)((long)input * _paths.Length / _inputs);

    private int InputsOf(int bucket) => Enumerable.Range(0, _inputs).Count(i => Bucket(i) == bucket);

    private Dictionary<int, Dictionary<long, List<GroupEdit>>> Load(int bucket)
    {
        var byInput = new Dictionary<int, Dictionary<long, List<GroupEdit>>>();
        if (!File.Exists(_paths[bucket]))
        {
            return byInput;
        }

        using var reader = new BinaryReader(new FileStream(_paths[bucket], FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan));
        while (reader.BaseStream.Position < reader.BaseStream.Length)
        {
            int input = reader.ReadInt32();
            long record = reader.ReadInt64();
            int entry = reader.ReadInt32();
            byte[] value = reader.ReadBytes(reader.ReadInt32());
            if (!byInput.TryGetValue(input, out var records))
            {
                byInput[input] = records = [];
            }

            if (!records.TryGetValue(record, out var edits))
            {
                records[record] = edits = [];
            }

            edits.Add(new GroupEdit(entry, value));
        }

        foreach (var edits in byInput.Values.SelectMany(r => r.Values))
        {
            edits.Sort(static (a, b) => a.Entry.CompareTo(b.Entry));
        }

        return byInput;
    }
}
