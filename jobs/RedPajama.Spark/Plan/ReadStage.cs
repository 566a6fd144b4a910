namespace RedPajama.Spark.Plan;

/// <summary>Reads input files into rows the document UDF parses.</summary>
/// <param name="Format">The Spark source: <c>binaryFile</c> (one row per file) or <c>text</c> (one row per line, blank lines removed).</param>
/// <param name="PathGlobFilter">Which file names the source takes.</param>
/// <param name="Udf">The <see cref="DocumentUdf"/> method that turns a row into a document row.</param>
public sealed record ReadStage(string Format, string PathGlobFilter, string Udf) : SparkStage;
