using Microsoft.Spark.Sql;
using Microsoft.Spark.Sql.Types;
using RedPajama.Documents;
using RedPajama.Engine;
using RedPajama.Engine.Rows;
using RedPajama.Pipeline;
using RedPajama.Reading;
using RedPajama.Sources;
using RedPajama.Spark.Plan;
using static Microsoft.Spark.Sql.Functions;
using SparkWindow = Microsoft.Spark.Sql.Expressions.Window;

namespace RedPajama.Spark;

/// <summary>
/// Translates a <see cref="PipelineDescription"/> into Spark operations:
/// list the inputs and keep the files the source reads (<see cref="SparkJobPlan.SelectInputs"/>) → read them as
/// <c>binaryFile</c> rows, each file through the local engine's reader and the first segment's per-document steps in
/// one C# UDF (<see cref="InputFileUdf"/>) → every grouped step the same way (<see cref="GroupedStage"/>: entries →
/// group by key → <see cref="DocumentUdf.DecideGroup"/> → drops and the losers of linked components, found by
/// <see cref="SparkStarContraction"/>, joined back; edits collected per document) → every later segment as one UDF
/// stage (<see cref="PassStage"/>: edits applied, then the segment's per-document steps) → accounting by a group-by on
/// (step, reason) → Parquet (zstd) with <c>text</c>, a <c>meta</c> struct of the written meta fields (with
/// <c>token_count</c> when tokenization is on; top-level columns in the flat layout) and an optional <c>input_ids</c>
/// array, the local engine's schema, under Hive partition directories when the pipeline is partitioned
/// (<c>DataFrameWriter.partitionBy</c>).
/// </summary>
/// <param name="spark">The session.</param>
/// <param name="pipeline">The pipeline, built on the driver.</param>
/// <param name="udf">The same pipeline's UDFs, for the workers.</param>
/// <param name="fileSystem">The driver's file operations on the output; null for the output path's Hadoop filesystem.</param>
public sealed class SparkPipelineJob(SparkSession spark, PipelineDescription pipeline, DocumentUdf udf, IOutputFileSystem? fileSystem = null)
{
    // Verdicts and components cached for the joins that read them twice, released when the job is done.
    private readonly List<DataFrame> _cached = [];

    private IOutputFileSystem? _files = fileSystem;

    private IOutputFileSystem Files => _files ??= new HadoopOutputFileSystem(spark.SparkContext);

