namespace RedPajama.Spark.Plan;

/// <summary>A keyed step as a shuffle over its key column, on documents still kept.</summary>
/// <param name="Step">The step's name (the <c>dropped_by</c> value).</param>
/// <param name="DropReason">The reason written on losers.</param>
/// <param name="KeyColumn">The row's key column.</param>
/// <param name="Kind">How losers are found.</param>
/// <param name="NumbersClusters">
/// For <see cref="KeyedStageKind.ConnectedComponents"/> in keep-all runs: also write <c>cluster_id</c>, the run-wide
/// number (files in path order, then records) of the component's earliest document, as the local engine does.
/// </param>
/// <param name="RanksOnlyParticipants">
/// Only documents still kept and with a key enter the step's window or bucket join; the others bypass it
/// (a dropped document's cleared key would otherwise send all of them to one null-key partition).
/// </param>
public sealed record KeyedStage(string Step, string DropReason, string KeyColumn, KeyedStageKind Kind, bool NumbersClusters = false, bool RanksOnlyParticipants = true) : SparkStage;
