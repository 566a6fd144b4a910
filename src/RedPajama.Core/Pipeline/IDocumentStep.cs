using RedPajama.Documents;

namespace RedPajama.Pipeline;

/// <summary>
/// A per-document step: changes a document in place or drops it (<see cref="Document.Drop"/>). Pure with respect to
/// other documents and thread-safe, so an engine may run it anywhere: in the reading task locally, in a UDF on Spark.
/// </summary>
public interface IDocumentStep : IPipelineStep
{
    /// <summary>Applies the step to a document that is not dropped.</summary>
    /// <param name="document">The document.</param>
    void Apply(Document document);
}
