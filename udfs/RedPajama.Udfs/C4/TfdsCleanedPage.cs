namespace RedPajama.Udfs.C4;

/// <summary>The outcome of <see cref="TfdsPageCleaner.Clean"/>: the cleaned text, or why the page is dropped.</summary>
/// <param name="Text">The kept lines joined by <c>\n</c> and stripped; null when the page is dropped.</param>
/// <param name="DropReason">A <see cref="TfdsDropReasons"/> value, or null when the page is kept.</param>
/// <param name="Sentences">Punkt sentences counted over the kept lines (up to the line that dropped the page).</param>
/// <param name="Lines">What happened to the lines (up to the line that dropped the page, as upstream returns there).</param>
public readonly record struct TfdsCleanedPage(string? Text, string? DropReason, int Sentences, TfdsLineCounts Lines);
