using RedPajama.Documents;

namespace RedPajama.Reading;

/// <summary>
/// Turns one input file into documents, numbering records from 0 in file order. A record that cannot be parsed is
/// still yielded, already dropped with its reason, so that it is counted. A failure of the file itself
/// (unreadable, truncated archive) is thrown; the engine logs it, counts it and goes on with other files.
/// </summary>
public interface IDocumentReader
{
    /// <summary>Reads <paramref name="input"/> from <paramref name="content"/>.</summary>
    /// <param name="input">The file: its index numbers the documents, its name tells the format and compression.</param>
    /// <param name="content">The file's bytes as stored (still compressed); the local engine passes a file stream,
    /// the Spark engine the bytes of a <c>binaryFile</c> row. Seekable when the format needs it (Parquet).</param>
    /// <param name="meta">The meta schema documents are created with.</param>
    /// <returns>Documents in file order.</returns>
    IEnumerable<Document> Read(InputFile input, Stream content, MetaSchema meta);
}
