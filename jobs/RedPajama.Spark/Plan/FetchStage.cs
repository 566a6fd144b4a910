using RedPajama.Reading;

namespace RedPajama.Spark.Plan;

/// <summary>
/// Reads the inputs a listing named (<c>wet.paths.gz</c>: CommonCrawl URLs, or paths under a mirrored dump) inside
/// the executors, never through the driver: the driver makes a DataFrame of one row per input (its index in the
/// run's order and its URL or path), one input per partition, and a row UDF (<see cref="DocumentUdf.FetchRows"/>)
/// downloads and parses each with the local engine's reader (<see cref="RedPajama.Engine.Rows.SegmentRows.ReadFrom"/>:
/// streamed, resumed with Range requests, a 404 or a download given up an input error with the rows before it).
/// The ranges of a split file (<see cref="InputSplitting"/>) are read the same way, one range per row, by
/// <see cref="DocumentUdf.FetchRangeRows"/>.
/// </summary>
/// <param name="Inputs">The listed inputs of this run (this shard), in order, with their indices.</param>
/// <param name="Udf">The UDF method that downloads and parses one input: <see cref="DocumentUdf.FetchRows"/>, or
/// <see cref="DocumentUdf.FetchRangeRows"/> when every input is a range.</param>
public sealed record FetchStage(IReadOnlyList<InputFile> Inputs, string Udf) : SparkStage;
