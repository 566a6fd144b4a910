using RedPajama.Documents;

namespace RedPajama.Pipeline;

/// <summary>Runs a pipeline's per-document steps on one document, the same way in every engine.</summary>
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
}
