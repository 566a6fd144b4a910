using RedPajama.Engine.Rows;

namespace RedPajama.Tests.Spark;

/// <summary>
/// The Spark job's UDFs over one stage's rows at a time, as the simulated job calls them: in this process
/// (<see cref="InProcessJobUdfs"/>) or on the real worker (<see cref="Worker.JobOnWorker"/>).
/// </summary>
internal interface IJobUdfs
{
    /// <summary><c>FileRows(input, path, content)</c> per file (input = position in the list): the read, pass 0.</summary>
    IReadOnlyList<string[]> FileRows(IReadOnlyList<string> paths);

    /// <summary><c>DecideGroup(step, members)</c> per group (members one JSON object a line).</summary>
    IReadOnlyList<string[]> DecideGroups(int stepIndex, IReadOnlyList<string> groups);

    /// <summary><c>ApplyPass(pass, row, edits)</c> per kept row.</summary>
    IReadOnlyList<string> ApplyPass(int pass, IReadOnlyList<(string Row, string? Edits)> rows);
}

/// <summary>What <see cref="RedPajama.Spark.DocumentUdf"/>'s methods do, for a pipeline no source builds (a test step).</summary>
internal sealed class InProcessJobUdfs(SegmentRows rows) : IJobUdfs
{
    public IReadOnlyList<string[]> FileRows(IReadOnlyList<string> paths) =>
        [.. paths.Select((p, i) => Directory.Exists(p)
            ? RedPajama.Spark.InputFileUdf.EncodeFetched(rows, i, p)    // a repository folder: listed, read by path
            : RedPajama.Spark.InputFileUdf.Encode(rows, i, p, File.ReadAllBytes(p)))];

    public IReadOnlyList<string[]> DecideGroups(int stepIndex, IReadOnlyList<string> groups) =>
        [.. groups.Select(g => GroupRows.Decide((RedPajama.Pipeline.GroupedStep)rows.Pipeline.Steps[stepIndex], g.Split('\n', StringSplitOptions.RemoveEmptyEntries)))];

    public IReadOnlyList<string> ApplyPass(int pass, IReadOnlyList<(string Row, string? Edits)> input) =>
        [.. input.Select(r => rows.ToJson(rows.ApplyPass(pass, rows.FromJson(r.Row), GroupRows.ParseEdits(r.Edits?.Split(' ', StringSplitOptions.RemoveEmptyEntries)))))];
}
