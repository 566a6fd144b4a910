namespace RedPajama.Spark.Plan;

/// <summary>
/// For a pipeline that names parts after inputs (<see cref="Pipeline.PipelineDescription.NamesPartsAfterInputs"/>):
/// the write went to <see cref="StagingDirectory"/>, partitioned by <see cref="InputColumn"/>, so each input's rows
/// are in <c>&lt;staging&gt;/&lt;InputColumn&gt;=&lt;index&gt;/part-*</c>, one file. On the driver each file
/// is moved to its input's name (<see cref="Names"/>) in the output directory, as <see cref="NamedPartsCommit"/> does:
/// the previous output is replaced only after the write is complete. An input with no rows gets an empty part (the
/// local engine writes one per input; Spark writes no file for a partition value without rows).
/// </summary>
/// <param name="StagingDirectory">The staging directory's name inside the output directory (hidden from readers: it starts with <c>_</c>).</param>
/// <param name="InputColumn">The column the write was partitioned by last: its directory names carry the input index.</param>
/// <param name="Names">Each input's part file name by input index (<see cref="Writing.InputPartNames.Of"/>).</param>
public sealed record RenamePartsStage(string StagingDirectory, string InputColumn, IReadOnlyDictionary<int, string> Names) : SparkStage;
