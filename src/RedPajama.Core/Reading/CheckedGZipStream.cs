using System.Buffers.Binary;
using System.IO.Compression;
using ICSharpCode.SharpZipLib.GZip;

namespace RedPajama.Reading;

/// <summary>
/// Gzip decompression through System.IO.Compression (zlib-ng: about twice SharpZipLib's speed) that still fails on a
/// truncated file. zlib checks each complete member's CRC, but <see cref="GZipStream"/> ends quietly when the input
/// stops inside a member. So at the end the total length is compared with the file's last four bytes (the last
/// member's ISIZE); when they differ — a truncated file, or one of several members — the file is decoded again by
/// SharpZipLib, which knows member boundaries and throws on a cut, and the end is reported only if that agrees.
/// The check happens before the end is returned, so a reader never sees the partial line before a cut.
/// </summary>
internal sealed class CheckedGZipStream : ForwardReadStream
{
    private readonly Stream _raw;
    private readonly GZipStream _inflate;
    private long _length;

    /// <summary>Wraps a seekable gzip file.</summary>
    /// <param name="raw">The compressed file, seekable, positioned at its start; disposed with this stream.</param>
    public CheckedGZipStream(Stream raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        _raw = raw;
        _inflate = new GZipStream(raw, CompressionMode.Decompress, leaveOpen: true);
    }

    /// <summary>
    /// Whether a seekable gzip file is very likely made of many members (a WET file has one per record): its last
    /// member's ISIZE is less than half the compressed size, which one member, even of incompressible data, never
    /// shows unless it holds 4 GiB or more (ISIZE wraps; then the end check still decides). The end check would decode
    /// such a file a second time, so it is better read by SharpZipLib in one pass. The stream is left at its start.
    /// </summary>
    /// <param name="raw">The compressed file, seekable, at its start.</param>
    /// <returns>True when the file should be read member by member.</returns>
    public static bool LooksMultiMember(Stream raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        bool many = LastMemberSize(raw) is { } size && size < raw.Length / 2;
        raw.Seek(0, SeekOrigin.Begin);
        return many;
    }

    /// <summary>The last member's ISIZE (its uncompressed length mod 2^32, the file's last four bytes); null for a file too short to hold a member.</summary>
    private static uint? LastMemberSize(Stream raw)
    {
        if (raw.Length < 18)
        {
            return null;
        }

        Span<byte> size = stackalloc byte[4];
        raw.Seek(-4, SeekOrigin.End);
        raw.ReadExactly(size);
        return BinaryPrimitives.ReadUInt32LittleEndian(size);
    }

    /// <inheritdoc />
    protected override long BytesRead => _length;

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        int read = _inflate.Read(buffer);
        if (read == 0 && !buffer.IsEmpty)
        {
            CheckEnd();
        }

        _length += read;
        return read;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inflate.Dispose();
            _raw.Dispose();
        }

        base.Dispose(disposing);
    }

    private void CheckEnd()
    {
        if (LastMemberSize(_raw) == unchecked((uint)_length))
        {
            return;
        }

        // Several members, or a cut: SharpZipLib throws on the cut (GZipException, an IOException kind for readers).
        _raw.Seek(0, SeekOrigin.Begin);
        long length = 0;
        using (var check = new GZipInputStream(_raw) { IsStreamOwner = false })
        {
            byte[] chunk = new byte[1 << 16];
            int read;
            while ((read = check.Read(chunk)) > 0)
            {
                length += read;
            }
        }

        if (length != _length)
        {
            throw new InvalidDataException($"gzip decoded to {_length} bytes, but its members hold {length}");
        }
    }
}
