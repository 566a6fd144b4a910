using RedPajama.Documents;
using RedPajama.Pipeline;

namespace RedPajama.Engine.Local;

/// <summary>
/// Runs one grouped step over the entry files a pass wrote: sorts the entries by (key, order key, entry) — in memory
/// when they fit the budget, otherwise hash-partitioned on disk and sorted one partition at a time — and gives every
/// run of equal keys to <see cref="GroupedStep.Decide"/>. Drops go to a <see cref="DropMask"/> (one bit per record,
/// whatever the number of duplicates), links to a union-find over all records (<see cref="RecordComponents"/>, 4 bytes
/// a record; each component then keeps its earliest record), edits to an <see cref="EditStore"/>. Entries of records
/// dropped by an earlier grouped step of the same pass take no part.
/// </summary>
/// <param name="temporaryDirectory">Where partition and edit files go.</param>
/// <param name="memoryBytes">The budget for the entries of one partition.</param>
internal sealed class GroupingPhase(string temporaryDirectory, long memoryBytes)
{
    // A GroupEntry takes 48 bytes in the list (sized to the exact count, so no growth doubles it).
    private const int BytesPerEntryInMemory = 48;

    public GroupingResult Run(GroupedStep step, int stepIndex, IReadOnlyList<string> entryFiles, IReadOnlyList<long> recordsPerInput, IReadOnlyList<DropMask> earlierMasks)
    {
        var dropped = new DropMask(recordsPerInput);
        var participants = new DropMask(recordsPerInput);
        RecordComponents? components = step.LinksDocuments ? new RecordComponents(recordsPerInput) : null;
        EditStore? edits = step.EditsDocuments ? new EditStore(temporaryDirectory, stepIndex, recordsPerInput.Count) : null;
        var verdicts = new GroupVerdicts();
        var members = new GroupMember[16];
        long drops = 0;
        try
        {
            ForEachSortedPartition(stepIndex, entryFiles, earlierMasks, (entries, arena) =>
            {
                int start = 0;
                for (int i = 1; i <= entries.Count; i++)
                {
                    if (i < entries.Count && entries[i].Key == entries[start].Key)
                    {
                        continue;
                    }

                    int count = i - start;
                    for (int j = start; j < i; j++)
                    {
                        participants.Set(entries[j].Order.Input, entries[j].Order.Record);
                    }

                    if (count >= 2 || step.DecidesSingletons)
                    {
                        if (members.Length < count)
                        {
                            members = new GroupMember[Math.Max(count, members.Length * 2)];
                        }

                        for (int j = 0; j < count; j++)
                        {
                            GroupEntry entry = entries[start + j];
                            members[j] = new GroupMember(entry.Order, entry.Entry, arena.AsMemory(entry.PayloadOffset, entry.PayloadLength));
                        }

                        verdicts.Clear();
                        step.Decide(members.AsSpan(0, count), verdicts);
                        drops += Record(step, members, verdicts, dropped, components, edits);
                    }

                    start = i;
                }
            });

            if (components is not null)
            {
                drops += components.MarkAllButEarliest(dropped);
            }

            edits?.Complete();
        }
        catch
        {
            edits?.Dispose();
            throw;
        }

        var statistics = new StepStatistics(step.Name);
        statistics.In = participants.Count();
        statistics.Kept = statistics.In - drops;
        if (drops > 0)
        {
            statistics.AddDropped(step.DropReason, drops);
        }

        return new GroupingResult(dropped, components, edits, statistics);
    }

    private static long Record(GroupedStep step, GroupMember[] members, GroupVerdicts verdicts, DropMask dropped, RecordComponents? components, EditStore? edits)
    {
        long drops = 0;
        foreach (int member in verdicts.Drops)
        {
            OrderKey order = members[member].Order;
            drops += dropped.TrySet(order.Input, order.Record) ? 1 : 0;
        }

        foreach ((int a, int b) in verdicts.Links)
        {
            (components ?? throw new InvalidOperationException($"{step.Name} links documents but does not say so (LinksDocuments)"))
                .Link(members[a].Order, members[b].Order);
        }

        for (int e = 0; e < verdicts.EditCount; e++)
        {
            GroupMember member = members[verdicts.EditMember(e)];
            (edits ?? throw new InvalidOperationException($"{step.Name} edits documents but does not say so (EditsDocuments)"))
                .Add(member.Order, member.Entry, verdicts.EditValue(e));
        }

        return drops;
    }

