using System.Globalization;

namespace RedPajama.Sources.Github.Repositories;

/// <summary>
/// Counts the bytes an archive expands to and stops it, with an <see cref="InvalidDataException"/> naming the limit,
/// once it passes <see cref="RepositoryLimits.MaxExpandedBytes"/> or (past <see cref="RepositoryLimits.RatioCheckedAfterBytes"/>)
/// <see cref="RepositoryLimits.MaxCompressionRatio"/> times the bytes it was stored in. Shared by every stream of one
/// archive, so that entries skipped unread count too.
/// </summary>
/// <param name="limits">The limits.</param>
/// <param name="storedBytes">The archive's size as stored (its compressed bytes).</param>
public sealed class ExpansionGuard(RepositoryLimits limits, long storedBytes)
{
    /// <summary>Bytes expanded so far.</summary>
    public long Expanded { get; private set; }

    /// <summary>Counts <paramref name="bytes"/> more expanded bytes.</summary>
    /// <param name="bytes">The bytes just expanded.</param>
    /// <exception cref="InvalidDataException">A limit is passed.</exception>
    public void Add(long bytes)
    {
        Expanded += bytes;
        if (Expanded > limits.MaxExpandedBytes)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"archive expands past {limits.MaxExpandedBytes} bytes (github.max_archive_bytes): a zip bomb, or a repository too large to read"));
        }

        if (Expanded > limits.RatioCheckedAfterBytes && Expanded > limits.MaxCompressionRatio * Math.Max(1, storedBytes))
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"archive of {storedBytes} bytes expands past {Expanded} bytes, over {limits.MaxCompressionRatio} times its size (github.max_compression_ratio): a zip bomb"));
        }
    }

    /// <summary>Wraps a stream of expanded bytes so that every byte read is counted.</summary>
    /// <param name="expanded">The decompressed stream.</param>
    /// <returns>The counting stream (it disposes <paramref name="expanded"/>).</returns>
    public Stream Watch(Stream expanded) => new GuardedStream(expanded, this);

    private sealed class GuardedStream(Stream inner, ExpansionGuard guard) : RedPajama.Reading.ForwardReadStream
    {
        private long _read;

        protected override long BytesRead => _read;

        public override int Read(Span<byte> buffer)
        {
            int read = inner.Read(buffer);
            _read += read;
            guard.Add(read);
            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
