using Microsoft.Spark.Sql;
using Microsoft.Spark.Sql.Types;
using RedPajama.Documents;
using RedPajama.Engine;
using RedPajama.Engine.Rows;
using RedPajama.Pipeline;
using RedPajama.Reading;
using RedPajama.Spark.Plan;
using static Microsoft.Spark.Sql.Functions;
using SparkWindow = Microsoft.Spark.Sql.Expressions.Window;

namespace RedPajama.Spark;

/// <summary>
/// Translates a <see cref="PipelineDescription"/> into Spark operations:
/// list the inputs and keep the files the source reads (<see cref="SparkJobPlan.SelectInputs"/>) → read them as
/// <c>binaryFile</c> rows, each file through the local engine's reader and the per-document steps in one C# UDF
/// (<see cref="InputFileUdf"/>) → each keyed step as a shuffle (<c>row_number()</c> over the key, ordered by path and record,
/// so the first by order key wins as in the local engine; a step with several keys per document, near dedup, as
/// explode → group by bucket → edges → <see cref="SparkStarContraction"/>) → accounting by a group-by on (step, reason) →
/// Parquet (zstd) with <c>text</c>, a <c>meta</c> struct (with <c>token_count</c> when tokenization is on) and an
/// optional <c>input_ids</c> array, the local engine's schema.
/// </summary>
/// <param name="spark">The session.</param>
/// <param name="pipeline">The pipeline, built on the driver.</param>
/// <param name="udf">The same pipeline's UDFs, for the workers.</param>
public sealed class SparkPipelineJob(SparkSession spark, PipelineDescription pipeline, DocumentUdf udf)
{
    /// <summary>Runs the pipeline: <see cref="SparkJobPlan.Describe"/>, one stage at a time.</summary>
    /// <param name="inputs">Input paths.</param>
    /// <param name="output">Output directory.</param>
    /// <param name="keepAll">Write dropped documents too.</param>
    /// <returns>The accounting.</returns>
    public RunStatistics Run(IReadOnlyList<string> inputs, string output, bool keepAll)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        InputResolution resolved = SparkJobPlan.SelectInputs(pipeline.Source, inputs.Select(List));
        DataFrame? documents = null;
        DataFrame? readRows = null;
        var inputErrors = new List<InputError>(resolved.Problems);
        List<DropCount>? drops = null;
        long read = 0;
        long written = 0;
        RunStatistics? statistics = null;
        foreach (SparkStage stage in SparkJobPlan.Describe(pipeline, keepAll, resolved.Files).Stages)
        {
            switch (stage)
            {
                case ReadStage readStage:
                    documents = Read(readStage);
                    break;
                case CountReadStage:
                    // Cached so that the UDF runs once: the errors, the count, the keyed steps and the write all
                    // reuse these rows. With no input files there is no read stage, and no rows.
                    readRows = (documents ?? spark.CreateDataFrame(new List<GenericRow>(), ReadType(udf.Codec))).Cache();
                    inputErrors.AddRange(readRows.Where(Col(SparkColumns.InputError).IsNotNull())
                        .Select(Col(SparkColumns.Path), Col(SparkColumns.InputError), Col(SparkColumns.RecordsRead)).Collect()
                        .Select(r => new InputError((string)r.Get(0), (string)r.Get(1), Convert.ToInt64(r.Get(2), System.Globalization.CultureInfo.InvariantCulture))));
                    documents = readRows.Where(Col(SparkColumns.InputError).IsNull()).Drop(SparkColumns.InputError, SparkColumns.RecordsRead);
                    read = documents.Count();
                    break;
                case KeyedStage keyed:
                    documents = keyed.Kind == KeyedStageKind.ConnectedComponents
                        ? ApplyComponentsStep(Required(documents), keyed)
                        : ApplyKeyedStep(Required(documents), keyed);
                    break;
                case AccountingStage:
                    drops = [.. Required(documents).GroupBy(Col(DocumentRowCodec.DroppedByColumn), Col(DocumentRowCodec.DropReasonColumn)).Count().Collect()
                        .Select(r => new DropCount(r.Get(0) as string, r.Get(1) as string, Convert.ToInt64(r.Get(2), System.Globalization.CultureInfo.InvariantCulture)))];
                    break;
                case WriteStage write:
                    Write(Required(documents), write, output);
                    break;
                case CountWrittenStage:
                    DataFrame back = spark.Read().Parquet(output);
                    written = (keepAll ? back.Filter(Col("keep")) : back).Count();
                    break;
                case WriteStatisticsStage writeStatistics:
                    statistics = RunStatistics.FromDropCounts(pipeline.Source, "spark", pipeline.StepNames,
                        drops ?? throw new InvalidOperationException("the plan has no accounting stage before the statistics"), read, written);
                    statistics.InputFiles = resolved.Files.Count;
                    statistics.InputBytes = resolved.Files.Sum(f => f.Length);
                    statistics.InputErrors.AddRange(inputErrors);
                    HadoopOutputFile.Write(spark.SparkContext, output, writeStatistics.FileName, System.Text.Encoding.UTF8.GetBytes(statistics.ToJson()));
                    break;
                case MarkSuccessStage marker:
                    HadoopOutputFile.Write(spark.SparkContext, output, marker.FileName, []);
                    break;
                default:
                    throw new NotSupportedException($"no translation for {stage}");
            }
        }

