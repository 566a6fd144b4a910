using RedPajama.Engine.Rows;
using RedPajama.Pipeline;
using RedPajama.Reading;
using RedPajama.Sources;
using RedPajama.Udfs.Quality;
using RedPajama.Writing;

namespace RedPajama.Spark.Plan;

/// <summary>
/// What the Spark job does for a pipeline, as data: built without a JVM, so tests can check it, and translated into
/// DataFrame calls by <see cref="SparkPipelineJob"/> one stage at a time.
/// </summary>
/// <param name="Stages">The stages, in order.</param>
public sealed record SparkJobPlan(IReadOnlyList<SparkStage> Stages)
{
    /// <summary>
    /// Hadoop setting that makes the output committer write <c>_SUCCESS</c> (FileOutputCommitter.SUCCESSFUL_JOB_OUTPUT_DIR_MARKER);
    /// the job sets it to false on the Parquet write and creates the marker itself after <c>_stats.json</c>.
    /// </summary>
    public const string MarkSuccessfulJobsKey = "mapreduce.fileoutputcommitter.marksuccessfuljobs";

    /// <summary>The success marker's file name, as Hadoop's committer names it.</summary>
    public const string SuccessMarker = "_SUCCESS";

    /// <summary>
    /// The files a source reads out of the driver's listing, by the rules of the local engine's
    /// <see cref="InputResolver"/>: a file named as an argument is read whatever its name; from a directory or glob only
    /// the files the source's <see cref="SourceCatalog.InputFilter"/> accepts; an argument with none of them is an
    /// input problem. Files are numbered in ordinal path order, a listing's entries in listing order at the listing's
    /// path (<see cref="InputListBuilder"/>), and a shard keeps cc_net's range of the whole list.
    /// </summary>
    /// <param name="source">The source name.</param>
    /// <param name="listed">The listing, one entry per argument.</param>
    /// <param name="shard">The shard to keep, or null for all.</param>
    /// <returns>The files and the problems.</returns>
    public static InputResolution SelectInputs(string source, IEnumerable<ListedInput> listed, InputShard? shard = null)
    {
        ArgumentNullException.ThrowIfNull(listed);
        Func<string, bool> include = SourceCatalog.InputFilter(source);
        var files = new InputListBuilder();
        var problems = new List<InputError>();
        foreach (ListedInput input in listed)
        {
            if (input.Problem is { } problem)
            {
                problems.Add(new InputError(input.Argument, problem, 0));
                continue;
            }

            if (input.Entries is { } entries)
            {
                files.AddListing(input.Argument, entries);
                continue;
            }

            int before = files.Count;
            foreach (ListedFile file in input.Files.Where(f => input.IsFile || include(f.Path)))
            {
                files.AddFile(file.Path, file.Length);
            }

            if (files.Count == before && !input.IsFile)
            {
                problems.Add(new InputError(input.Argument, input.Files.Count == 0 ? "matches no file" : "directory holds no files this source reads", 0));
            }
        }

        return files.Build(problems, shard);
    }

    /// <summary>
    /// The job's inputs as the executors read them: a file on a local filesystem (a <c>file:</c> URI or a plain path that
    /// exists here) that the reader splits becomes its ranges (<see cref="InputSplitting"/>, the local engine's split),
    /// read by local path in the executors (<see cref="FetchStage"/>) — so, like <c>binaryFile</c> over <c>file:</c>
    /// paths on a cluster, every executor must mount it at the same path. Files on other Hadoop filesystems
    /// (<c>hdfs:</c>, <c>s3a:</c>) are read whole through <c>binaryFile</c>, which holds a file in one row (under 2 GB).
    /// </summary>
    /// <param name="pipeline">The pipeline (its reader splits, or not).</param>
    /// <param name="inputs">The selected inputs (<see cref="SelectInputs"/>).</param>
    /// <param name="warn">Where a file that could not be examined is reported.</param>
    /// <returns>The inputs, renumbered.</returns>
    public static IReadOnlyList<InputFile> SplitInputs(PipelineDescription pipeline, IReadOnlyList<InputFile> inputs, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(inputs);
        return pipeline.NamesPartsAfterInputs ? inputs : InputSplitting.Split(inputs, pipeline.Reader, LocalFile, warn);
    }

    // The local path of a file: URI or of a plain path that is a file here; null for URLs and other filesystems.
    private static string? LocalFile(InputFile input) =>
        HadoopPaths.LocalPath(input.Path) is { } path ? InputSplitting.LocalFile(input with { Path = path }) : null;

