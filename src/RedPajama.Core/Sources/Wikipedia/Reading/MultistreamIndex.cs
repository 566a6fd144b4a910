using System.Globalization;
using RedPajama.Reading;

namespace RedPajama.Sources.Wikipedia.Reading;

/// <summary>One line of a multistream index: <c>offset:page_id:title</c>.</summary>
/// <param name="Offset">Byte offset of the bzip2 stream that holds the page.</param>
/// <param name="PageId">The page id.</param>
/// <param name="Title">The title (may itself contain colons).</param>
public readonly record struct MultistreamIndexEntry(long Offset, long PageId, string Title);

/// <summary>
/// The companion index of a multistream dump (<c>*-multistream-index*.txt.bz2</c>): a line <c>offset:page_id:title</c>
/// for every page of the dump, in dump order; <c>offset</c> is the byte offset of the bzip2 stream holding the page.
/// </summary>
public sealed class MultistreamIndex
{
    private readonly long[] _streamOffsets;

    private MultistreamIndex(IReadOnlyList<long> offsets, long pages)
    {
        _streamOffsets = [.. offsets];
        PageCount = pages;
    }

    /// <summary>Pages listed.</summary>
    public long PageCount { get; }

    /// <summary>Offsets of the streams that hold pages, increasing.</summary>
    public IReadOnlyList<long> StreamOffsets => _streamOffsets;

    /// <summary>The index beside a multistream dump: <c>X-multistream.xml.bz2</c> → <c>X-multistream-index.txt.bz2</c>,
    /// <c>X-multistream1.xml-p1p41242.bz2</c> → <c>X-multistream-index1.txt-p1p41242.bz2</c>; null when absent.</summary>
    /// <param name="dumpPath">The dump's path.</param>
    /// <returns>The index path, or null.</returns>
    public static string? FindBeside(string dumpPath)
    {
        ArgumentNullException.ThrowIfNull(dumpPath);
        string directory = Path.GetDirectoryName(dumpPath) ?? ".";
        string name = Path.GetFileName(dumpPath);
        int at = name.IndexOf("multistream", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        string after = name[(at + "multistream".Length)..];
        int xml = after.IndexOf(".xml", StringComparison.Ordinal);
        if (xml < 0)
        {
            return null;
        }

        string candidate = Path.Combine(directory, name[..at] + "multistream-index" + after[..xml] + ".txt" + after[(xml + 4)..]);
        return File.Exists(candidate) ? candidate : null;
    }

    /// <summary>Reads an index file (bzip2-compressed when it ends in <c>.bz2</c>).</summary>
    /// <param name="path">The index path.</param>
    /// <returns>The index.</returns>
    public static MultistreamIndex Load(string path)
    {
        using Stream raw = InputStreams.OpenRaw(path);
        using Stream text = Bzip2.IsBzip2(path) ? Bzip2.OpenRead(raw) : InputStreams.Decompress(raw, path);
        using var reader = new StreamReader(text);
        return Parse(reader);
    }

    /// <summary>Parses index lines; blank lines are skipped, malformed ones throw <see cref="InvalidDataException"/>.</summary>
    /// <param name="reader">The index text.</param>
    /// <returns>The index.</returns>
    public static MultistreamIndex Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var offsets = new List<long>();
        long pages = 0;
        long line = 0;
        foreach (MultistreamIndexEntry entry in Entries(reader))
        {
            line++;
            if (offsets.Count == 0 || entry.Offset != offsets[^1])
            {
                if (offsets.Count > 0 && entry.Offset < offsets[^1])
                {
                    throw new InvalidDataException($"multistream index line {line}: offset {entry.Offset} is smaller than the one before");
                }

                offsets.Add(entry.Offset);
            }

            pages++;
        }

        return new MultistreamIndex(offsets, pages);
    }

    /// <summary>The entries of an index text, in order.</summary>
    /// <param name="reader">The index text.</param>
    /// <returns>The entries.</returns>
    public static IEnumerable<MultistreamIndexEntry> Entries(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        long number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            int first = line.IndexOf(':', StringComparison.Ordinal);
            int second = first < 0 ? -1 : line.IndexOf(':', first + 1);
            if (second < 0
                || !long.TryParse(line.AsSpan(0, first), NumberStyles.None, CultureInfo.InvariantCulture, out long offset)
                || !long.TryParse(line.AsSpan(first + 1, second - first - 1), NumberStyles.None, CultureInfo.InvariantCulture, out long id))
            {
                throw new InvalidDataException($"multistream index line {number} is not offset:page_id:title");
            }

            yield return new MultistreamIndexEntry(offset, id, line[(second + 1)..]);
        }
    }
}
