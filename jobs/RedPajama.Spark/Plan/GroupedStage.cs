namespace RedPajama.Spark.Plan;

/// <summary>
/// A grouped step as one shuffle, the same translation for every <see cref="Pipeline.GroupedStep"/>: the entries of
/// documents still kept are exploded from <see cref="EntriesColumn"/> (position = entry index), grouped by key,
/// collected as members; groups of one are skipped unless <see cref="DecidesSingletons"/>; <c>DecideGroup</c> answers
/// per group and its verdicts are exploded. Drops and the non-earliest documents of linked components (star
/// contraction over the link edges) get the step's name and reason by a left join on (input, record); edits are
/// collected per document for the next <see cref="PassStage"/>.
/// </summary>
/// <param name="StepIndex">The step's index in the pipeline's steps (the <c>DecideGroup</c> argument).</param>
/// <param name="Step">The step's name (the <c>dropped_by</c> value).</param>
/// <param name="DropReason">The reason written on dropped documents.</param>
/// <param name="EntriesColumn">The row's entries column of this step.</param>
/// <param name="DecidesSingletons">Whether groups of one member are decided too.</param>
/// <param name="LinksDocuments">Whether link verdicts are resolved into components.</param>
/// <param name="EditsDocuments">Whether edit verdicts are collected for the next pass.</param>
/// <param name="NumbersClusters">
/// For a linking step in keep-all runs: also write <c>cluster_id</c>, the run-wide number (files in input order, then
/// records) of the component's earliest document, as the local engine does.
/// </param>
public sealed record GroupedStage(
    int StepIndex,
    string Step,
    string DropReason,
    string EntriesColumn,
    bool DecidesSingletons,
    bool LinksDocuments,
    bool EditsDocuments,
    bool NumbersClusters = false) : SparkStage;
