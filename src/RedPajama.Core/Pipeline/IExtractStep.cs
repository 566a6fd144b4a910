using RedPajama.Documents;

namespace RedPajama.Pipeline;

/// <summary>
/// The extract stage: turns a record as read — its undecoded payload in <see cref="Document.RawContent"/> (a Gutenberg
/// file; next a WET body, an XML page, a LaTeX project, a post's HTML) — into document text and meta, and drops a
/// record that cannot be extracted with a reason. By contract a per-document step, so both engines run it where they
/// read (the local engine's reading task, Spark's read UDF); a source lists its extractors first.
/// </summary>
public interface IExtractStep : IDocumentStep;
