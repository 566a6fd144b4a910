using RedPajama.Documents;

namespace RedPajama.Pipeline;

/// <summary>Runs a pipeline's per-document steps, and a grouped step's edits, on one document, the same way in every engine.</summary>
public static class DocumentStepRunner
{
    /// <summary>The step name under which records dropped by their reader are counted.</summary>
    public const string ReadStepName = "read";

    /// <summary>Prefix of the drop reason given to a document whose step threw.</summary>
    public const string ErrorReasonPrefix = "error_";

    /// <summary>
    /// Applies the steps in order until one drops the document. A step that throws drops the document as
    /// <c>error_&lt;step&gt;</c> instead of failing the job.
    /// </summary>
    /// <param name="steps">The per-document steps.</param>
    /// <param name="document">The document; already dropped by its reader or not.</param>
    /// <param name="onError">Told about a step that threw (for a warning).</param>
    /// <returns>-1 when the document was already dropped when read; the index of the step that dropped it;
    /// or <c>steps.Count</c> when it is kept.</returns>
    public static int Apply(IReadOnlyList<IDocumentStep> steps, Document document, Action<IDocumentStep, Exception>? onError = null)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(document);
        if (document.IsDropped)
        {
            return -1;
        }

        for (int s = 0; s < steps.Count; s++)
        {
            IDocumentStep step = steps[s];
            try
            {
                step.Apply(document);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                document.Drop(ErrorReasonPrefix + step.Name);
                onError?.Invoke(step, exception);
            }

            if (document.IsDropped)
            {
                return s;
            }
        }

        return steps.Count;
    }

    /// <summary>
    /// Applies a grouped step's edits to a kept document, the same way in every engine: <see cref="GroupedStep.Apply"/>
    /// runs when the document got edits or the step <see cref="GroupedStep.AppliesToEveryDocument"/>; a step that
    /// throws drops the document as <c>error_&lt;step&gt;</c>.
    /// </summary>
    /// <param name="step">An editing grouped step.</param>
    /// <param name="document">A kept document.</param>
    /// <param name="edits">Its edits, sorted by entry; empty when it got none.</param>
    /// <param name="onError">Told about a step that threw (for a warning).</param>
    /// <returns>True when the edits dropped the document.</returns>
    public static bool ApplyEdits(GroupedStep step, Document document, IReadOnlyList<GroupEdit> edits, Action<IPipelineStep, Exception>? onError = null)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(edits);
        if (document.IsDropped || (edits.Count == 0 && !step.AppliesToEveryDocument))
        {
            return false;
        }

        try
        {
            step.Apply(document, edits);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            document.Drop(ErrorReasonPrefix + step.Name);
            onError?.Invoke(step, exception);
        }

        return document.IsDropped;
    }
}
