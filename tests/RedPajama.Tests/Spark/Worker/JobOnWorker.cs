using Microsoft.Spark.Sql;
using RedPajama.Configuration;
using RedPajama.Documents;
using RedPajama.Engine.Rows;
using RedPajama.Spark;
using RedPajama.Tests.Support;
using RedPajama.Pipeline;
using RedPajama.Sources;

namespace RedPajama.Tests.Spark.Worker;

/// <summary>
/// The job's UDFs as a cluster runs them: built on the "driver" as Program.cs builds them (configuration as YAML,
/// models named as shipped with <c>SparkContext.AddFile</c>), serialised by Microsoft.Spark, and run by the real
/// worker in a process of its own, with the job's assemblies copied to a folder of their own (the job folder a
/// cluster would have) and the models in the task's Spark files directory (where an executor downloads added files).
/// </summary>
internal sealed class JobOnWorker : IJobUdfs, IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly string _jobDirectory;
    private readonly string _sparkFiles;

    /// <summary>Builds the UDFs of <paramref name="source"/> under <paramref name="config"/> and stages their files.</summary>
    public JobOnWorker(string source, RunConfig config)
    {
        string configYaml = RunConfigLoader.ToYaml(config);
        Udf = new DocumentUdf(source, configYaml);

        _jobDirectory = _directory.Combine("job");
        CopyDirectory(SparkWorkerInstall.JobDirectory, _jobDirectory);

        // What SparkContext.AddFile / --files put in each task's Spark files directory.
        _sparkFiles = _directory.Combine("spark-files");
        Directory.CreateDirectory(_sparkFiles);
        foreach (ShippedFile file in SourceCatalog.ShippedFiles(source, config))
        {
            if (file.IsDirectory)
            {
                CopyDirectory(file.Path, Path.Combine(_sparkFiles, file.Name));
            }
            else
            {
                File.Copy(file.Path, Path.Combine(_sparkFiles, file.Name));
            }
        }
    }

    /// <summary>The driver's UDF object (what the job passes to <c>Functions.Udf</c>).</summary>
    public DocumentUdf Udf { get; }

    /// <summary>A scratch folder for the test's inputs.</summary>
    public TemporaryDirectory Scratch => _directory;

    /// <summary><c>FileRows(input, path, content)</c> over <c>binaryFile</c> rows (input = position), on the worker: the job's read.</summary>
    public IReadOnlyList<string[]> InputFileRows(IEnumerable<string> paths) =>
        [.. SparkWorkerTask.Run(UdfCommand.Serialize<int, string, byte[], string[]>(Udf.FileRows), [0, 1, 2], [.. paths.Select((p, i) => new object?[] { i, p, File.ReadAllBytes(p) })], _jobDirectory, _sparkFiles)
            .Select(Strings)];

    /// <inheritdoc />
    /// <remarks>Folders (repositories) cannot be <c>binaryFile</c> rows: the job lists them and reads them by path, as here.</remarks>
    /// <remarks>Ranges of a split file are read by <c>FetchRangeRows</c> (a run of only ranges here).</remarks>
    public IReadOnlyList<string[]> FileRows(IReadOnlyList<RedPajama.Reading.InputFile> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Any(f => f.Range is not null))
        {
            return inputs.All(f => f.Range is not null) ? RangeRows(inputs)
                : throw new NotSupportedException("the harness reads a run of only ranges or of no ranges");
        }

        string[] paths = [.. inputs.Select(f => f.Path)];
        return paths.Any(Directory.Exists) ? FetchRows(paths) : InputFileRows(paths);
    }

    /// <summary><c>FetchRangeRows(input, path, start, end)</c> over the ranges of split files, on the worker.</summary>
    public IReadOnlyList<string[]> RangeRows(IEnumerable<RedPajama.Reading.InputFile> ranges) =>
        [.. SparkWorkerTask.Run(UdfCommand.Serialize<int, string, long, long, string[]>(Udf.FetchRangeRows), [0, 1, 2, 3], [.. ranges.Select(f => new object?[] { f.Index, f.Path, f.Range!.Start, f.Range.End })], _jobDirectory, _sparkFiles)
            .Select(Strings)];

    /// <summary><c>FetchRows(input, path)</c> over a listing's rows (input = position), on the worker: the read of listed inputs, downloads included.</summary>
    public IReadOnlyList<string[]> FetchRows(IEnumerable<string> locations) =>
        [.. SparkWorkerTask.Run(UdfCommand.Serialize<int, string, string[]>(Udf.FetchRows), [0, 1], [.. locations.Select((p, i) => new object?[] { i, p })], _jobDirectory, _sparkFiles)
            .Select(Strings)];

    /// <summary><c>DecideGroup(step, members)</c> over one row per group, on the worker (one task per grouped stage).</summary>
    public IReadOnlyList<string[]> DecideGroups(int stepIndex, IReadOnlyList<string> groups) =>
        groups.Count == 0 ? [] : [.. SparkWorkerTask.Run(UdfCommand.Serialize<int, string, string[]>(Udf.DecideGroup), [0, 1], [.. groups.Select(g => new object?[] { stepIndex, g })], _jobDirectory, _sparkFiles)
            .Select(Strings)];

    /// <summary><c>ApplyPass(pass, row, edits)</c> over the kept rows, on the worker.</summary>
    public IReadOnlyList<string> ApplyPass(int pass, IReadOnlyList<(string Row, string? Edits)> rows) =>
        rows.Count == 0 ? [] : [.. SparkWorkerTask.Run(UdfCommand.Serialize<int, string, string?, string>(Udf.ApplyPass), [0, 1, 2], [.. rows.Select(r => new object?[] { pass, r.Row, r.Edits })], _jobDirectory, _sparkFiles)
            .Select(r => r as string ?? throw new InvalidDataException($"a row came back as {r?.GetType().Name ?? "null"}"))];

    /// <summary><c>InputIds(text)</c>, on the worker.</summary>
    public IReadOnlyList<int[]> InputIds(IEnumerable<string> texts) =>
        [.. SparkWorkerTask.Run(UdfCommand.Serialize<string, int[]>(Udf.InputIds), [0], [.. texts.Select(t => new object?[] { t })], _jobDirectory, _sparkFiles)
            .Select(ids => ids as int[] ?? throw new InvalidDataException($"input_ids came back as {ids?.GetType().Name ?? "null"}"))];

    public void Dispose() => _directory.Dispose();

    private static string[] Strings(object? result) => result switch
    {
        string[] strings => strings,
        System.Collections.IEnumerable items => [.. items.Cast<object?>().Select(i => i as string ?? throw new InvalidDataException("an element came back as a non-string"))],
        _ => throw new InvalidDataException($"an array came back as {result?.GetType().Name ?? "null"}"),
    };

    private static void CopyDirectory(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            // The models the submit scripts ship with --files (tokenizer, language ID) are left out, so the worker
            // must find them as Spark files; the rest of models/ (the bad-words lists) stays, as in a published job.
            if (Path.GetRelativePath(from, file).StartsWith("models" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && Path.GetExtension(file) is ".model" or ".ftz")
            {
                continue;
            }

            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
