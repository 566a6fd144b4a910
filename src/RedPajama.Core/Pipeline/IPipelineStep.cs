namespace RedPajama.Pipeline;

/// <summary>
/// A step of a pipeline: a per-document step (<see cref="IDocumentStep"/>) or a grouped step
/// (<see cref="GroupedStep"/>). A pipeline is one ordered list of them; the engines decide where each runs.
/// </summary>
public interface IPipelineStep
{
    /// <summary>Name shown in statistics and written as <c>dropped_by</c>.</summary>
    string Name { get; }
}
