using System.Text.Json;
using RedPajama.Documents;
using RedPajama.Engine;
using RedPajama.Engine.Local;
using RedPajama.Output;
using RedPajama.Pipeline;
using RedPajama.Reading;
using RedPajama.Sources.Books;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Output;

public sealed class OutputCommitterTests
{
    [Fact]
    public void A_staging_folder_whose_creator_died_before_writing_its_owner_file_is_removed_at_once()
    {
        using var directory = new TemporaryDirectory();
        string output = directory.Combine("out");
        string staging;
        using (ScratchFolder scratch = ScratchFolder.Create(Path.Combine(output, OutputCommitter.TemporaryFolderName)))
        {
            staging = scratch.Directory;
        }

        // A run killed between creating its folder and writing the owner file: the folder names a pid that has exited.
        using var finished = System.Diagnostics.Process.Start("true")!;
        finished.WaitForExit();
        string[] parts = Path.GetFileName(staging).Split('-');
        string orphan = Path.Combine(output, OutputCommitter.TemporaryFolderName, $"run-{parts[1]}-{finished.Id}-{parts[3]}");
        Directory.CreateDirectory(Path.Combine(orphan, "spill"));

        OutputCommitter.Begin(output).Dispose();

        Directory.Exists(orphan).Should().BeFalse("its creator is gone; waiting out the creation grace would leave debris");
        Directory.Exists(Path.Combine(output, OutputCommitter.TemporaryFolderName)).Should().BeFalse();
    }

    [Fact]
    public async Task A_rerun_that_fails_part_way_leaves_the_previous_output_as_it_was_and_no_debris()
    {
        using var directory = new TemporaryDirectory();
        string output = directory.Combine("out");
        BooksRun.Run([TestData.SampleBooks], output);
        SortedDictionary<string, string> before = OutputState.Of(output);

        // The rerun stops while reading its third document, after the first parts of the run exist on disk.
        using var cancellation = new CancellationTokenSource();
        PipelineDescription pipeline = BooksSource.Describe(new BooksOptions());
        pipeline = pipeline.InsertBeforeDeduplication(new CancelAfter(3, cancellation));
        InputResolution inputs = InputResolver.Resolve([TestData.SampleBooks], BooksReader.Accepts);
        Func<Task> rerun = () => new LocalEngine(new LocalEngineOptions { Threads = 1 }).RunAsync(pipeline, inputs.Files, output, cancellationToken: cancellation.Token);

        await rerun.Should().ThrowAsync<OperationCanceledException>();
        OutputState.Of(output).Should().Equal(before);
        OutputState.Debris(output).Should().BeEmpty();
    }