        readRows?.Unpersist();
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
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private static StructType RowType(DocumentRowCodec codec) =>
        new(codec.Columns.Select(c => new StructField(c.Name, SparkType(c.Type), isNullable: true)));

    private static DataFrame Required(DataFrame? documents) =>
        documents ?? throw new InvalidOperationException("the plan reads nothing before this stage");

    // The row struct as read: the path, the codec's columns, and the failure report of a file read part way.
    private static StructType ReadType(DocumentRowCodec codec) =>
        new([
            new StructField(SparkColumns.Path, new StringType(), isNullable: true),
            .. RowType(codec).Fields,
            new StructField(SparkColumns.InputError, new StringType(), isNullable: true),
            new StructField(SparkColumns.RecordsRead, new LongType(), isNullable: true),
        ]);

    // The files under one argument, listed by Spark (content is not read: binaryFile reads it only when selected).
    private ListedInput List(string argument)
    {
        bool isGlob = argument.AsSpan().IndexOfAny("*?[{") >= 0;
        if (!isGlob && !HadoopPaths.Exists(spark.SparkContext, argument))
        {
            return new ListedInput(argument, false, []);
        }

        ListedFile[] files = [.. spark.Read().Format("binaryFile").Option("recursiveFileLookup", "true").Load(argument)
            .Select(Col("path"), Col("length")).Collect()
            .Select(r => new ListedFile((string)r.Get(0), Convert.ToInt64(r.Get(1), System.Globalization.CultureInfo.InvariantCulture)))];
        return new ListedInput(argument, !isGlob && HadoopPaths.IsFile(spark.SparkContext, argument), files);
    }

    private DataFrame Read(ReadStage read)
    {
        StructType rowType = new(ReadType(udf.Codec).Fields.Skip(1));
        Func<Column, Column, Column> rows = Udf<string, byte[], string[]>(udf.FileRows);
        return spark.Read().Format(read.Format)
            .Load([.. read.Files])
            .Select(Col("path").As(SparkColumns.Path), Explode(rows(Col("path"), Col("content"))).As(SparkColumns.Json))
            .Select(Col(SparkColumns.Path), FromJson(Col(SparkColumns.Json), rowType.Json, new Dictionary<string, string>()).As(SparkColumns.Document))
            .Select(SparkColumns.Path, SparkColumns.Document + ".*");
    }

    private void Write(DataFrame documents, WriteStage write, string output)
    {
        DataFrame written = write.KeepAll ? documents : documents.Filter(Col(DocumentRowCodec.DropReasonColumn).IsNull());
        var columns = new List<Column>();
        foreach (string name in write.Columns)
        {
            columns.Add(name switch
            {
                // Engine columns have reserved names in the row (a meta field may be called path or record); the
                // output uses the local engine's names.
                "text" => Col(DocumentRowCodec.TextColumn).As("text"),
                "drop_reason" => Col(DocumentRowCodec.DropReasonColumn).As("drop_reason"),
                "cluster_id" => Col(SparkColumns.ClusterId).As("cluster_id"),
                "meta" => Struct(pipeline.Meta.Fields.Select(f => Col(f.Name)).ToArray()).As("meta"),
                "keep" => Col(DocumentRowCodec.DropReasonColumn).IsNull().As("keep"),

                // Tokenized after the keyed steps, so duplicates cost nothing; array<int> is Parquet LIST<int32>.
                "input_ids" => Udf<string, int[]>(udf.InputIds)(Col(DocumentRowCodec.TextColumn)).As("input_ids"),
                _ => Col(name),
            });
        }

        // No global sort (a sampling job plus a range shuffle): rows are hash-partitioned on the order key and
        // sorted within each part, so a part's content and order depend only on the input and the partition count.
        written.Repartition([.. write.PartitionBy.Select(Col)])
            .SortWithinPartitions([.. write.SortWithinPartitionsBy.Select(Col)])
            .Select([.. columns])
            .Write()
            .Mode(SaveMode.Overwrite)
            .Options(write.Options.ToDictionary())
            .Option("compression", write.Compression)
            .Parquet(output);
    }

    private static DataFrame ApplyKeyedStep(DataFrame documents, KeyedStage step)
    {
        // Only documents that take part (still kept, with a key) enter the window; the rest bypass it. Clearing
        // their keys instead would put every one of them in the single null-key partition of the window, one task.
        Column takesPart = Col(DocumentRowCodec.DropReasonColumn).IsNull().And(Col(step.KeyColumn).IsNotNull());
        DataFrame ranked = step.RanksOnlyParticipants ? documents.Where(takesPart) : documents;
        Column rank = RowNumber().Over(SparkWindow.PartitionBy(Col(step.KeyColumn)).OrderBy(Col(SparkColumns.Path), Col(DocumentRowCodec.RecordColumn)));
        Column loses = takesPart.And(rank.Gt(Lit(1)));
        DataFrame marked = ranked
            .WithColumn(SparkColumns.Loses, loses)
            .WithColumn(DocumentRowCodec.DroppedByColumn, When(Col(SparkColumns.Loses), Lit(step.Step)).Otherwise(Col(DocumentRowCodec.DroppedByColumn)))
            .WithColumn(DocumentRowCodec.DropReasonColumn, When(Col(SparkColumns.Loses), Lit(step.DropReason)).Otherwise(Col(DocumentRowCodec.DropReasonColumn)))
            .Drop(SparkColumns.Loses);
        return step.RanksOnlyParticipants ? marked.UnionByName(documents.Where(Not(takesPart))) : marked;
    }

