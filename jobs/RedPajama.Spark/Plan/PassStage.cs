namespace RedPajama.Spark.Plan;

/// <summary>
/// One UDF stage per later segment (<see cref="Pipeline.PipelineSegment"/>): documents still kept, with the edits the
/// previous grouped step sent back joined on (input, record), go through <c>ApplyPass</c> (the edits, then the segment's
/// per-document steps and its grouped steps' entries); dropped documents bypass it. A pass with no steps only applies
/// the last editing step's edits.
/// </summary>
/// <param name="Pass">The pass (<see cref="Engine.Rows.SegmentRows.Passes"/>, ≥ 1).</param>
/// <param name="TakesEdits">Whether the previous pass ends with an editing step, whose edits are joined in.</param>
/// <param name="Udf">The UDF method.</param>
public sealed record PassStage(int Pass, bool TakesEdits, string Udf) : SparkStage;