    /// <summary>Runs the pipeline: <see cref="SparkJobPlan.Describe"/>, one stage at a time.</summary>
    /// <param name="inputs">Input paths.</param>
    /// <param name="output">Output directory.</param>
    /// <param name="keepAll">Write dropped documents too.</param>
    /// <param name="shard">The shard of the input list to read (cc_net's ranges), or null for all of it.</param>
    /// <returns>The accounting.</returns>
    public RunStatistics Run(IReadOnlyList<string> inputs, string output, bool keepAll, InputShard? shard = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        InputResolution resolved = SparkJobPlan.SelectInputs(pipeline.Source, inputs.Select(List), shard);
        IReadOnlyList<InputFile> units = SparkJobPlan.SplitInputs(pipeline, resolved.Files, message => Console.Error.WriteLine($"redpajama: {message}"));
        DataFrame? documents = null;
        DataFrame? readRows = null;
        DataFrame? edits = null;
        var inputErrors = new List<InputError>(resolved.Problems);
        List<DropCount>? drops = null;
        long read = 0;
        long written = 0;
        RunStatistics? statistics = null;
        string? writtenPath = null;
        DataFrame? fileColumns = null;
        WriteStage? lastWrite = null;
        Dictionary<int, long> rowsByInput = [];
        List<PartStatistics> parts = [];
        foreach (SparkStage stage in SparkJobPlan.Describe(pipeline, keepAll, units).Stages)
        {
            switch (stage)
            {
                case ReadStage readStage:
                    documents = Read(readStage);
                    break;
                case FetchStage fetch:
                    documents = documents is null ? Fetch(fetch) : documents.UnionByName(Fetch(fetch));
                    break;
                case CountReadStage:
                    // Cached so that the UDF runs once: the errors, the count, the grouped steps and the write all
                    // reuse these rows. With no input files there is no read stage, and no rows.
                    readRows = (documents ?? spark.CreateDataFrame(new List<GenericRow>(), ReadType(udf.Rows))).Cache();
                    inputErrors.AddRange(readRows.Where(Col(SparkColumns.InputError).IsNotNull())
                        .Select(Col(SparkColumns.Path), Col(SparkColumns.InputError), Col(SparkColumns.RecordsRead)).Collect()
                        .Select(r => new InputError((string)r.Get(0), (string)r.Get(1), Convert.ToInt64(r.Get(2), System.Globalization.CultureInfo.InvariantCulture))));
                    documents = readRows.Where(Col(SparkColumns.InputError).IsNull()).Drop(SparkColumns.InputError, SparkColumns.RecordsRead);
                    read = documents.Count();
                    break;
                case PassStage pass:
                    documents = ApplyPass(Required(documents), pass, edits);
                    edits = null;
                    break;
                case GroupedStage grouped:
                    (documents, edits) = ApplyGroupedStep(Required(documents), grouped);
                    break;
                case AccountingStage:
                    drops = [.. Required(documents).GroupBy(Col(SegmentRows.DroppedByColumn), Col(SegmentRows.DropReasonColumn)).Count().Collect()
                        .Select(r => new DropCount(r.Get(0) as string, r.Get(1) as string, Convert.ToInt64(r.Get(2), System.Globalization.CultureInfo.InvariantCulture)))];
                    break;
                case WriteStage write:
                    writtenPath = write.Directory is null ? output : Join(output, write.Directory);
                    fileColumns = Write(Required(documents), write, writtenPath);
                    lastWrite = write;
                    break;
                case CountWrittenStage:
                    // A partitioned write of no rows leaves no file to infer a schema from: read with the one needed.
                    string schema = keepAll ? "text STRING, keep BOOLEAN" : "text STRING";
                    bool byInput = lastWrite?.HivePartitionBy is [SegmentRows.InputColumn];
                    DataFrame back = lastWrite?.HivePartitionBy.Count is null or 0 ? spark.Read().Parquet(writtenPath)
                        : spark.Read().Schema(byInput ? $"{schema}, {SegmentRows.InputColumn} BIGINT" : schema).Parquet(writtenPath);
                    written = (keepAll ? back.Filter(Col("keep")) : back).Count();
                    if (byInput)
                    {
                        // Rows per named part (dropped ones too in keep-all runs), for _stats.json's parts.
                        rowsByInput = back.GroupBy(Col(SegmentRows.InputColumn)).Count().Collect()
                            .ToDictionary(r => Convert.ToInt32(r.Get(0), System.Globalization.CultureInfo.InvariantCulture), r => Convert.ToInt64(r.Get(1), System.Globalization.CultureInfo.InvariantCulture));
                    }

                    break;
                case RenamePartsStage rename:
                    parts = [.. NamedPartsCommit.Commit(Files, output, rename, rowsByInput, () => WriteEmptyPart(Required(fileColumns), Join(output, rename.StagingDirectory), Required(lastWrite)))];
                    break;
                case WriteStatisticsStage writeStatistics:
                    statistics = RunStatistics.FromDropCounts(pipeline.Source, "spark", pipeline.StepNames,
                        drops ?? throw new InvalidOperationException("the plan has no accounting stage before the statistics"), read, written);
                    statistics.InputFiles = resolved.Files.Count;
                    statistics.InputBytes = resolved.Files.Sum(f => f.Length);
                    statistics.InputErrors.AddRange(inputErrors);
                    statistics.Parts.AddRange(parts);
                    Files.Write(Join(output, writeStatistics.FileName), System.Text.Encoding.UTF8.GetBytes(statistics.ToJson()));
                    break;
                case MarkSuccessStage marker:
                    Files.Write(Join(output, marker.FileName), []);
                    break;
                default:
                    throw new NotSupportedException($"no translation for {stage}");
            }
        }

        readRows?.Unpersist();
        foreach (DataFrame cached in _cached)
        {
            cached.Unpersist();
        }

        return statistics ?? throw new InvalidOperationException("the plan writes no statistics");
    }

