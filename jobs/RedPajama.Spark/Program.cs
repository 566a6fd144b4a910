using Microsoft.Spark.Sql;
using RedPajama.Configuration;
using RedPajama.Engine;
using RedPajama.Engine.Local;
using RedPajama.LanguageId;
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
    RunConfig driverConfig = RunConfigLoader.Parse(arguments.ConfigPath is null ? string.Empty : File.ReadAllText(arguments.ConfigPath));

    // A source that takes settings from its inputs (documents: the meta fields) reads the first one here, when the
    // driver can see it; the workers get the completed configuration.
    string? firstLocalInput = arguments.Inputs.SelectMany(path => LocalFiles(arguments.Source, path)).FirstOrDefault();
    SourceCatalog.InferFromFirstInput(arguments.Source, driverConfig, firstLocalInput);
    configYaml = RunConfigLoader.ToYaml(driverConfig);
    _ = SourceCatalog.Describe(arguments.Source, RunConfigLoader.Parse(configYaml));
}
catch (Exception exception) when (exception is FormatException or ArgumentException or IOException or InvalidDataException or SentencePieceModelException or RedPajama.Udfs.FastText.FastTextModelException)
{
    Console.Error.WriteLine($"RedPajama.Spark.Job: {exception.Message}");
    return 2;
}

SparkSession spark = SparkSession.Builder().AppName($"redpajama-{arguments.Source}").GetOrCreate();
// Models travel to the executors as Spark files (the submit scripts pass the bundled ones with --files); the UDFs
// find them with SparkFiles.Get when the configured path does not exist on the worker.
foreach (RedPajama.Pipeline.ShippedFile file in SourceCatalog.ShippedFiles(arguments.Source, RunConfigLoader.Parse(configYaml)))
{
    Ship(spark, file);
}

var udf = new DocumentUdf(arguments.Source, configYaml);
RunStatistics statistics = new SparkPipelineJob(spark, udf.Rows.Pipeline, udf).Run(arguments.Inputs, arguments.Output, arguments.KeepAll, arguments.Shard);
string json = statistics.ToJson();
Console.WriteLine(json);

// Databricks owns the session of a job cluster: stopping it there fails the run.
if (Environment.GetEnvironmentVariable("DATABRICKS_RUNTIME_VERSION") is null)
{
    spark.Stop();
}

return statistics.IsBalanced ? 0 : 1;

// Adds a model (a folder recursively) as a Spark file unless --files already shipped one of that name (adding a name
// twice from two paths fails); the workers look it up by that name.
static void Ship(SparkSession spark, RedPajama.Pipeline.ShippedFile file)
{
    string name = file.Name;
    if (!spark.Conf().Get("spark.files", string.Empty).Split(',').Any(f => f.EndsWith("/" + name, StringComparison.Ordinal) || f == name))
    {
        spark.SparkContext.AddFile(file.Path, recursive: file.IsDirectory);
    }
}

// The inputs of a local path the source reads (files, and folders it reads whole), in the local engine's order;
// none for a remote path (hdfs://, s3a://, dbfs:/).
static IEnumerable<string> LocalFiles(string source, string path) =>
    path.Contains(":/", StringComparison.Ordinal) ? []
    : File.Exists(path) ? [path]
    : Directory.Exists(path) ? RedPajama.Reading.InputResolver.Resolve([path], new RedPajama.Reading.InputResolverOptions
    {
        Include = SourceCatalog.InputFilter(source),
        IncludeDirectory = SourceCatalog.DirectoryFilter(source),
    }).Files.Select(f => f.Path)
    : [];