    [Fact]
    public void A_rerun_replaces_every_part_the_previous_run_wrote_and_leaves_other_files_alone()
    {
        using var directory = new TemporaryDirectory();
        string output = directory.Combine("out");
        RunStatistics first = BooksRun.Run([TestData.SampleBooks], output, new LocalEngineOptions { ShardBytes = 1 });
        first.Parts.Should().HaveCountGreaterThan(1);
        File.WriteAllText(Path.Combine(output, "notes.txt"), "mine");

        RunStatistics second = BooksRun.Run([TestData.SampleBooks], output);

        second.Parts.Should().ContainSingle();
        Directory.GetFiles(output).Select(Path.GetFileName).Should().BeEquivalentTo("part-00000.parquet", "_stats.json", "_SUCCESS", "notes.txt");
        File.ReadAllText(Path.Combine(output, "notes.txt")).Should().Be("mine");
        using JsonDocument statistics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "_stats.json")));
        statistics.RootElement.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("file").GetString()).Should().Equal("part-00000.parquet");
    }

    [Fact]
    public void A_commit_killed_after_its_manifest_is_completed_by_the_next_start()
    {
        using var directory = new TemporaryDirectory();
        string output = directory.Combine("out");
        BooksRun.Run([TestData.SampleBooks], output, new LocalEngineOptions { ShardBytes = 1 });
        string newer = directory.Combine("newer");
        BooksRun.Run([TestData.Book("1952-0.txt")], newer);

        // The state a kill -9 leaves in the middle of a commit: manifest written, _SUCCESS gone, the new
        // _stats.json already renamed into place, the new part still staged, the old parts not yet deleted.
        string staging = Path.Combine(output, "_temporary", "run-killed");
        Directory.CreateDirectory(staging);
        File.Copy(Path.Combine(newer, "part-00000.parquet"), Path.Combine(staging, "part-00000.parquet"));
        File.WriteAllText(Path.Combine(staging, "_COMMIT"), """["part-00000.parquet", "_stats.json"]""");
        File.WriteAllText(Path.Combine(staging, "_owner.json"), new RunOwner(OutputState.DeadPid(), Environment.MachineName, DateTime.UtcNow, DateTime.UtcNow).ToJson());
        File.Copy(Path.Combine(newer, "_stats.json"), Path.Combine(output, "_stats.json"), overwrite: true);
        File.Delete(Path.Combine(output, "_SUCCESS"));
        File.WriteAllText(Path.Combine(output, "_redpajama.lock"), new RunOwner(OutputState.DeadPid(), Environment.MachineName, DateTime.UtcNow, DateTime.UtcNow).ToJson());
        var warnings = new List<string>();

        OutputCommitter.Begin(output, warnings.Add).Dispose();

        OutputState.Of(output).Should().Equal(OutputState.Of(newer));
        OutputState.Debris(output).Should().BeEmpty();
        warnings.Should().Contain(w => w.Contains("stale lock", StringComparison.Ordinal))
            .And.Contain(w => w.Contains("completed the commit", StringComparison.Ordinal));
    }

    [Fact]
    public void Folders_of_dead_runs_are_removed_at_the_next_start_and_live_runs_folders_are_kept()
    {
        using var directory = new TemporaryDirectory();
        string output = directory.Combine("out");
        string scratch = directory.Combine("scratch");
        string deadStaging = Path.Combine(output, "_temporary", "run-dead");
        string deadSpill = Path.Combine(scratch, "run-dead");
        string liveSpill = Path.Combine(scratch, "run-live");
        foreach (string folder in (string[])[deadStaging, deadSpill, liveSpill])
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, "input-000000.spill"), new byte[1000]);
        }

        int dead = OutputState.DeadPid();
        var deadOwner = new RunOwner(dead, Environment.MachineName, DateTime.UtcNow, DateTime.UtcNow);
        File.WriteAllText(Path.Combine(deadStaging, "_owner.json"), deadOwner.ToJson());
        File.WriteAllText(Path.Combine(deadSpill, "_owner.json"), deadOwner.ToJson());
        File.WriteAllText(Path.Combine(liveSpill, "_owner.json"), RunOwner.Current().ToJson());
        File.WriteAllBytes(Path.Combine(output, ".part-00000.parquet.0123456789abcdef0123456789abcdef.tmp"), new byte[100]);

        BooksRun.Run([TestData.Book("1952-0.txt")], output, new LocalEngineOptions { TemporaryDirectory = scratch });

        OutputState.Debris(output).Should().BeEmpty();
        Directory.Exists(deadSpill).Should().BeFalse();
        Directory.Exists(liveSpill).Should().BeTrue("a live run's spill folder in a shared temp_dir is not touched");
        Directory.GetDirectories(scratch).Should().Equal(liveSpill);
    }

    [Fact]
    public void Commit_refuses_files_that_were_not_staged()
    {
        using var directory = new TemporaryDirectory();
        using OutputCommitter committer = OutputCommitter.Begin(directory.Combine("out"));

        Action commit = () => committer.Commit(["part-00000.parquet"]);

        commit.Should().Throw<ArgumentException>().WithMessage("*part-00000.parquet*");
        File.Exists(Path.Combine(committer.OutputDirectory, "_SUCCESS")).Should().BeFalse();
    }

    /// <summary>A step that cancels the run when it sees its n-th document.</summary>
    private sealed class CancelAfter(int documents, CancellationTokenSource cancellation) : IDocumentStep
    {
        private int _seen;

        public string Name => "cancel_after";

        public void Apply(Document document)
        {
            if (Interlocked.Increment(ref _seen) >= documents)
            {
                cancellation.Cancel();
            }
        }
    }
}
