using RedPajama.Documents;

namespace RedPajama.Reading;

/// <summary>
/// Turns one input file into documents, numbering records from 0 in file order. A record that cannot be parsed is
/// still yielded, already dropped with its reason, so that it is counted. A failure of the file itself
/// (unreadable, truncated archive) is thrown; the engine logs it, counts it and goes on with other files.
/// </summary>
public interface IDocumentReader
{
    /// <summary>Reads <paramref name="input"/>.</summary>
    /// <param name="input">The file.</param>
    /// <param name="meta">The meta schema documents are created with.</param>
    /// <returns>Documents in file order.</returns>
    IEnumerable<Document> Read(InputFile input, MetaSchema meta);
}
