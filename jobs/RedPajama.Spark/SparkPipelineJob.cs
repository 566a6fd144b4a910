using Microsoft.Spark.Sql;
using Microsoft.Spark.Sql.Types;
using RedPajama.Documents;
using RedPajama.Engine;
using RedPajama.Engine.Rows;
using RedPajama.Pipeline;
using static Microsoft.Spark.Sql.Functions;
using SparkWindow = Microsoft.Spark.Sql.Expressions.Window;

namespace RedPajama.Spark;

/// <summary>
/// Translates a <see cref="PipelineDescription"/> into Spark operations:
/// read (<c>binaryFile</c> for whole-file records, <c>text</c> for JSON lines) → per-document steps as one C# UDF
/// returning a struct → each keyed step as a shuffle (<c>row_number()</c> over the key, ordered by path and record,
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
    /// <summary>File-name globs of whole-file inputs (one document per file).</summary>
    public const string WholeFileGlob = "*.txt";

    /// <summary>File-name globs of JSON-lines inputs.</summary>
    public const string JsonLinesGlob = "*.{jsonl,json,jsonl.gz,json.gz}";

    /// <summary>Runs the pipeline.</summary>
    /// <param name="inputs">Input paths.</param>
    /// <param name="output">Output directory.</param>
    /// <param name="keepAll">Write dropped documents too.</param>
    /// <returns>The accounting.</returns>
    public RunStatistics Run(IReadOnlyList<string> inputs, string output, bool keepAll)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        DocumentRowCodec codec = udf.Codec;
        StructType rowType = RowType(codec);
        string[] paths = [.. inputs];

        Func<Column, Column, Column> fromWholeFile = Udf<string, byte[]>(udf.FromWholeFile, rowType);
        DataFrame books = spark.Read().Format("binaryFile")
            .Option("pathGlobFilter", WholeFileGlob)
            .Option("recursiveFileLookup", "true")
            .Load(paths)
            .Select(Col("path"), fromWholeFile(Col("path"), Col("content")).As("d"));

        // Blank lines are not records (as in the local reader); the rest are numbered in file order.
        Func<Column, Column, Column> fromJsonLine = Udf<long, string>(udf.FromJsonLine, rowType);
        DataFrame rows = spark.Read()
            .Option("pathGlobFilter", JsonLinesGlob)
            .Option("recursiveFileLookup", "true")
            .Text(paths)
            .Filter(Trim(Col("value")).NotEqual(Lit(string.Empty)))
            .WithColumn("path", InputFileName())
            .WithColumn("line_id", MonotonicallyIncreasingId())
            .WithColumn("line", RowNumber().Over(SparkWindow.PartitionBy(Col("path")).OrderBy(Col("line_id"))).Minus(Lit(1L)))
            .Select(Col("path"), fromJsonLine(Col("line"), Col("value")).As("d"));

        DataFrame documents = books.Union(rows).Select("path", "d.*");
        for (int k = 0; k < pipeline.KeyedSteps.Count; k++)
        {
            documents = ApplyKeyedStep(documents, pipeline.KeyedSteps[k], DocumentRowCodec.KeyColumn(k));
        }

        documents = documents.Cache();
        RunStatistics statistics = RunStatistics.FromDropCounts(
            pipeline.Source,
            "spark",
            pipeline.StepNames,
            documents.GroupBy(Col("dropped_by"), Col("drop_reason")).Count().Collect()
                .Select(r => new DropCount(r.Get(0) as string, r.Get(1) as string, Convert.ToInt64(r.Get(2), System.Globalization.CultureInfo.InvariantCulture))));

        DataFrame written = keepAll ? documents : documents.Filter(Col("drop_reason").IsNull());
        var columns = new List<Column>
        {
            Col("text"),
            Struct(pipeline.Meta.Fields.Select(f => Col(f.Name)).ToArray()).As("meta"),
        };
        if (pipeline.WritesSignals)
        {
            // Document signals as typed columns, as the local engine writes them; line-signal spans are not in the row yet.
            columns.AddRange(codec.Columns.Skip(codec.SignalOffset).Select(c => Col(c.Name)));
        }

        if (keepAll)
        {
            columns.Add(Col("drop_reason"));
            columns.Add(Col("drop_reason").IsNull().As("keep"));
        }

        if (pipeline.WritesInputIds)
        {
            // Tokenized after the keyed steps, so duplicates cost nothing; array<int> is Parquet LIST<int32>.
            Func<Column, Column> inputIds = Udf<string, int[]>(udf.InputIds);
            columns.Add(inputIds(Col("text")).As("input_ids"));
        }

        written.OrderBy(Col("path"), Col("record"))
            .Select([.. columns])
            .Write()
            .Mode(SaveMode.Overwrite)
            .Option("compression", "zstd")
            .Parquet(output);
        documents.Unpersist();
        return statistics;
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

    private static DataFrame ApplyKeyedStep(DataFrame documents, KeyedStep step, string keyColumn)
    {
        if (step.KeysPerDocument > 1)
        {
            return ApplyComponentsStep(documents, step, keyColumn);
        }

        // Documents dropped by an earlier step take no part: their key is cleared before ranking.
        Column kept = Col("drop_reason").IsNull();
        DataFrame keyed = documents.WithColumn(keyColumn, When(kept, Col(keyColumn)));
        Column rank = RowNumber().Over(SparkWindow.PartitionBy(Col(keyColumn)).OrderBy(Col("path"), Col("record")));
        Column loses = Col(keyColumn).IsNotNull().And(rank.Gt(Lit(1)));
        return keyed
            .WithColumn("loses", loses)
            .WithColumn("dropped_by", When(Col("loses"), Lit(step.Name)).Otherwise(Col("dropped_by")))
            .WithColumn("drop_reason", When(Col("loses"), Lit(step.DropReason)).Otherwise(Col("drop_reason")))
            .Drop("loses");
    }

    private static DataFrame ApplyComponentsStep(DataFrame documents, KeyedStep step, string keyColumn)
    {
        // One row per (bucket, document) for kept documents: the key column holds a document's bucket keys (its
        // LSH bands) separated by spaces. Every member of a bucket links to the bucket's earliest member, then the
        // links' connected components are found by star contraction; each component keeps its earliest document.
        Column node = Struct(Col("path"), Col("record"));
        DataFrame buckets = documents
            .Where(Col("drop_reason").IsNull().And(Col(keyColumn).IsNotNull()))
            .Select(Explode(Split(Col(keyColumn), " ")).As("bucket"), node.As("node"));
        DataFrame firsts = buckets.GroupBy(Col("bucket")).Agg(Min(Col("node")).As("first"));
        DataFrame edges = buckets.Join(firsts, "bucket")
            .Where(Col("node").NotEqual(Col("first")))
            .Select(Col("node").As("a"), Col("first").As("b"))
            .Distinct();
        DataFrame losers = SparkStarContraction.Components(edges)
            .Select(Col("node.path").As("loser_path"), Col("node.record").As("loser_record"), Lit(true).As("loses"));
        return documents
            .Join(losers, Col("path").EqualTo(Col("loser_path")).And(Col("record").EqualTo(Col("loser_record"))), "left_outer")
            .WithColumn("loses", Coalesce(Col("loses"), Lit(false)))
            .WithColumn("dropped_by", When(Col("loses"), Lit(step.Name)).Otherwise(Col("dropped_by")))
            .WithColumn("drop_reason", When(Col("loses"), Lit(step.DropReason)).Otherwise(Col("drop_reason")))
            .Drop("loses", "loser_path", "loser_record");
    }
}
