using RedPajama.Configuration;
using RedPajama.Engine;
using RedPajama.Engine.Local;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Engine;

/// <summary>Near dedup as a keyed step of <c>redpajama run</c>: a re-edited copy of a book goes, distinct books stay.</summary>
public sealed class LocalEngineNearDedupTests
{
    private static readonly DedupConfig s_near = new() { NearThreshold = 0.8 };

    [Fact]
    public void A_rewrapped_and_edited_copy_of_a_book_is_dropped_as_a_near_duplicate_and_the_original_kept()
    {
        using var directory = new TemporaryDirectory();
        string inputs = EditedBookCopy.SampleBooksWithCopy(directory);

        RunStatistics statistics = BooksRun.Run([inputs], directory.Combine("out"), new LocalEngineOptions { Format = RedPajama.Writing.OutputFormat.Jsonl, KeepAll = true }, dedup: s_near);

        statistics.Read.Should().Be(6);
        statistics.Written.Should().Be(5);
        statistics.Dropped.Should().Equal(new Dictionary<string, long> { ["near_duplicate"] = 1 });
        StepStatistics near = statistics.Steps.Single(s => s.Name == "near_dedup");
        (near.In, near.Kept).Should().Be((6L, 5L));
        string[] lines = File.ReadAllLines(Path.Combine(directory.Combine("out"), "part-00000.jsonl"));
        lines.Where(l => l.Contains("\"drop_reason\": \"near_duplicate\"", StringComparison.Ordinal)).Should().ContainSingle()
            .Which.Should().Contain("Baker-Street", "the later file, the copy, loses to the original");

        // Inputs in path order: 11-0, 1952-0, fr-Candide, pg1342, pg1661, zz-holmes-reedited; the copy points at pg1661.
        lines.Select(ClusterIdOf).Should().Equal(0, 1, 2, 3, 4, 4);
    }

    [Fact]
    public void Keep_all_parquet_has_a_cluster_id_column_that_duckdb_groups_by()
    {
        using var directory = new TemporaryDirectory();
        string output = directory.Combine("out");
        BooksRun.Run([EditedBookCopy.SampleBooksWithCopy(directory)], output, new LocalEngineOptions { KeepAll = true }, dedup: s_near);

        string parquet = Path.Combine(output, "part-00000.parquet").Replace("'", "''", StringComparison.Ordinal);
        List<object?[]> clusters = DuckDb.Query($"SELECT cluster_id, count(*), count(*) FILTER (WHERE keep) FROM '{parquet}' GROUP BY cluster_id HAVING count(*) > 1");
        clusters.Should().ContainSingle().Which.Should().Equal(4L, 2L, 1L);
        DuckDb.Query($"SELECT typeof(cluster_id) FROM '{parquet}' LIMIT 1")[0][0].Should().Be("BIGINT");
    }

    [Fact]
    public void Without_near_dedup_the_copy_is_kept_because_exact_dedup_does_not_see_it()
    {
        using var directory = new TemporaryDirectory();
        RunStatistics statistics = BooksRun.Run([EditedBookCopy.SampleBooksWithCopy(directory)], directory.Combine("out"));

        statistics.Dropped.Should().BeEmpty();
        statistics.Written.Should().Be(6);
    }

    [Fact]
    public void Output_is_identical_for_any_thread_count_and_when_the_keys_spill_to_partitions()
    {
        using var directory = new TemporaryDirectory();
        string inputs = EditedBookCopy.SampleBooksWithCopy(directory);
        string reference = directory.Combine("reference");
        BooksRun.Run([inputs], reference, new LocalEngineOptions { Threads = 1 }, dedup: s_near);

        // 6 documents × 9 bands = 54 key entries; a 1 KB budget holds 25, so the step partitions its keys on disk.
        string spilled = directory.Combine("spilled");
        RunStatistics statistics = BooksRun.Run([inputs], spilled, new LocalEngineOptions { Threads = 2, MemoryBytes = 1024 }, dedup: s_near);

        statistics.Written.Should().Be(5);
        File.ReadAllBytes(Path.Combine(spilled, "part-00000.parquet")).Should().Equal(File.ReadAllBytes(Path.Combine(reference, "part-00000.parquet")));
        Directory.EnumerateFileSystemEntries(spilled).Select(Path.GetFileName).Should().NotContain("_temporary", "partition files are removed");
    }

    [Fact]
    public void Near_dedup_settings_out_of_range_are_refused_with_the_key_named()
    {
        var pipeline = RedPajama.Sources.Books.BooksSource.Describe(new RedPajama.Sources.Books.BooksOptions());
        FluentActions.Invoking(() => RedPajama.Dedup.PipelineDedup.AddTo(pipeline, new DedupConfig { NearThreshold = 1.5 }))
            .Should().Throw<ArgumentException>().WithMessage("*near_threshold*");
        FluentActions.Invoking(() => RedPajama.Dedup.PipelineDedup.AddTo(pipeline, new DedupConfig { NearThreshold = 0.8, Shingles = "lines" }))
            .Should().Throw<ArgumentException>().WithMessage("*words or characters*");
        RunConfigLoader.Parse("dedup:\n  near_threshold: 0.7\n  num_perm: 256\n  shingles: characters\n").Dedup.NumPerm.Should().Be(256);
    }

    [Fact]
    public void Dedup_method_simhash_and_verify_choose_the_step_and_its_banding()
    {
        var pipeline = RedPajama.Sources.Books.BooksSource.Describe(new RedPajama.Sources.Books.BooksOptions());
        RunConfig simhash = RunConfigLoader.Parse("dedup:\n  method: simhash\n");
        RedPajama.Dedup.PipelineDedup.AddTo(pipeline, simhash.Dedup).Steps[^1].Should().BeOfType<RedPajama.Steps.SimHashDedupStep>();
        RunConfig verified = RunConfigLoader.Parse("dedup:\n  near_threshold: 0.8\n  verify: true\n");
        var step = RedPajama.Dedup.PipelineDedup.AddTo(pipeline, verified.Dedup).Steps[^1].Should().BeOfType<RedPajama.Steps.NearDedupStep>().Subject;
        (step.VerifyThreshold, step.Bands).Should().Be((0.8, RedPajama.Udfs.Dedup.LshParameters.Optimal(0.7, 128)));
        RunConfigLoader.Parse(RunConfigLoader.ToYaml(verified)).Dedup.Verify.Should().BeTrue("the Spark driver hands the configuration on as YAML");
    }

    [Fact]
    public void Simhash_and_verified_minhash_drop_the_edited_copy_of_a_book_in_a_run()
    {
        using var directory = new TemporaryDirectory();
        string inputs = EditedBookCopy.SampleBooksWithCopy(directory);

        RunStatistics simhash = BooksRun.Run([inputs], directory.Combine("simhash"), dedup: new DedupConfig { Method = "simhash" });
        RunStatistics verified = BooksRun.Run([inputs], directory.Combine("verified"), dedup: new DedupConfig { NearThreshold = 0.8, Verify = true });

        simhash.Steps.Should().Contain(s => s.Name == "simhash_dedup");
        (simhash.Written, verified.Written).Should().Be((5L, 5L));
        verified.Dropped.Should().Equal(new Dictionary<string, long> { ["near_duplicate"] = 1 });
    }

    private static long ClusterIdOf(string jsonLine) =>
        System.Text.Json.JsonDocument.Parse(jsonLine).RootElement.GetProperty("cluster_id").GetInt64();
}
