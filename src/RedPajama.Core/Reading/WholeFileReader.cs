using RedPajama.Documents;

namespace RedPajama.Reading;

/// <summary>
/// One document per file, holding the file's undecoded bytes in <see cref="Document.RawContent"/>
/// (decoding is a per-document step, so Spark's <c>binaryFile</c> rows go through the same code).
/// </summary>
/// <param name="maxFileBytes">Files larger than this are yielded dropped as <see cref="ReadDropReasons.TooLarge"/>.</param>
public sealed class WholeFileReader(long maxFileBytes) : IDocumentReader
{
    /// <inheritdoc />
    public IEnumerable<Document> Read(InputFile input, Stream content, MetaSchema meta)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(meta);
        var document = new Document(new OrderKey(input.Index, 0), meta.Count);
        using Stream stream = InputStreams.Decompress(content, input.Path);
        byte[]? bytes = ReadAtMost(stream, maxFileBytes);
        if (bytes is null)
        {
            document.Drop(ReadDropReasons.TooLarge);
        }
        else
        {
            document.RawContent = bytes;
        }

        yield return document;
    }

    /// <summary>All bytes of <paramref name="source"/>, or null when there are more than <paramref name="limit"/>.</summary>
    internal static byte[]? ReadAtMost(Stream source, long limit)
    {
        if (source.CanSeek)
        {
            // A plain file: one exact-size read instead of a growing buffer and a copy.
            long length = source.Length - source.Position;
            if (length > limit)
            {
                return null;
            }

            byte[] exact = new byte[length];
            source.ReadExactly(exact);
            return exact;
        }

        using var buffer = new MemoryStream();
        byte[] chunk = new byte[1 << 16];
        int read;
        while ((read = source.Read(chunk)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }
}
