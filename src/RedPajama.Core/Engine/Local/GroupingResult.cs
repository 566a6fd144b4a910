namespace RedPajama.Engine.Local;

/// <summary>What one grouped step decided: the documents it drops, its components (when it links) and its edits (when it edits).</summary>
/// <param name="Dropped">One bit per record read: dropped by the step.</param>
/// <param name="Components">The linked components, or null.</param>
/// <param name="Edits">The edits sent back, or null.</param>
/// <param name="Statistics">The step's counters (edits that drop a document are counted when applied).</param>
internal sealed record GroupingResult(DropMask Dropped, RecordComponents? Components, EditStore? Edits, StepStatistics Statistics);