    private void ForEachSortedPartition(int stepIndex, IReadOnlyList<string> entryFiles, IReadOnlyList<DropMask> earlierMasks, Action<List<GroupEntry>, byte[]> decide)
    {
        (long entries, long payloadBytes) = Total(entryFiles.Select(GroupEntryWriter.Count));
        long needed = MemoryFor(entries, payloadBytes);
        int partitions = (int)Math.Min(4096, (needed + memoryBytes - 1) / Math.Max(1, memoryBytes));
        if (partitions <= 1)
        {
            Decide(entryFiles, earlierMasks, entries, payloadBytes, decide);
            return;
        }

        string[] partitionFiles = Partition(entryFiles, earlierMasks, partitions, stepIndex);
        foreach (string partition in partitionFiles)
        {
            (long partEntries, long partPayloadBytes) = GroupEntryWriter.Count(partition);
            Decide([partition], [], partEntries, partPayloadBytes, decide);
            File.Delete(partition);
        }
    }

    // An entry takes BytesPerEntryInMemory in the list and its payload in the arena, both sized exactly up front.
    private static long MemoryFor(long entries, long payloadBytes) => (entries * BytesPerEntryInMemory) + payloadBytes;

    private static (long Entries, long PayloadBytes) Total(IEnumerable<(long Entries, long PayloadBytes)> counts)
    {
        (long entries, long payloadBytes) = (0, 0);
        foreach ((long e, long p) in counts)
        {
            entries += e;
            payloadBytes += p;
        }

        return (entries, payloadBytes);
    }

    private static void Decide(IReadOnlyList<string> files, IReadOnlyList<DropMask> earlierMasks, long entryCount, long payloadBytes, Action<List<GroupEntry>, byte[]> decide)
    {
        var entries = new List<GroupEntry>((int)Math.Min(entryCount, Array.MaxLength));
        var arena = new ByteArena((int)Math.Min(payloadBytes, Array.MaxLength));
        foreach (string file in files)
        {
            using var reader = new GroupEntryReader(file);
            while (reader.TryRead())
            {
                if (DroppedEarlier(reader.Order, earlierMasks))
                {
                    continue;
                }

                entries.Add(new GroupEntry(reader.Key, reader.Order, reader.Entry, arena.Append(reader.Payload), reader.PayloadLength));
            }
        }

        entries.Sort();
        decide(entries, arena.Buffer);
    }

    private static bool DroppedEarlier(OrderKey order, IReadOnlyList<DropMask> earlierMasks)
    {
        foreach (DropMask mask in earlierMasks)
        {
            if (mask.IsSet(order.Input, order.Record))
            {
                return true;
            }
        }

        return false;
    }

    private string[] Partition(IReadOnlyList<string> entryFiles, IReadOnlyList<DropMask> earlierMasks, int partitions, int stepIndex)
    {
        string[] paths = Enumerable.Range(0, partitions)
            .Select(p => Path.Combine(temporaryDirectory, $"entries-{stepIndex}-partition-{p:D4}.bin"))
            .ToArray();
        var writers = paths.Select(p => new GroupEntryWriter(p)).ToArray();
        try
        {
            foreach (string file in entryFiles)
            {
                using var reader = new GroupEntryReader(file);
                while (reader.TryRead())
                {
                    if (!DroppedEarlier(reader.Order, earlierMasks))
                    {
                        // The low bits of a good hash spread keys evenly; equal keys land in the same partition.
                        writers[(int)((ulong)reader.Key % (ulong)partitions)].Write(reader.Key, reader.Order, reader.Entry, reader.Payload);
                    }
                }
            }
        }
        finally
        {
            foreach (GroupEntryWriter writer in writers)
            {
                writer.Dispose();
            }
        }

        return paths;
    }
}
