using ICSharpCode.SharpZipLib;
using ICSharpCode.SharpZipLib.BZip2;
using RedPajama.Reading;

namespace RedPajama.Sources.Wikipedia.Reading;

/// <summary>
/// Finds the bzip2 streams of a multistream dump and splits it into ranges of whole streams that decode independently
/// (in parallel): from the dump's index when there is one, else by scanning for a stream start — the header
/// <c>BZh1</c>..<c>BZh9</c> directly followed by the block magic <c>0x314159265359</c> (byte-aligned only at a stream
/// start). Compressed data can hold those ten bytes by chance, so a scanned offset is used as a range boundary only
/// after decoding the stream there (<see cref="VerifyStreamStart"/>), and a range whose last stream overruns its end
/// fails (<see cref="Bzip2.OpenRange(Stream, long, bool)"/>).
/// </summary>
public static class Bzip2Blocks
{
    private static readonly byte[] BlockMagic = [0x31, 0x41, 0x59, 0x26, 0x53, 0x59];

    /// <summary>Offsets of every candidate stream start in a file, increasing (unverified).</summary>
    /// <param name="path">A bzip2 file.</param>
    /// <returns>The offsets.</returns>
    public static IEnumerable<long> FindStreamStarts(string path)
    {
        using FileStream file = InputStreams.OpenRaw(path);
        foreach (long offset in FindStreamStarts(file))
        {
            yield return offset;
        }
    }

    /// <summary>Offsets of every candidate stream start in a stream read from its current position (offsets relative to it).</summary>
    /// <param name="stream">The compressed bytes.</param>
    /// <returns>The offsets.</returns>
    public static IEnumerable<long> FindStreamStarts(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        const int Pattern = 10;
        byte[] buffer = new byte[1 << 20];
        int kept = 0;
        long bufferStart = 0;
        while (true)
        {
            int read = stream.Read(buffer, kept, buffer.Length - kept);
            int length = kept + read;
            bool last = read == 0;
            int searchEnd = last ? length : length - Pattern + 1;
            var results = new List<long>();
            for (int i = 0; i < searchEnd;)
            {
                int found = buffer.AsSpan(i, searchEnd - i).IndexOf("BZh"u8);
                if (found < 0)
                {
                    break;
                }

                int at = i + found;
                if (at + Pattern <= length && buffer[at + 3] is >= (byte)'1' and <= (byte)'9'
                    && buffer.AsSpan(at + 4, 6).SequenceEqual(BlockMagic))
                {
                    results.Add(bufferStart + at);
                }

                i = at + 1;
            }

            foreach (long offset in results)
            {
                yield return offset;
            }

            if (last)
            {
                yield break;
            }

            // Keep the tail that could start a match.
            int keep = Math.Min(length, Pattern - 1);
            Buffer.BlockCopy(buffer, length - keep, buffer, 0, keep);
            bufferStart += length - keep;
            kept = keep;
        }
    }

    /// <summary>
    /// Whether a whole bzip2 stream starts at <paramref name="offset"/>: it decodes (block CRCs and the stream CRC
    /// check) and is followed by the file's end or another stream header.
    /// </summary>
    /// <param name="path">A bzip2 file.</param>
    /// <param name="offset">A candidate offset.</param>
    /// <returns>True when verified.</returns>
    public static bool VerifyStreamStart(string path, long offset)
    {
        using FileStream file = InputStreams.OpenRaw(path);
        file.Seek(offset, SeekOrigin.Begin);
        using var source = new ByteSource(file);
        byte[] sink = new byte[1 << 16];
        try
        {
            using (var stream = new BZip2InputStream(source) { IsStreamOwner = false })
            {
                while (stream.Read(sink, 0, sink.Length) > 0)
                {
                }
            }

            return source.Peek() is -1 or 'B';
        }
        catch (Exception e) when (e is SharpZipBaseException or IOException or InvalidDataException or IndexOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>
    /// Splits a multistream dump into ranges of whole streams of about <paramref name="targetBytes"/> compressed bytes
    /// each, covering the file from 0 to its end. Boundaries come from <paramref name="index"/> when given (trusted),
    /// else from <see cref="FindStreamStarts(string)"/> verified by <see cref="VerifyStreamStart"/>. A file of one
    /// stream is one range.
    /// </summary>
    /// <param name="path">The dump.</param>
    /// <param name="targetBytes">Wanted compressed size of a range.</param>
    /// <param name="index">The dump's index, or null.</param>
    /// <returns>The ranges in file order.</returns>
    public static IReadOnlyList<InputRange> Ranges(string path, long targetBytes, MultistreamIndex? index = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetBytes);
        long length = new FileInfo(path).Length;
        IEnumerable<long> candidates = index is not null ? index.StreamOffsets : FindStreamStarts(path);
        var ranges = new List<InputRange>();
        long start = 0;
        foreach (long candidate in candidates)
        {
            if (candidate <= start || candidate - start < targetBytes || candidate >= length)
            {
                continue;
            }

            if (index is null && !VerifyStreamStart(path, candidate))
            {
                continue;
            }

            ranges.Add(new InputRange(start, candidate));
            start = candidate;
        }

        ranges.Add(new InputRange(start, length));
        return ranges;
    }
}
