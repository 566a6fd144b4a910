using RedPajama.Pipeline;

namespace RedPajama.Engine.Local;

/// <summary>
/// Runs one keyed step over the key files the read phase wrote: sorts the entries by (key, order key) — in memory
/// when they fit the budget, otherwise hash-partitioned on disk and sorted one partition at a time — and marks in a
/// <see cref="DropMask"/> every entry after the first of its key, or, for a step with several keys per document,
/// every document after the earliest of its connected component.
/// </summary>
internal sealed class KeyedPhase(string temporaryDirectory, long memoryBytes)
{
    // A KeyEntry takes 32 bytes in an array; leave room for the sort.
    private const int BytesPerEntryInMemory = 40;

    public StepStatistics Run(KeyedStep step, int stepIndex, IReadOnlyList<string> keyFiles, DropMask mask, IReadOnlyList<DropMask> earlierMasks, out RecordComponents? components)
    {
        var statistics = new StepStatistics(step.Name);
        components = null;
        if (step.KeysPerDocument == 1)
        {
            ForEachSortedPartition(stepIndex, keyFiles, earlierMasks, entries => DropAfterFirst(step, statistics, entries, mask));
            return statistics;
        }

        // Several keys per document: every group of equal keys joins its documents, partition by partition, in one
        // union-find over all records (4 bytes per record, outside the partition budget); then each component keeps
        // its smallest record, which is its earliest by order key because records are numbered in that order.
        var joined = new RecordComponents(mask.RecordsPerInput);
        long entriesSeen = 0;
        ForEachSortedPartition(stepIndex, keyFiles, earlierMasks, entries =>
        {
            entriesSeen += entries.Count;
            joined.JoinEqualKeys(entries);
        });

        components = joined;
        long taking = entriesSeen / step.KeysPerDocument;
        long dropped = joined.MarkAllButEarliest(mask);
        statistics.In += taking;
        statistics.Kept += taking - dropped;
        if (dropped > 0)
        {
            statistics.AddDropped(step.DropReason, dropped);
        }

        return statistics;
    }

    private void ForEachSortedPartition(int stepIndex, IReadOnlyList<string> keyFiles, IReadOnlyList<DropMask> earlierMasks, Action<List<KeyEntry>> decide)
    {
        long totalEntries = keyFiles.Sum(f => new FileInfo(f).Length / KeyEntry.SerializedBytes);
        long fitting = Math.Max(1, memoryBytes / BytesPerEntryInMemory);
        int partitions = (int)Math.Min(4096, (totalEntries + fitting - 1) / fitting);
        if (partitions <= 1)
        {
            List<KeyEntry> entries = Load(keyFiles, earlierMasks, totalEntries);
            entries.Sort();
            decide(entries);
            return;
        }

        string[] partitionFiles = Partition(keyFiles, earlierMasks, partitions, stepIndex);
        foreach (string partition in partitionFiles)
        {
            List<KeyEntry> entries = Load([partition], [], new FileInfo(partition).Length / KeyEntry.SerializedBytes);
            entries.Sort();
            decide(entries);
            File.Delete(partition);
        }
    }

    private static List<KeyEntry> Load(IReadOnlyList<string> files, IReadOnlyList<DropMask> earlierMasks, long count)
    {
        var entries = new List<KeyEntry>((int)Math.Min(count, Array.MaxLength));
        entries.AddRange(ReadEntries(files, earlierMasks));
        return entries;
    }

    private static void DropAfterFirst(KeyedStep step, StepStatistics statistics, List<KeyEntry> entries, DropMask mask)
    {
        long dropped = 0;
        for (int i = 1; i < entries.Count; i++)
        {
            if (entries[i].Key == entries[i - 1].Key)
            {
                mask.Set(entries[i].Order.Input, entries[i].Order.Record);
                dropped++;
            }
        }

        statistics.In += entries.Count;
        statistics.Kept += entries.Count - dropped;
        if (dropped > 0)
        {
            statistics.AddDropped(step.DropReason, dropped);
        }
    }

    private static IEnumerable<KeyEntry> ReadEntries(IReadOnlyList<string> files, IReadOnlyList<DropMask> earlierMasks)
    {
        foreach (string file in files)
        {
            using var reader = new BinaryReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16));
            long count = reader.BaseStream.Length / KeyEntry.SerializedBytes;
            for (long i = 0; i < count; i++)
            {
                KeyEntry entry = KeyEntry.ReadFrom(reader);
                if (!DroppedEarlier(entry, earlierMasks))
                {
                    yield return entry;
                }
            }
        }
    }

    private static bool DroppedEarlier(KeyEntry entry, IReadOnlyList<DropMask> earlierMasks)
    {
        foreach (DropMask mask in earlierMasks)
        {
            if (mask.IsSet(entry.Order.Input, entry.Order.Record))
            {
                return true;
            }
        }

        return false;
    }

    private string[] Partition(IReadOnlyList<string> keyFiles, IReadOnlyList<DropMask> earlierMasks, int partitions, int stepIndex)
    {
        string[] paths = Enumerable.Range(0, partitions)
            .Select(p => Path.Combine(temporaryDirectory, $"keys-{stepIndex}-partition-{p:D4}.bin"))
            .ToArray();
        var writers = paths
            .Select(p => new BinaryWriter(new FileStream(p, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 14)))
            .ToArray();
        try
        {
            foreach (KeyEntry entry in ReadEntries(keyFiles, earlierMasks))
            {
                // The low bits of a good hash spread keys evenly; equal keys land in the same partition.
                entry.WriteTo(writers[(int)((ulong)entry.Key % (ulong)partitions)]);
            }
        }
        finally
        {
            foreach (BinaryWriter writer in writers)
            {
                writer.Dispose();
            }
        }

        return paths;
    }
}