    /// <summary>Plans a pipeline.</summary>
    /// <param name="pipeline">The pipeline.</param>
    /// <param name="keepAll">Whether dropped documents are written.</param>
    /// <param name="inputs">The files to read (<see cref="SelectInputs"/>); with none, no read stage is planned.</param>
    /// <remarks>Listed inputs (<see cref="InputFile.Listed"/>) get a <see cref="FetchStage"/> (ranges of split files
    /// another), the others a <c>binaryFile</c> <see cref="ReadStage"/>.</remarks>
    /// <returns>The plan.</returns>
    public static SparkJobPlan Describe(PipelineDescription pipeline, bool keepAll, IReadOnlyList<InputFile> inputs)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(inputs);
        var stages = new List<SparkStage>();
        // Files the driver listed are read by binaryFile; inputs a listing named (URLs above all) are downloaded and
        // parsed inside the executors, one row per input — never binaryFile over URLs, nor bytes through the driver.
        InputFile[] stored = [.. inputs.Where(f => !f.Listed && f.Range is null)];
        InputFile[] listed = [.. inputs.Where(f => f.Listed || f.Range is not null)];
        if (stored.Length > 0)
        {
            bool inOrder = stored.Select((f, i) => f.Index == i).All(same => same);
            stages.Add(new ReadStage("binaryFile", [.. stored.Select(f => f.Path)], nameof(DocumentUdf.FileRows), inOrder ? null : [.. stored.Select(f => f.Index)]));
        }

        if (listed.Where(f => f.Range is null).ToArray() is { Length: > 0 } fetched)
        {
            stages.Add(new FetchStage(fetched, nameof(DocumentUdf.FetchRows)));
        }

        if (listed.Where(f => f.Range is not null).ToArray() is { Length: > 0 } ranges)
        {
            stages.Add(new FetchStage(ranges, nameof(DocumentUdf.FetchRangeRows)));
        }

        stages.Add(new CountReadStage());
        // One UDF stage per pass (the read is pass 0), then a shuffle per grouped step of the pass. As in the local
        // engine, the clusters of the last linking step are the ones written.
        var rows = new SegmentRows(pipeline);
        int numbered = keepAll ? pipeline.Steps.ToList().FindLastIndex(s => s is GroupedStep { LinksDocuments: true }) : -1;
        for (int pass = 0; pass < rows.Passes.Count; pass++)
        {
            PipelineSegment segment = rows.Passes[pass];
            if (pass > 0)
            {
                stages.Add(new PassStage(pass, rows.Passes[pass - 1].GroupedSteps is [.., { EditsDocuments: true }], nameof(DocumentUdf.ApplyPass)));
            }

            for (int g = 0; g < segment.GroupedSteps.Count; g++)
            {
                GroupedStep step = segment.GroupedSteps[g];
                int index = segment.FirstGroupedStep + g;
                stages.Add(new GroupedStage(index, step.Name, step.DropReason, SegmentRows.EntriesColumn(index),
                    step.DecidesSingletons, step.LinksDocuments, step.EditsDocuments, index == numbered));
            }
        }

        stages.Add(new AccountingStage(pipeline.StepNames));
        OutputFields fields = pipeline.ResolveOutput();
        var columns = new List<string> { "text" };
        if (fields.Layout == JsonLayout.Flat)
        {
            columns.AddRange(fields.WrittenFields.Select(f => f.Name));
        }
        else if (fields.Written.Count > 0)
        {
            // As the local writer: no struct without fields (Arrow and Spark refuse an empty group).
            columns.Add("meta");
        }

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

        string[] orderKey = [SegmentRows.InputColumn, SegmentRows.RecordColumn];
        string[] partitionBy = [.. fields.Partitions.Select(i => fields.Meta.Fields[i].Name)];
        var options = new Dictionary<string, string> { [MarkSuccessfulJobsKey] = "false" };
        if (!pipeline.NamesPartsAfterInputs)
        {
            stages.Add(new WriteStage(columns, keepAll, "zstd", options, orderKey, [.. partitionBy, .. orderKey]) { HivePartitionBy = partitionBy });
            stages.Add(new CountWrittenStage());
        }
        else
        {
            // One file per input, named after it: each input's rows hash to one task (partitioned on the input alone)
            // and go to a directory of their own (partitionBy on the input column), in a staging directory; the driver
            // then moves each file to its input's name. maxRecordsPerFile would split an input's file: off.
            if (partitionBy.Length > 0)
            {
                throw new ArgumentException($"pipeline {pipeline.Source}: part files named after inputs under Hive partitions (output.partition_by) are written by the local engine only");
            }

            InputPartNames.CheckDistinct(inputs, OutputFormat.Parquet);
            options["maxRecordsPerFile"] = "0";
            stages.Add(new WriteStage(columns, keepAll, "zstd", options, [SegmentRows.InputColumn], orderKey)
            {
                HivePartitionBy = [SegmentRows.InputColumn],
                Directory = NamedPartsCommit.StagingDirectory,
            });
            stages.Add(new CountWrittenStage());
            stages.Add(new RenamePartsStage(NamedPartsCommit.StagingDirectory, SegmentRows.InputColumn,
                inputs.ToDictionary(i => i.Index, i => InputPartNames.Of(i.Path, OutputFormat.Parquet))));
        }

        stages.Add(new WriteStatisticsStage(RedPajama.Engine.Local.LocalEngine.StatisticsFileName));
        stages.Add(new MarkSuccessStage(SuccessMarker));
        return new SparkJobPlan(stages);
    }
}
