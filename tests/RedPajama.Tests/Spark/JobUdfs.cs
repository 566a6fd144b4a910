using RedPajama.Engine.Rows;

namespace RedPajama.Tests.Spark;

/// <summary>
/// The Spark job's UDFs over one stage's rows at a time, as the simulated job calls them: in this process
/// (<see cref="InProcessJobUdfs"/>) or on the real worker (<see cref="Worker.JobOnWorker"/>).
/// </summary>
internal interface IJobUdfs
{
    /// <summary>
    /// The read, pass 0, per input (input = its index): <c>FileRows(input, path, content)</c> for a file,
    /// <c>FetchRows(input, path)</c> for a folder, <c>FetchRangeRows(input, path, start, end)</c> for a range.
    /// </summary>
    IReadOnlyList<string[]> FileRows(IReadOnlyList<RedPajama.Reading.InputFile> inputs);

    /// <summary><c>DecideGroup(step, members)</c> per group (members one JSON object a line).</summary>
    IReadOnlyList<string[]> DecideGroups(int stepIndex, IReadOnlyList<string> groups);

    /// <summary><c>ApplyPass(pass, row, edits)</c> per kept row.</summary>
    IReadOnlyList<string> ApplyPass(int pass, IReadOnlyList<(string Row, string? Edits)> rows);
}

/// <summary>What <see cref="RedPajama.Spark.DocumentUdf"/>'s methods do, for a pipeline no source builds (a test step).</summary>
internal sealed class InProcessJobUdfs(SegmentRows rows) : IJobUdfs
{
    public IReadOnlyList<string[]> FileRows(IReadOnlyList<RedPajama.Reading.InputFile> inputs) =>
        [.. inputs.Select(f => f.Range is { } range ? RedPajama.Spark.InputFileUdf.EncodeRange(rows, f.Index, f.Path, range.Start, range.End)
            : Directory.Exists(f.Path) ? RedPajama.Spark.InputFileUdf.EncodeFetched(rows, f.Index, f.Path)    // a repository folder: listed, read by path
            : RedPajama.Spark.InputFileUdf.Encode(rows, f.Index, f.Path, File.ReadAllBytes(f.Path)))];

    public IReadOnlyList<string[]> DecideGroups(int stepIndex, IReadOnlyList<string> groups) =>
        [.. groups.Select(g => GroupRows.Decide((RedPajama.Pipeline.GroupedStep)rows.Pipeline.Steps[stepIndex], g.Split('\n', StringSplitOptions.RemoveEmptyEntries)))];

    public IReadOnlyList<string> ApplyPass(int pass, IReadOnlyList<(string Row, string? Edits)> input) =>
        [.. input.Select(r => rows.ToJson(rows.ApplyPass(pass, rows.FromJson(r.Row), GroupRows.ParseEdits(r.Edits?.Split(' ', StringSplitOptions.RemoveEmptyEntries)))))];
}