    /// <summary>Spark type of a row column.</summary>
    /// <param name="type">The column's value type.</param>
    /// <returns>The Spark type.</returns>
    public static DataType SparkType(MetaType type) => type switch
    {
        MetaType.Text => new StringType(),
        MetaType.Integer => new LongType(),
        MetaType.Float => new DoubleType(),
        MetaType.Boolean => new BooleanType(),
        MetaType.IntegerList => new ArrayType(new LongType()),
        MetaType.Json => new StringType(),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private static StructType RowType(SegmentRows rows) =>
        new(rows.Columns.Select(c => new StructField(c.Name, SparkType(c.Type), isNullable: true)));

    private static T Required<T>(T? value)
        where T : class =>
        value ?? throw new InvalidOperationException($"the plan has no stage that gives a {typeof(T).Name} before this one");

    private static string Join(string directory, string name) => directory.TrimEnd('/') + "/" + name;

    // A part of no rows with the written schema, for an input none of whose rows was written: an empty frame written
    // as one task writes one file (Spark writes the schema-only file of partition 0).
    private string WriteEmptyPart(DataFrame fileColumns, string staging, WriteStage write)
    {
        string directory = Join(staging, NamedPartsCommit.EmptyPartDirectory);
        fileColumns.Limit(0).Coalesce(1).Write().Mode(SaveMode.Overwrite)
            .Options(write.Options.ToDictionary())
            .Option("compression", write.Compression)
            .Parquet(directory);
        return Files.Glob(Join(directory, "part-*")) is [string part] ? part
            : throw new InvalidDataException($"{directory}: Spark wrote no single empty part");
    }

    // The row struct as read: the path, the codec's columns, and the failure report of a file read part way.
    private static StructType ReadType(SegmentRows rows) =>
        new([
            new StructField(SparkColumns.Path, new StringType(), isNullable: true),
            .. RowType(rows).Fields,
            new StructField(SparkColumns.InputError, new StringType(), isNullable: true),
            new StructField(SparkColumns.RecordsRead, new LongType(), isNullable: true),
        ]);

    // The files under one argument, listed by Spark (content is not read: binaryFile reads it only when selected).
    // A URL, and the entries of a listing, are not listed but named, for the executors to download.
    private ListedInput List(string argument)
    {
        InputResolverOptions options = SourceCatalog.InputOptions(pipeline.Source, udf.Config);
        bool isListing = options.ListingRoot is not null && InputListing.IsListing(argument);
        if (InputStreams.IsUrl(argument) && !isListing)
        {
            return new ListedInput(argument, true, [], [new ListingEntry(1, argument, null)]);
        }

        bool isGlob = argument.AsSpan().IndexOfAny("*?[{") >= 0;
        if (!InputStreams.IsUrl(argument) && !isGlob && !HadoopPaths.Exists(spark.SparkContext, argument))
        {
            return new ListedInput(argument, false, []);
        }

        if (isListing && !isGlob)
        {
            return ListListing(argument, options);
        }

        // Folders the source reads whole (repositories) cannot be binaryFile rows: the driver lists them with the
        // local engine's rules and the executors read them by path, so they must be on a filesystem every executor
        // mounts at that path (local and standalone runs, NFS). Archives on any Hadoop filesystem need no mount.
        if (!isGlob && LocalDirectory(argument) is { } directory && options.IncludeDirectory is not null
            && InputResolver.Resolve([directory], options with { Shard = null }) is { Files.Count: > 0 } local
            && local.Files.Any(f => Directory.Exists(f.Path)))
        {
            return new ListedInput(argument, true, [], [.. local.Files.Select((f, i) => new ListingEntry(i + 1, f.Path, null))]);
        }

        ListedFile[] files = [.. spark.Read().Format("binaryFile").Option("recursiveFileLookup", "true").Load(argument)
            .Select(Col("path"), Col("length")).Collect()
            .Select(r => new ListedFile((string)r.Get(0), Convert.ToInt64(r.Get(1), System.Globalization.CultureInfo.InvariantCulture)))];
        return new ListedInput(argument, !isGlob && HadoopPaths.IsFile(spark.SparkContext, argument), files);
    }

    // A path the driver can read as a local directory (no scheme, or file:), or null.
    private static string? LocalDirectory(string argument)
    {
        string? local = HadoopPaths.LocalPath(argument);
        return local is not null && Directory.Exists(local) ? local : null;
    }

    // A listing is small (a dump's wet.paths.gz is ~100k lines): the driver reads it, through binaryFile so that it
    // may be on any Hadoop filesystem (or downloads it, for a URL), and parses it with the local engine's rules.
    private ListedInput ListListing(string argument, InputResolverOptions options)
    {
        IReadOnlyList<ListingEntry>? entries = InputListing.ReadWhole(
            () => InputStreams.IsUrl(argument)
                ? InputListing.Read(argument, options.ListingRoot!, options.Downloads)
                : InputListing.Parse(new MemoryStream(spark.Read().Format("binaryFile").Load(argument).Select(Col("content")).Collect().Single().Get(0) as byte[] ?? []), argument, options.ListingRoot!),
            out string? error);
        return new ListedInput(argument, true, [], entries, error);
    }

    // One row per listed input (or range of a split file), spread over as many partitions, so that each executor task
    // downloads (or opens) and parses one. A range's rows carry its name (path and bytes) as their path, as the local
    // engine names it in input errors.
    private DataFrame Fetch(FetchStage fetch)
    {
        StructType rowType = new(ReadType(udf.Rows).Fields.Skip(1));
        bool ranges = fetch.Udf == nameof(DocumentUdf.FetchRangeRows);
        DataFrame inputs = spark.CreateDataFrame(
            fetch.Inputs.Select(f => new GenericRow([f.Name, f.Path, f.Index, f.Range?.Start ?? 0L, f.Range?.End ?? 0L])),
            new StructType([
                new StructField("name", new StringType(), isNullable: false),
                new StructField("path", new StringType(), isNullable: false),
                new StructField(SparkColumns.InputIndex, new IntegerType(), isNullable: false),
                new StructField("start", new LongType(), isNullable: false),
                new StructField("end", new LongType(), isNullable: false),
            ]));
        Column elements = ranges
            ? Udf<int, string, long, long, string[]>(udf.FetchRangeRows)(Col(SparkColumns.InputIndex), Col("path"), Col("start"), Col("end"))
            : Udf<int, string, string[]>(udf.FetchRows)(Col(SparkColumns.InputIndex), Col("path"));
        return inputs.Repartition(fetch.Inputs.Count)
            .Select(Col("name").As(SparkColumns.Path), Explode(elements).As(SparkColumns.Json))
            .Select(Col(SparkColumns.Path), FromJson(Col(SparkColumns.Json), rowType.Json, new Dictionary<string, string>()).As(SparkColumns.Document))
            .Select(SparkColumns.Path, SparkColumns.Document + ".*");
    }

    private DataFrame Read(ReadStage read)
    {
        StructType rowType = new(ReadType(udf.Rows).Fields.Skip(1));
        Func<Column, Column, Column, Column> rows = Udf<int, string, byte[], string[]>(udf.FileRows);

        // Each file's input index (its place in path order, as the local engine numbers inputs), joined on the path.
        DataFrame indices = spark.CreateDataFrame(
            read.Files.Select((path, position) => new GenericRow([path, read.Indices?[position] ?? position])),
            new StructType([new StructField("path", new StringType(), isNullable: false), new StructField(SparkColumns.InputIndex, new IntegerType(), isNullable: false)]));
        return spark.Read().Format(read.Format)
            .Load([.. read.Files])
            .Join(Broadcast(indices), "path")
            .Select(Col("path").As(SparkColumns.Path), Explode(rows(Col(SparkColumns.InputIndex), Col("path"), Col("content"))).As(SparkColumns.Json))
            .Select(Col(SparkColumns.Path), FromJson(Col(SparkColumns.Json), rowType.Json, new Dictionary<string, string>()).As(SparkColumns.Document))
            .Select(SparkColumns.Path, SparkColumns.Document + ".*");
    }

    // Returns the frame of the columns inside the files (the partition columns left out).
    private DataFrame Write(DataFrame documents, WriteStage write, string output)
    {
        DataFrame written = write.KeepAll ? documents : documents.Filter(Col(SegmentRows.DropReasonColumn).IsNull());
        var columns = new List<Column>();
        foreach (string name in write.Columns)
        {
            columns.Add(name switch
            {
                // Engine columns have reserved names in the row (a meta field may be called path or record); the
                // output uses the local engine's names.
                "text" => Col(SegmentRows.TextColumn).As("text"),
                "drop_reason" => Col(SegmentRows.DropReasonColumn).As("drop_reason"),
                "cluster_id" => Col(SparkColumns.ClusterId).As("cluster_id"),
                "meta" => Struct(pipeline.ResolveOutput().WrittenFields.Select(f => Col(f.Name)).ToArray()).As("meta"),
                "keep" => Col(SegmentRows.DropReasonColumn).IsNull().As("keep"),

                // Tokenized after the grouped steps, so duplicates cost nothing; array<int> is Parquet LIST<int32>.
                "input_ids" => Udf<string, int[]>(udf.InputIds)(Col(SegmentRows.TextColumn)).As("input_ids"),
                _ => Col(name),
            });
        }

        // No global sort (a sampling job plus a range shuffle): rows are hash-partitioned on the order key and
        // sorted within each part, so a part's content and order depend only on the input and the partition count.
        // Partition columns last: partitionBy takes them out of the files and into the directory names.
        Column[] inFiles = [.. columns];
        columns.AddRange(write.HivePartitionBy.Select(Col));
        DataFrame sorted = written.Repartition([.. write.PartitionBy.Select(Col)])
            .SortWithinPartitions([.. write.SortWithinPartitionsBy.Select(Col)]);
        DataFrameWriter writer = sorted
            .Select([.. columns])
            .Write()
            .Mode(SaveMode.Overwrite)
            .Options(write.Options.ToDictionary())
            .Option("compression", write.Compression);
        if (write.HivePartitionBy.Count > 0)
        {
            writer = writer.PartitionBy([.. write.HivePartitionBy]);
        }

        writer.Parquet(output);
        return sorted.Select(inFiles);
    }

    // Every grouped step the same way: entries → groups of a key → DecideGroup → drops, links and edits.
    private (DataFrame Documents, DataFrame? Edits) ApplyGroupedStep(DataFrame documents, GroupedStage step)
    {
        // One row per entry of a document still kept; the entry's position among its document's entries is its index.
        DataFrame entries = documents
            .Where(Col(SegmentRows.DropReasonColumn).IsNull().And(Col(step.EntriesColumn).IsNotNull()))
            .Select(Col(SparkColumns.Path), Col(SegmentRows.InputColumn), Col(SegmentRows.RecordColumn), PosExplode(Split(Col(step.EntriesColumn), " ")).As([SparkColumns.EntryIndex, SparkColumns.Entry]));
        Column member = ToJson(Struct(
            Col(SparkColumns.Path).As("path"),
            Col(SegmentRows.InputColumn).As("input"),
            Col(SegmentRows.RecordColumn).As("record"),
            Col(SparkColumns.EntryIndex).As("entry"),
            When(Instr(Col(SparkColumns.Entry), ":").Gt(0), SubstringIndex(Col(SparkColumns.Entry), ":", -1)).As("payload")), new Dictionary<string, string>());
        DataFrame groups = entries
            .GroupBy(SubstringIndex(Col(SparkColumns.Entry), ":", 1).As(SparkColumns.Key))
            .Agg(CollectList(member).As(SparkColumns.Members));
        if (!step.DecidesSingletons)
        {
            // A group of one is kept as it is: no UDF call for the (usually many) unique keys.
            groups = groups.Where(Size(Col(SparkColumns.Members)).Geq(2));
        }

        Func<Column, Column, Column> decide = Udf<int, string, string[]>(udf.DecideGroup);
        DataFrame verdicts = groups
            .Select(Explode(decide(Lit(step.StepIndex), ConcatWs("\n", Col(SparkColumns.Members)))).As(SparkColumns.Json))
            .Select(FromJson(Col(SparkColumns.Json), GroupRows.VerdictSchema, new Dictionary<string, string>()).As(SparkColumns.Verdict))
            .Select(SparkColumns.Verdict + ".*")
            .Cache();
        _cached.Add(verdicts);

        DataFrame losers = verdicts.Where(Col("kind").EqualTo(GroupRows.Drop))
            .Select(Col("input").As(SparkColumns.LoserInput), Col("record").As(SparkColumns.LoserRecord));
        DataFrame? labels = null;
        if (step.LinksDocuments)
        {
            // Linked documents form components (star contraction over the links); all but the earliest lose.
            DataFrame links = verdicts.Where(Col("kind").EqualTo(GroupRows.Link))
                .Select(Node("input", "record").As("a"), Node("input_b", "record_b").As("b"));
            labels = SparkStarContraction.Components(links).Cache();
            _cached.Add(labels);
            losers = losers.Union(labels.Select(Col("node." + SegmentRows.InputColumn).As(SparkColumns.LoserInput), Col("node." + SegmentRows.RecordColumn).As(SparkColumns.LoserRecord)));
        }

        DataFrame marked = documents
            .Join(losers.Distinct(), Col(SegmentRows.InputColumn).EqualTo(Col(SparkColumns.LoserInput)).And(Col(SegmentRows.RecordColumn).EqualTo(Col(SparkColumns.LoserRecord))), "left_outer")
            .WithColumn(SparkColumns.Loses, Col(SparkColumns.LoserInput).IsNotNull().And(Col(SegmentRows.DropReasonColumn).IsNull()))
            .WithColumn(SegmentRows.DroppedByColumn, When(Col(SparkColumns.Loses), Lit(step.Step)).Otherwise(Col(SegmentRows.DroppedByColumn)))
            .WithColumn(SegmentRows.DropReasonColumn, When(Col(SparkColumns.Loses), Lit(step.DropReason)).Otherwise(Col(SegmentRows.DropReasonColumn)))
            .Drop(SparkColumns.Loses, SparkColumns.LoserInput, SparkColumns.LoserRecord);
        if (step.NumbersClusters && labels is not null)
        {
            marked = NumberClusters(marked, labels);
        }

        // The edits of one document, "entry:value" separated by spaces, for the next pass to apply.
        DataFrame? edits = !step.EditsDocuments ? null : verdicts.Where(Col("kind").EqualTo(GroupRows.Edit))
            .Select(Col("input").As(SparkColumns.LoserInput), Col("record").As(SparkColumns.LoserRecord),
                ConcatWs(":", Col("entry").Cast("string"), Coalesce(Col("value"), Lit(string.Empty))).As(SparkColumns.Edits))
            .GroupBy(Col(SparkColumns.LoserInput), Col(SparkColumns.LoserRecord))
            .Agg(ConcatWs(" ", CollectList(Col(SparkColumns.Edits))).As(SparkColumns.Edits));
        return (marked, edits);

        static Column Node(string input, string record) =>
            Struct(Col(input).As(SegmentRows.InputColumn), Col(record).As(SegmentRows.RecordColumn));
    }

    // A later segment: kept documents, with their edits, through ApplyPass; dropped ones bypass the UDF.
    private DataFrame ApplyPass(DataFrame documents, PassStage pass, DataFrame? edits)
    {
        SegmentRows rows = udf.Rows;
        StructType rowType = RowType(rows);
        string[] carried = [SparkColumns.Path, .. documents.Columns().Where(c => c == SparkColumns.ClusterId)];
        Column kept = Col(SegmentRows.DropReasonColumn).IsNull();
        DataFrame taking = documents.Where(kept);
        Column editsColumn = Lit(null).Cast("string");
        if (pass.TakesEdits)
        {
            taking = taking.Join(edits ?? throw new InvalidOperationException($"pass {pass.Pass} takes edits, but no grouped step sent any"),
                Col(SegmentRows.InputColumn).EqualTo(Col(SparkColumns.LoserInput)).And(Col(SegmentRows.RecordColumn).EqualTo(Col(SparkColumns.LoserRecord))), "left_outer");
            editsColumn = Col(SparkColumns.Edits);
        }

        Func<Column, Column, Column, Column> apply = Udf<int, string, string, string>(udf.ApplyPass);
        Column row = ToJson(Struct([.. rows.Columns.Select(c => Col(c.Name))]), new Dictionary<string, string>());
        DataFrame passed = taking
            .Select([.. carried.Select(Col), apply(Lit(pass.Pass), row, editsColumn).As(SparkColumns.Json)])
            .Select([.. carried.Select(Col), FromJson(Col(SparkColumns.Json), rowType.Json, new Dictionary<string, string>()).As(SparkColumns.Document)])
            .Select(carried[0], [.. carried.Skip(1), SparkColumns.Document + ".*"]);
        return passed.UnionByName(documents.Where(Not(kept)).Select([.. carried.Concat(rows.Columns.Select(c => c.Name)).Select(Col)]));
    }

    private static DataFrame NumberClusters(DataFrame documents, DataFrame labels)
    {
        // The local engine's run-wide numbers: files in input order, records within a file, so a document's number
        // is the count of rows in earlier files plus its record. One row per file goes through the ordered window.
        DataFrame offsets = documents.GroupBy(Col(SegmentRows.InputColumn)).Count()
            .WithColumn(SparkColumns.Offset, Coalesce(Sum(Col("count")).Over(SparkWindow.OrderBy(Col(SegmentRows.InputColumn)).RowsBetween(SparkWindow.UnboundedPreceding, -1)), Lit(0L)))
            .Select(Col(SegmentRows.InputColumn).As(SparkColumns.OffsetInput), Col(SparkColumns.Offset));
        DataFrame roots = labels
            .Join(offsets, Col("root." + SegmentRows.InputColumn).EqualTo(Col(SparkColumns.OffsetInput)))
            .Select(Col("node." + SegmentRows.InputColumn).As(SparkColumns.MemberInput), Col("node." + SegmentRows.RecordColumn).As(SparkColumns.MemberRecord), Col(SparkColumns.Offset).Plus(Col("root." + SegmentRows.RecordColumn)).As(SparkColumns.RootNumber));
        return documents
            .Join(offsets, Col(SegmentRows.InputColumn).EqualTo(Col(SparkColumns.OffsetInput)))
            .Join(roots, Col(SegmentRows.InputColumn).EqualTo(Col(SparkColumns.MemberInput)).And(Col(SegmentRows.RecordColumn).EqualTo(Col(SparkColumns.MemberRecord))), "left_outer")
            .WithColumn(SparkColumns.ClusterId, Coalesce(Col(SparkColumns.RootNumber), Col(SparkColumns.Offset).Plus(Col(SegmentRows.RecordColumn))))
            .Drop(SparkColumns.OffsetInput, SparkColumns.Offset, SparkColumns.MemberInput, SparkColumns.MemberRecord, SparkColumns.RootNumber);
    }
}
