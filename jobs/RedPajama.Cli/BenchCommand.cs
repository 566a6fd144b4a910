using System.Diagnostics;
using System.Globalization;
using RedPajama.Configuration;
using RedPajama.Engine;
using RedPajama.Engine.Local;
using RedPajama.Pipeline;
using RedPajama.Reading;
using RedPajama.Sources;
using RedPajama.Udfs.Tokenization;

namespace RedPajama.Cli;

/// <summary>
/// <c>redpajama bench</c>: runs a source's whole pipeline on the local engine at several thread counts into a
/// scratch directory and prints the best docs/s and MB/s of each, so throughput is measured the same way every time.
/// </summary>
/// <param name="output">Where the table goes.</param>
/// <param name="error">Errors.</param>
public sealed class BenchCommand(TextWriter output, TextWriter error)
{
    /// <summary>Runs the benchmark.</summary>
    /// <param name="source">The source.</param>
    /// <param name="inputs">Input arguments.</param>
    /// <param name="threadCounts">Thread counts to measure.</param>
    /// <param name="repeat">Runs per thread count; the fastest counts.</param>
    /// <param name="configPath">A YAML run configuration, or null for the defaults.</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    /// <param name="reference">
    /// A shell command running the reference implementation on the same input (cc_net's Python for commoncrawl), timed
    /// once after this project's runs and printed beside them; null for none.
    /// </param>
    /// <returns>The exit code.</returns>
    public async Task<int> ExecuteAsync(string source, IReadOnlyList<string> inputs, IReadOnlyList<int> threadCounts, int repeat, string? configPath, CancellationToken cancellationToken, string? reference = null)
    {
        ArgumentNullException.ThrowIfNull(threadCounts);
        if (await CliInputs.ResolveAsync(source, inputs, error).ConfigureAwait(false) is not { } resolution)
        {
            return ExitCodes.Failed;
        }

        PipelineDescription pipeline;
        Writing.OutputFormat format;
        try
        {
            RunConfig config = configPath is null ? new RunConfig() : RunConfigLoader.Load(configPath);
            SourceCatalog.InferFromFirstInput(source, config, resolution.Files[0].Path);
            pipeline = SourceCatalog.Describe(source, config);
            format = Writing.OutputFormats.Parse(config.Format);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or IOException or InvalidDataException or SentencePieceModelException or Udfs.FastText.FastTextModelException)
        {
            await error.WriteLineAsync($"redpajama: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        // MB of input as the pipeline reads it (decompressed), the unit cc_net's and other tools' throughput is quoted in.
        long bytes = resolution.Files.Sum(f => Directory.Exists(f.Path) ? f.Length : UncompressedLength(f.Path));
        // And MB as stored (a .bz2 dump's compressed bytes), the unit of "MB/s of bz2 input per core".
        long stored = resolution.Files.Sum(f => f.Length);
        await output.WriteLineAsync(Invariant($"{source}: {resolution.Files.Count} files, {bytes / 1e6:F1} MB uncompressed, {stored / 1e6:F1} MB stored; best of {repeat} runs, whole pipeline (read, steps, keyed steps, {format} write)")).ConfigureAwait(false);
        await output.WriteLineAsync("threads  docs        seconds   docs/s      MB/s   CPU s   MB/CPU-s  stored MB/CPU-s").ConfigureAwait(false);
        string scratch = Path.Combine(Path.GetTempPath(), $"redpajama-bench-{Guid.NewGuid():N}");
        double leastCpu = double.MaxValue;
        try
        {
            foreach (int threads in threadCounts)
            {
                double best = double.MaxValue;
                double bestCpu = double.MaxValue;
                long documents = 0;
                for (int run = 0; run < Math.Max(1, repeat); run++)
                {
                    TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                    var stopwatch = Stopwatch.StartNew();
                    RunStatistics statistics = await new LocalEngine(new LocalEngineOptions { Threads = threads, Format = format })
                        .RunAsync(pipeline, resolution.Files, scratch, resolution.Problems, cancellationToken).ConfigureAwait(false);
                    best = Math.Min(best, stopwatch.Elapsed.TotalSeconds);
                    bestCpu = Math.Min(bestCpu, (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
                    documents = statistics.Read;
                }

                await output.WriteLineAsync(Invariant($"{threads,7}  {documents,-10}  {best,7:F3}  {documents / best,10:F1}  {bytes / 1e6 / best,8:F2}  {bestCpu,6:F1}  {bytes / 1e6 / bestCpu,8:F2}  {stored / 1e6 / bestCpu,15:F2}")).ConfigureAwait(false);
                leastCpu = Math.Min(leastCpu, bestCpu);
            }

            if (reference is not null)
            {
                (double wall, double cpu) = await ReferenceTool.TimeShellAsync(reference, error, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync(Invariant($"reference ({reference}):")).ConfigureAwait(false);
                await output.WriteLineAsync(Invariant($"{"ref",7}  {"-",-10}  {wall,7:F3}  {"-",10}  {bytes / 1e6 / wall,8:F2}  {cpu,6:F1}  {bytes / 1e6 / cpu,8:F2}  {stored / 1e6 / cpu,15:F2}")).ConfigureAwait(false);
                await output.WriteLineAsync(Invariant($"per core (CPU seconds): {cpu / leastCpu:F1}x the reference")).ConfigureAwait(false);
            }
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }

        return ExitCodes.Success;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static long UncompressedLength(string path)
    {
        if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            using var zip = System.IO.Compression.ZipFile.OpenRead(path);
            return zip.Entries.Sum(e => e.Length);
        }

        // A .tgz is a gzip stream like a .tar.gz; a .bz2 (a Wikipedia dump) is read by its own decoder.
        string name = path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase) ? path + ".gz" : path;
        bool bzip2 = Sources.Wikipedia.Reading.Bzip2.IsBzip2(path);
        if (!bzip2 && InputStreams.CompressionOf(name).Length == 0)
        {
            return new FileInfo(path).Length;
        }

        using Stream stream = bzip2 ? Sources.Wikipedia.Reading.Bzip2.OpenRead(InputStreams.OpenRaw(path)) : InputStreams.Decompress(InputStreams.OpenRaw(path), name);
        long length = 0;
        byte[] buffer = new byte[1 << 16];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            length += read;
        }

        return length;
    }
}
