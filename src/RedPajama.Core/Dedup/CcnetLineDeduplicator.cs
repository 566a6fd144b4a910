using RedPajama.Udfs.Dedup;

namespace RedPajama.Dedup;

/// <summary>
/// CCNet's paragraph dedup over one group of documents (<c>HashesCollector</c> then <c>DuplicatesRemover</c>): a line
/// whose hash occurs in two or more documents of the group is removed from all of them, the first included; then a
/// line repeated inside a document keeps its first occurrence. A document left without lines is dropped.
/// RedPajama ran it per shard (<c>--hash_in_mem 1</c>): one group is one shard.
/// </summary>
public sealed class CcnetLineDeduplicator
{
    private readonly Dictionary<ulong, bool> _seenTwice = [];

    /// <summary>Phase A: records the line hashes of one document (tested against earlier documents before they are added).</summary>
    /// <param name="text">The document.</param>
    public void Collect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ulong[] hashes = [.. text.Split('\n').Select(CcnetLineHash.Of)];
        bool[] before = [.. hashes.Select(h => _seenTwice.ContainsKey(h))];
        for (int i = 0; i < hashes.Length; i++)
        {
            _seenTwice[hashes[i]] = before[i] || (_seenTwice.TryGetValue(hashes[i], out bool flag) && flag);
        }
    }

    /// <summary>Phase B: the document without its duplicated lines.</summary>
    /// <param name="text">The document.</param>
    /// <returns>The kept text and the indices of the kept lines; null text when no line is left.</returns>
    public (string? Text, int[] KeptLines) Remove(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] lines = text.Split('\n');
        var seenHere = new HashSet<ulong>();
        var kept = new List<int>();
        for (int i = 0; i < lines.Length; i++)
        {
            ulong hash = CcnetLineHash.Of(lines[i]);
            if (hash == 0 || (_seenTwice.TryGetValue(hash, out bool duplicate) && duplicate) || !seenHere.Add(hash))
            {
                continue;
            }

            kept.Add(i);
        }

        return kept.Count == 0 ? (null, []) : (string.Join('\n', kept.Select(i => lines[i])), [.. kept]);
    }
}
