using Microsoft.Spark.Sql;
using RedPajama.Configuration;
using RedPajama.Engine.Rows;
using RedPajama.Pipeline;
using RedPajama.Tokenization;

namespace RedPajama.Spark;

/// <summary>
/// The per-document part of a pipeline as Spark UDFs. Microsoft.Spark ships the delegate's target to the workers,
/// so it holds only the source name and the configuration text — no static fields either, as
/// Microsoft.Spark's <c>UdfSerDe</c> serialises those too; each worker process builds the pipeline once
/// (<see cref="DocumentUdfCache"/>) and runs the same reader and steps as the local engine (<see cref="SegmentRows"/>).
/// </summary>
/// <param name="source">The source name.</param>
/// <param name="configYaml">
/// The run configuration as YAML (empty for defaults). The models it names (<see cref="Sources.SourceCatalog.ShippedFiles"/>)
/// were shipped by the driver with <c>SparkContext.AddFile</c>; a worker that cannot see a configured path finds the
/// shipped copy through <c>SparkFiles.Get</c>.
/// </param>
[Serializable]
public sealed class DocumentUdf(string source, string configYaml)
{
    private readonly string _source = source;
    private readonly string _configYaml = configYaml;

    /// <summary>The rows of this source and configuration, built once per process.</summary>
    public SegmentRows Rows => DocumentUdfCache.Rows(_source, _configYaml);

    /// <summary>The run configuration, with the model paths as this process can open them; parsed once per process.</summary>
    public RunConfig Config => DocumentUdfCache.Config(_source, _configYaml);

    /// <summary>UDF over a <c>binaryFile</c> row: the job's read (<see cref="InputFileUdf.Encode"/>).</summary>
    /// <param name="input">The file's index among the run's files, in path order (the order key's first half).</param>
    /// <param name="path">The file's path.</param>
    /// <param name="content">The file's bytes as stored.</param>
    /// <returns>One JSON object per record, then one for the failure if the file could not be read to its end.</returns>
    public string[] FileRows(int input, string path, byte[] content) => InputFileUdf.Encode(Rows, input, path, content ?? []);

    /// <summary>
    /// UDF over one row of a listing's inputs (<see cref="Plan.FetchStage"/>): downloads the URL (or opens the path)
    /// inside the executor, streaming, with the pipeline's retries and Range resumes, and reads it as
    /// <see cref="FileRows"/> reads a <c>binaryFile</c> row (<see cref="InputFileUdf.EncodeFetched"/>).
    /// </summary>
    /// <param name="input">The input's index in the run's order (its place in the listing, within the shard).</param>
    /// <param name="path">Its URL or path.</param>
    /// <returns>One JSON object per record, then one for the failure if it could not be read to its end.</returns>
    public string[] FetchRows(int input, string path) => InputFileUdf.EncodeFetched(Rows, input, path ?? string.Empty);

    /// <summary>
    /// UDF over one range of a split file (<see cref="Plan.FetchStage"/>): opens the file by its local path inside the
    /// executor and reads the range as the local engine does (<see cref="InputFileUdf.EncodeRange"/>).
    /// </summary>
    /// <param name="input">The range's index in the run's order (after splitting).</param>
    /// <param name="path">The file's local path.</param>
    /// <param name="start">The range's first byte.</param>
    /// <param name="end">The offset just past its last byte.</param>
    /// <returns>One JSON object per record, then one for the failure if the range could not be read to its end.</returns>
    public string[] FetchRangeRows(int input, string path, long start, long end) => InputFileUdf.EncodeRange(Rows, input, path ?? string.Empty, start, end);

    /// <summary>UDF: the token ids of a kept document's text, for the <c>input_ids</c> column.</summary>
    /// <param name="text">The document text.</param>
    /// <returns>The ids.</returns>
    public int[] InputIds(string text)
    {
        // Steps is the stored list; DocumentSteps would build a new one on every row.
        foreach (IPipelineStep step in Rows.Pipeline.Steps)
        {
            if (step is TokenizeStep tokenize)
            {
                return tokenize.Encode(text ?? string.Empty);
            }
        }

        throw new InvalidOperationException("input_ids asked for, but the pipeline has no tokenize step");
    }

    /// <summary>
    /// UDF over one group of a grouped step (the entries of one key, collected by Spark): the step's
    /// <see cref="GroupedStep.Decide"/> through <see cref="GroupRows.Decide"/>.
    /// </summary>
    /// <param name="stepIndex">The grouped step's index in the pipeline's steps.</param>
    /// <param name="members">
    /// The members as JSON objects (path, input, record, entry, payload), any order, one a line: a string rather than an
    /// array, so nothing depends on how the worker converts array arguments (JSON escapes every newline).
    /// </param>
    /// <returns>The verdicts as JSON (<see cref="GroupRows.VerdictSchema"/>).</returns>
    public string[] DecideGroup(int stepIndex, string members) =>
        GroupRows.Decide(Rows.Pipeline.Steps[stepIndex] as GroupedStep ?? throw new ArgumentException($"step {stepIndex} is not a grouped step", nameof(stepIndex)),
            (members ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// UDF over a document row after the grouped steps of the previous pass: applies the edits sent back to it, then
    /// pass <paramref name="pass"/>'s per-document steps and entries (<see cref="SegmentRows.ApplyPass"/>).
    /// </summary>
    /// <param name="pass">The pass (≥ 1).</param>
    /// <param name="row">The row as JSON (Spark's <c>to_json</c> of the row struct).</param>
    /// <param name="edits">The document's edits (<see cref="GroupRows.EditText"/>) separated by spaces, or null.</param>
    /// <returns>The new row as JSON.</returns>
    public string ApplyPass(int pass, string row, string? edits)
    {
        SegmentRows rows = Rows;
        return rows.ToJson(rows.ApplyPass(pass, rows.FromJson(row ?? "{}"), GroupRows.ParseEdits(edits?.Split(' ', StringSplitOptions.RemoveEmptyEntries))));
    }
}
