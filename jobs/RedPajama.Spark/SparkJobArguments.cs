using RedPajama.Reading;

namespace RedPajama.Spark;

/// <summary>
/// Arguments of the Spark application, the same words as <c>redpajama run</c>:
/// <c>run &lt;source&gt; --input &lt;paths…&gt; --output &lt;dir&gt; [--config &lt;yaml&gt;] [--keep-all]
/// [--num-shards N --shard s]</c>. Paths are Spark paths (local, <c>hdfs://</c>, <c>s3a://</c>, <c>dbfs:/</c>), or
/// <c>http(s)://</c> URLs and listings (<c>wet.paths.gz</c>) whose entries the executors download.
/// </summary>
/// <param name="Source">The source name.</param>
/// <param name="Inputs">Input files or directories.</param>
/// <param name="Output">The output directory.</param>
/// <param name="ConfigPath">A YAML configuration readable by the driver, or null.</param>
/// <param name="KeepAll">Write dropped documents too, with their reason.</param>
/// <param name="Shard">The shard of the input list to read (<c>--num-shards N --shard s</c>, cc_net's ranges), or null for all.</param>
public sealed record SparkJobArguments(string Source, IReadOnlyList<string> Inputs, string Output, string? ConfigPath, bool KeepAll, InputShard? Shard = null)
{
    /// <summary>Usage text.</summary>
    public const string Usage = "usage: RedPajama.Spark.Job run <source> --input <path> [<path> …] --output <dir> [--config <yaml>] [--keep-all] [--num-shards <N> --shard <s>]";

    /// <summary>Parses the arguments.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>The parsed arguments.</returns>
    /// <exception cref="FormatException">The arguments do not match <see cref="Usage"/>.</exception>
    public static SparkJobArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count < 2 || args[0] != "run")
        {
            throw new FormatException(Usage);
        }

        var inputs = new List<string>();
        string? output = null;
        string? config = null;
        bool keepAll = false;
        int? numShards = null;
        int? shard = null;
        for (int i = 2; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--input" or "-i":
                    while (i + 1 < args.Count && !args[i + 1].StartsWith('-'))
                    {
                        inputs.Add(args[++i]);
                    }

                    break;
                case "--output" or "-o" when i + 1 < args.Count:
                    output = args[++i];
                    break;
                case "--config" when i + 1 < args.Count:
                    config = args[++i];
                    break;
                case "--keep-all":
                    keepAll = true;
                    break;
                case "--num-shards" when i + 1 < args.Count:
                    numShards = Number(args[i], args[++i]);
                    break;
                case "--shard" when i + 1 < args.Count:
                    shard = Number(args[i], args[++i]);
                    break;
                default:
                    throw new FormatException($"unexpected argument '{args[i]}'; {Usage}");
            }
        }

        if (inputs.Count == 0 || output is null)
        {
            throw new FormatException(Usage);
        }

        return new SparkJobArguments(args[1], inputs, output, config, keepAll, ShardOf(numShards, shard));
    }

    private static int Number(string option, string value) =>
        int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int number)
            ? number
            : throw new FormatException($"{option} must be a whole number (got '{value}')");

    private static InputShard? ShardOf(int? count, int? index)
    {
        try
        {
            return InputShard.FromOptions(count, index);
        }
        catch (ArgumentException exception)
        {
            throw new FormatException(exception.Message, exception);
        }
    }
}