    private static DataFrame ApplyComponentsStep(DataFrame documents, KeyedStage step)
    {
        // One row per (bucket, document) for kept documents: the key column holds a document's bucket keys (its
        // LSH bands) separated by spaces. Every member of a bucket links to the bucket's earliest member, then the
        // links' connected components are found by star contraction; each component keeps its earliest document.
        Column node = Struct(Col(SparkColumns.Path), Col(DocumentRowCodec.RecordColumn));
        DataFrame buckets = documents
            .Where(Col(DocumentRowCodec.DropReasonColumn).IsNull().And(Col(step.KeyColumn).IsNotNull()))
            .Select(Explode(Split(Col(step.KeyColumn), " ")).As("bucket"), node.As("node"));
        DataFrame firsts = buckets.GroupBy(Col("bucket")).Agg(Min(Col("node")).As("first"));
        DataFrame edges = buckets.Join(firsts, "bucket")
            .Where(Col("node").NotEqual(Col("first")))
            .Select(Col("node").As("a"), Col("first").As("b"))
            .Distinct();
        DataFrame labels = SparkStarContraction.Components(edges).Cache();
        DataFrame losers = labels
            .Select(Col("node." + SparkColumns.Path).As(SparkColumns.LoserPath), Col("node." + DocumentRowCodec.RecordColumn).As(SparkColumns.LoserRecord), Lit(true).As(SparkColumns.Loses));
        DataFrame marked = documents
            .Join(losers, Col(SparkColumns.Path).EqualTo(Col(SparkColumns.LoserPath)).And(Col(DocumentRowCodec.RecordColumn).EqualTo(Col(SparkColumns.LoserRecord))), "left_outer")
            .WithColumn(SparkColumns.Loses, Coalesce(Col(SparkColumns.Loses), Lit(false)))
            .WithColumn(DocumentRowCodec.DroppedByColumn, When(Col(SparkColumns.Loses), Lit(step.Step)).Otherwise(Col(DocumentRowCodec.DroppedByColumn)))
            .WithColumn(DocumentRowCodec.DropReasonColumn, When(Col(SparkColumns.Loses), Lit(step.DropReason)).Otherwise(Col(DocumentRowCodec.DropReasonColumn)))
            .Drop(SparkColumns.Loses, SparkColumns.LoserPath, SparkColumns.LoserRecord);
        return step.NumbersClusters ? NumberClusters(marked, labels) : marked;
    }

    private static DataFrame NumberClusters(DataFrame documents, DataFrame labels)
    {
        // The local engine's run-wide numbers: files in path order, records within a file, so a document's number
        // is the count of rows in earlier files plus its record. One row per file goes through the ordered window.
        DataFrame offsets = documents.GroupBy(Col(SparkColumns.Path)).Count()
            .WithColumn(SparkColumns.Offset, Coalesce(Sum(Col("count")).Over(SparkWindow.OrderBy(Col(SparkColumns.Path)).RowsBetween(SparkWindow.UnboundedPreceding, -1)), Lit(0L)))
            .Select(Col(SparkColumns.Path).As(SparkColumns.OffsetPath), Col(SparkColumns.Offset));
        DataFrame roots = labels
            .Join(offsets, Col("root." + SparkColumns.Path).EqualTo(Col(SparkColumns.OffsetPath)))
            .Select(Col("node." + SparkColumns.Path).As(SparkColumns.MemberPath), Col("node." + DocumentRowCodec.RecordColumn).As(SparkColumns.MemberRecord), Col(SparkColumns.Offset).Plus(Col("root." + DocumentRowCodec.RecordColumn)).As(SparkColumns.RootNumber));
        return documents
            .Join(offsets, Col(SparkColumns.Path).EqualTo(Col(SparkColumns.OffsetPath)))
            .Join(roots, Col(SparkColumns.Path).EqualTo(Col(SparkColumns.MemberPath)).And(Col(DocumentRowCodec.RecordColumn).EqualTo(Col(SparkColumns.MemberRecord))), "left_outer")
            .WithColumn(SparkColumns.ClusterId, Coalesce(Col(SparkColumns.RootNumber), Col(SparkColumns.Offset).Plus(Col(DocumentRowCodec.RecordColumn))))
            .Drop(SparkColumns.OffsetPath, SparkColumns.Offset, SparkColumns.MemberPath, SparkColumns.MemberRecord, SparkColumns.RootNumber);
    }
}
