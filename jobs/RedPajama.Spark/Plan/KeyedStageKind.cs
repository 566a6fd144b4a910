namespace RedPajama.Spark.Plan;

/// <summary>How a <see cref="KeyedStage"/> finds the documents that lose.</summary>
public enum KeyedStageKind
{
    /// <summary><c>row_number()</c> over the key ordered by (path, record): all but the first lose.</summary>
    FirstByOrderKey,

    /// <summary>
    /// Several keys per document: explode the keys, link each bucket's members to its earliest member, find the
    /// connected components (<see cref="SparkStarContraction"/>); all but each component's earliest lose.
    /// </summary>
    ConnectedComponents,
}
