using Microsoft.Spark.Sql;
using RedPajama.Configuration;
using RedPajama.Engine;
using RedPajama.Engine.Local;
using RedPajama.Sources;
using RedPajama.Spark;
using RedPajama.Tokenization;
using RedPajama.Udfs.Tokenization;

// The Spark application: spark-submit … microsoft-spark-3-5_2.12-2.3.1.jar dotnet RedPajama.Spark.Job.dll run books …
SparkJobArguments arguments;
string configYaml;
try
{
    arguments = SparkJobArguments.Parse(args);
    configYaml = arguments.ConfigPath is null ? string.Empty : File.ReadAllText(arguments.ConfigPath);
    _ = SourceCatalog.Describe(arguments.Source, RunConfigLoader.Parse(configYaml));
}
catch (Exception exception) when (exception is FormatException or ArgumentException or IOException or SentencePieceModelException)
{
    Console.Error.WriteLine($"RedPajama.Spark.Job: {exception.Message}");
    return 2;
}

SparkSession spark = SparkSession.Builder().AppName($"redpajama-{arguments.Source}").GetOrCreate();
// The tokenizer model travels to the executors as a Spark file; the UDFs find it with SparkFiles.Get.
TokenizerConfig tokenizer = RunConfigLoader.Parse(configYaml).Tokenizer;
string? modelFile = null;
if (tokenizer.TokenCount || tokenizer.InputIds)
{
    string modelPath = PipelineTokenization.ModelPath(tokenizer);
    modelFile = Path.GetFileName(modelPath);

    // The submit scripts ship the bundled models with --files; adding the same name again from another path fails.
    if (!spark.Conf().Get("spark.files", string.Empty).Split(',').Any(f => f.EndsWith("/" + modelFile, StringComparison.Ordinal) || f == modelFile))
    {
        spark.SparkContext.AddFile(modelPath);
    }
}

var udf = new DocumentUdf(arguments.Source, configYaml, modelFile);
RunStatistics statistics = new SparkPipelineJob(spark, udf.Codec.Pipeline, udf).Run(arguments.Inputs, arguments.Output, arguments.KeepAll);
string json = statistics.ToJson();
Console.WriteLine(json);

// Parquet goes wherever Spark writes; the accounting file is added when the output is a local directory.
if (!arguments.Output.Contains("://", StringComparison.Ordinal) && Directory.Exists(arguments.Output))
{
    File.WriteAllText(Path.Combine(arguments.Output, LocalEngine.StatisticsFileName), json);
}

// Databricks owns the session of a job cluster: stopping it there fails the run.
if (Environment.GetEnvironmentVariable("DATABRICKS_RUNTIME_VERSION") is null)
{
    spark.Stop();
}

return statistics.IsBalanced ? 0 : 1;
