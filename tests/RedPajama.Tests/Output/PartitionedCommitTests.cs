using System.Text.Json;
using RedPajama.Output;
using RedPajama.Tests.Engine;
using RedPajama.Tests.Support;
using RedPajama.Writing;

namespace RedPajama.Tests.Output;

/// <summary>The commit of part files in partition directories: all or nothing, and completed after a kill.</summary>
public sealed class PartitionedCommitTests
{
    [Fact]
    public void A_commit_of_partition_directories_killed_half_way_is_completed_by_the_next_start()
    {
        using var directory = new TemporaryDirectory();
        string[] inputs = PartitionedOutputTests.WriteInputs(directory);
        string output = directory.Combine("out");
        PartitionedOutputTests.Run(inputs, output, OutputFormat.Parquet, threads: 1);
        string newer = directory.Combine("newer");
        PartitionedOutputTests.Run(inputs, newer, OutputFormat.Parquet, threads: 1, partitionBy: ["bucket"]);
        string[] newFiles = [.. Directory.EnumerateFiles(newer, "*.parquet", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(newer, f)).Order(StringComparer.Ordinal)];

        // A kill -9 during the commit: the manifest written, _SUCCESS gone, one new part already in its new
        // directory, the others still staged, the old language=… directories not yet removed.
        string staging = Path.Combine(output, "_temporary", "run-killed");
        foreach (string file in newFiles.Skip(1))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(staging, file))!);
            File.Copy(Path.Combine(newer, file), Path.Combine(staging, file));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(output, newFiles[0]))!);
        File.Copy(Path.Combine(newer, newFiles[0]), Path.Combine(output, newFiles[0]));
        File.Copy(Path.Combine(newer, "_stats.json"), Path.Combine(staging, "_stats.json"));
        File.WriteAllText(Path.Combine(staging, "_COMMIT"), JsonSerializer.Serialize(newFiles.Append("_stats.json").ToArray()));
        File.WriteAllText(Path.Combine(staging, "_owner.json"), new RunOwner(OutputState.DeadPid(), Environment.MachineName, DateTime.UtcNow, DateTime.UtcNow).ToJson());
        File.Delete(Path.Combine(output, "_SUCCESS"));

        OutputCommitter.Begin(output).Dispose();

        OutputState.Of(output).Should().Equal(OutputState.Of(newer));
        Directory.EnumerateDirectories(output).Select(Path.GetFileName).Order(StringComparer.Ordinal).Should().Equal("bucket=head", "bucket=tail");
        OutputState.Debris(output).Should().BeEmpty();
    }

    [Fact]
    public void Commit_refuses_a_path_that_leaves_the_partition_directories()
    {
        using var directory = new TemporaryDirectory();
        using OutputCommitter committer = OutputCommitter.Begin(directory.Combine("out"));
        Directory.CreateDirectory(Path.Combine(committer.StagingDirectory, "other"));
        File.WriteAllText(Path.Combine(committer.StagingDirectory, "other", "part-00000.parquet"), "x");

        FluentActions.Invoking(() => committer.Commit(["other/part-00000.parquet"])).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => committer.Commit(["language=en/part-00000.parquet"])).Should().Throw<ArgumentException>("it was not staged");
    }
}
