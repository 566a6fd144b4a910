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
        using var buffer = new MemoryStream();
        CopyAtMost(stream, buffer, maxFileBytes);
        if (buffer.Length > maxFileBytes)
        {
            document.Drop(ReadDropReasons.TooLarge);
        }
        else
        {
            document.RawContent = buffer.ToArray();
        }

        yield return document;
    }

    private static void CopyAtMost(Stream source, MemoryStream destination, long limit)
    {
        byte[] chunk = new byte[1 << 16];
        int read;
        while ((read = source.Read(chunk)) > 0)
        {
            destination.Write(chunk, 0, read);
            if (destination.Length > limit)
            {
                return;
            }
        }
    }
}
