namespace RedPajama.Udfs.FastText;

/// <summary>One predicted label and its probability (as <c>fasttext predict-prob</c> prints it; it can exceed 1 by 1e-5).</summary>
/// <param name="Label">The label, with its <c>__label__</c> prefix.</param>
/// <param name="Probability">exp of fastText's log score.</param>
public readonly record struct FastTextPrediction(string Label, float Probability);
