namespace RedPajama.Pipeline;

/// <summary>
/// A run of steps one pass over the documents can do: per-document steps, then grouped steps whose keys all come from
/// the documents as those steps leave them. A segment ends after a grouped step that edits documents (the next keys
/// must see the edits) and before a per-document step that follows a grouped step (it must see the survivors). The
/// local engine makes one pass per segment; Spark one UDF stage per segment and one shuffle per grouped step.
/// </summary>
/// <param name="FirstStep">Index in <see cref="PipelineDescription.Steps"/> of the segment's first step.</param>
/// <param name="DocumentSteps">The per-document steps, in order.</param>
/// <param name="GroupedSteps">The grouped steps, in order; an editing one can only be last.</param>
public sealed record PipelineSegment(int FirstStep, IReadOnlyList<IDocumentStep> DocumentSteps, IReadOnlyList<GroupedStep> GroupedSteps)
{
    /// <summary>Index in <see cref="PipelineDescription.Steps"/> of the segment's first grouped step.</summary>
    public int FirstGroupedStep => FirstStep + DocumentSteps.Count;

    /// <summary>Cuts a step list into segments; an empty list is one empty segment.</summary>
    /// <param name="steps">The steps.</param>
    /// <returns>At least one segment.</returns>
    public static IReadOnlyList<PipelineSegment> Split(IReadOnlyList<IPipelineStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var segments = new List<PipelineSegment>();
        var documentSteps = new List<IDocumentStep>();
        var groupedSteps = new List<GroupedStep>();
        int first = 0;
        for (int i = 0; i < steps.Count; i++)
        {
            switch (steps[i])
            {
                case IExtractStep extract when i > 0 && steps[i - 1] is not IExtractStep:
                    throw new ArgumentException($"extract step {extract.Name} must come first, before the other steps", nameof(steps));
                case IDocumentStep document when groupedSteps.Count > 0:
                    Close(i);
                    documentSteps.Add(document);
                    break;
                case IDocumentStep document:
                    documentSteps.Add(document);
                    break;
                case GroupedStep grouped:
                    groupedSteps.Add(grouped);
                    if (grouped.EditsDocuments)
                    {
                        Close(i + 1);
                    }

                    break;
                default:
                    throw new ArgumentException($"step {steps[i].Name}: neither a per-document nor a grouped step", nameof(steps));
            }
        }

        if (segments.Count == 0 || documentSteps.Count > 0 || groupedSteps.Count > 0)
        {
            segments.Add(new PipelineSegment(first, [.. documentSteps], [.. groupedSteps]));
        }

        return segments;

        void Close(int next)
        {
            segments.Add(new PipelineSegment(first, [.. documentSteps], [.. groupedSteps]));
            documentSteps.Clear();
            groupedSteps.Clear();
            first = next;
        }
    }
}
