using RedPajama.Engine.Rows;
using RedPajama.Pipeline;
using RedPajama.Udfs.Quality;

namespace RedPajama.Spark.Plan;

/// <summary>
/// What the Spark job does for a pipeline, as data: built without a JVM, so tests can check it, and translated into
/// DataFrame calls by <see cref="SparkPipelineJob"/> one stage at a time.
/// </summary>
/// <param name="Stages">The stages, in order.</param>
public sealed record SparkJobPlan(IReadOnlyList<SparkStage> Stages)
{
    /// <summary>File-name glob of whole-file inputs (one document per file).</summary>
    public const string WholeFileGlob = "*.txt";

    /// <summary>File-name glob of JSON-lines inputs.</summary>
    public const string JsonLinesGlob = "*.{jsonl,json,jsonl.gz,json.gz}";

    /// <summary>File-name glob of Parquet inputs (each row goes to the JSON-lines UDF as <c>to_json(struct(*))</c>).</summary>
    public const string ParquetGlob = "*.parquet";

    /// <summary>
    /// Hadoop setting that makes the output committer write <c>_SUCCESS</c> (FileOutputCommitter.SUCCESSFUL_JOB_OUTPUT_DIR_MARKER);
    /// the job sets it to false on the Parquet write and creates the marker itself after <c>_stats.json</c>.
    /// </summary>
    public const string MarkSuccessfulJobsKey = "mapreduce.fileoutputcommitter.marksuccessfuljobs";

    /// <summary>The success marker's file name, as Hadoop's committer names it.</summary>
    public const string SuccessMarker = "_SUCCESS";

    /// <summary>Plans a pipeline.</summary>
    /// <param name="pipeline">The pipeline.</param>
    /// <param name="keepAll">Whether dropped documents are written.</param>
    /// <returns>The plan.</returns>
    public static SparkJobPlan Describe(PipelineDescription pipeline, bool keepAll)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var stages = new List<SparkStage>
        {
            new ReadStage("binaryFile", WholeFileGlob, nameof(DocumentUdf.FromWholeFile)),
            new ReadStage("text", JsonLinesGlob, nameof(DocumentUdf.FromJsonLine)),
            new ReadStage("parquet", ParquetGlob, nameof(DocumentUdf.FromJsonLine)),
            new CountReadStage(),
        };
        // As in the local engine, the clusters of the last several-keys step are the ones written.
        int numbered = keepAll ? pipeline.KeyedSteps.ToList().FindLastIndex(s => s.KeysPerDocument > 1) : -1;
        for (int k = 0; k < pipeline.KeyedSteps.Count; k++)
        {
            KeyedStep step = pipeline.KeyedSteps[k];
            stages.Add(new KeyedStage(step.Name, step.DropReason, DocumentRowCodec.KeyColumn(k),
                step.KeysPerDocument > 1 ? KeyedStageKind.ConnectedComponents : KeyedStageKind.FirstByOrderKey, k == numbered));
        }

        stages.Add(new AccountingStage(pipeline.StepNames));
        var columns = new List<string> { "text", "meta" };
        if (pipeline.WritesSignals)
        {
            // Document signals as typed columns; line-signal spans are not in the row (local engine only).
            columns.AddRange(SignalCatalog.DocumentSignals.Select(d => d.Name));
        }

        if (keepAll)
        {
            columns.AddRange(["drop_reason", "keep"]);
            if (numbered >= 0)
            {
                columns.Add("cluster_id");
            }
        }

        if (pipeline.WritesInputIds)
        {
            columns.Add("input_ids");
        }

        stages.Add(new WriteStage(columns, keepAll, "zstd", new Dictionary<string, string> { [MarkSuccessfulJobsKey] = "false" }));
        stages.Add(new CountWrittenStage());
        stages.Add(new WriteStatisticsStage(RedPajama.Engine.Local.LocalEngine.StatisticsFileName));
        stages.Add(new MarkSuccessStage(SuccessMarker));
        return new SparkJobPlan(stages);
    }
}
