namespace RedPajama.Reading;

/// <summary>
/// Puts a run's inputs in their order, shared by the local resolver (<see cref="InputResolver"/>) and the Spark
/// driver's: files sort ordinally by full path; a listing sorts by its own path and its entries follow in listing
/// order (the order CommonCrawl lists a dump's segments, never re-sorted). A shard (<see cref="InputShard"/>) then
/// keeps its range of the whole list — with one listing, cc_net's range of the dump's segments — and the inputs it
/// keeps are numbered from 0 in that order. Entries that name no input keep their place in the list, so they do
/// not move the shard ranges, and become input problems of the shard that holds them.
/// </summary>
public sealed class InputListBuilder
{
    private readonly SortedDictionary<string, IReadOnlyList<ListingEntry>?> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _lengths = new(StringComparer.Ordinal);

    /// <summary>Adds a file (again: nothing changes).</summary>
    /// <param name="path">Its full path (or Spark path, or URL).</param>
    /// <param name="length">Its size in bytes; 0 when not known.</param>
    public void AddFile(string path, long length)
    {
        ArgumentNullException.ThrowIfNull(path);
        _groups.TryAdd(path, null);
        _lengths[path] = length;
    }

    /// <summary>Adds the entries of a listing.</summary>
    /// <param name="listing">The listing's full path or URL: where its entries sort.</param>
    /// <param name="entries">The entries, in listing order.</param>
    public void AddListing(string listing, IReadOnlyList<ListingEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(entries);
        _groups[listing] = entries;
    }

    /// <summary>The number of inputs (listing entries included, malformed or not) before sharding.</summary>
    public int Count => _groups.Values.Sum(g => g?.Count ?? 1);

    /// <summary>Numbers the inputs of <paramref name="shard"/> (all of them when null).</summary>
    /// <param name="problems">Problems found before (arguments that matched nothing); kept first.</param>
    /// <param name="shard">The shard, or null.</param>
    /// <returns>The inputs and the problems.</returns>
    public InputResolution Build(IEnumerable<InputError> problems, InputShard? shard = null)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var all = new List<(string Path, long Length, bool Listed, InputError? Error)>();
        foreach ((string key, IReadOnlyList<ListingEntry>? entries) in _groups)
        {
            if (entries is null)
            {
                all.Add((key, _lengths[key], false, null));
                continue;
            }

            foreach (ListingEntry entry in entries)
            {
                all.Add(entry.Path is { } path
                    ? (path, LocalLength(path), true, null)
                    : (string.Empty, 0, true, new InputError($"{key}:{entry.Line}", entry.Error ?? "malformed entry", 0)));
            }
        }

        // With hash_in_mem > 1 the run reads the shard's whole group (for paragraph dedup) and writes its own range only.
        (int start, int end) = shard?.GroupRangeOf(all.Count) ?? (0, all.Count);
        (int ownStart, int ownEnd) = shard?.RangeOf(all.Count) ?? (0, all.Count);
        var files = new List<InputFile>(end - start);
        var found = new List<InputError>(problems);
        int firstWritten = 0;
        int endWritten = 0;
        for (int i = start; i < end; i++)
        {
            // The written range in file indices: the files added before the shard's first and after its last input.
            firstWritten = i == ownStart ? files.Count : firstWritten;
            var (path, length, listed, error) = all[i];
            if (error is not null)
            {
                // Another shard's malformed entry is that shard's to report.
                if (i >= ownStart && i < ownEnd)
                {
                    found.Add(error);
                }
            }
            else
            {
                files.Add(new InputFile(files.Count, path, length, listed));
            }

            endWritten = i < ownEnd ? files.Count : endWritten;
        }

        return new InputResolution(files, found) { WrittenInputs = shard is { HashInMem: > 1 } ? (firstWritten, endWritten) : null };
    }

    // A listed local file's size for shard planning; a missing one is the reader's to report, as an input error.
    private static long LocalLength(string path) =>
        !InputStreams.IsUrl(path) && File.Exists(path) ? new FileInfo(path).Length : 0;
}
