using RedPajama.Configuration;
using RedPajama.Engine;
using RedPajama.Engine.Local;
using RedPajama.Pipeline;
using RedPajama.Reading;
using RedPajama.Sources;
using RedPajama.Sources.Wikipedia;
using RedPajama.Sources.Wikipedia.Reading;
using RedPajama.Spark;
using RedPajama.Spark.Plan;
using RedPajama.Tests.Spark;
using RedPajama.Tests.Support;
using RedPajama.Tests.Wiki.Reading;
using RedPajama.Writing;

namespace RedPajama.Tests.Wiki;

/// <summary>
/// A multistream dump read as ranges of whole streams, one input each, on both engines: the same records, order and
/// accounting as reading it whole, whatever the threads; a truncated dump fails in its last range only.
/// </summary>
public sealed class SplitDumpTests
{
    // 1000 pages in ten streams of 100 (~20 KB of bzip2 each); 0.02 MiB ranges give one range per stream or two.
    private const double SmallRangeMb = 0.02;

    internal static (string Dump, string Index) Build(TemporaryDirectory temp)
    {
        string dump = temp.Combine("bgwiki-20230320-pages-articles-multistream.xml.bz2");
        string index = temp.Combine("bgwiki-20230320-pages-articles-multistream-index.txt.bz2");
        WikiDumps.WriteMultistream(dump, index, WikiDumps.Pages(1000), 100);
        return (dump, index);
    }

    internal static PipelineDescription Pipeline(double rangeMb)
    {
        var config = new RunConfig();
        config.Section<WikipediaConfig>().RangeMb = rangeMb;
        return SourceCatalog.Describe(WikipediaSource.SourceName, config);
    }

    private static IReadOnlyList<InputFile> Inputs(string dump) => [new InputFile(0, dump, new FileInfo(dump).Length)];

    private static (string[] Lines, RunStatistics Statistics) RunLocal(PipelineDescription pipeline, string dump, string output, int threads)
    {
        var engine = new LocalEngine(new LocalEngineOptions { Format = OutputFormat.Jsonl, KeepAll = true, Threads = threads });
        RunStatistics statistics = engine.RunAsync(pipeline, Inputs(dump), output).GetAwaiter().GetResult();
        return ([.. Directory.GetFiles(output, "*.jsonl").Order(StringComparer.Ordinal).SelectMany(File.ReadAllLines)], statistics);
    }

    [Fact]
    public void The_local_engine_reads_a_split_dump_as_the_whole_file_on_any_number_of_threads()
    {
        using var temp = new TemporaryDirectory();
        (string dump, _) = Build(temp);
        Pipeline(SmallRangeMb).Reader.Should().BeAssignableTo<IInputSplitter>().Which.Split(dump).Should().HaveCountGreaterThan(4);

        (string[] whole, RunStatistics wholeStatistics) = RunLocal(Pipeline(1024), dump, temp.Combine("whole"), threads: 1);
        (string[] split1, RunStatistics split1Statistics) = RunLocal(Pipeline(SmallRangeMb), dump, temp.Combine("split1"), threads: 1);
        (string[] split2, RunStatistics split2Statistics) = RunLocal(Pipeline(SmallRangeMb), dump, temp.Combine("split2"), threads: 2);

        whole.Should().HaveCount(1000);
        split1.Should().Equal(whole);
        split2.Should().Equal(whole);
        foreach (RunStatistics statistics in new[] { split1Statistics, split2Statistics })
        {
            statistics.Read.Should().Be(wholeStatistics.Read);
            statistics.Written.Should().Be(wholeStatistics.Written);
            statistics.Dropped.Should().BeEquivalentTo(wholeStatistics.Dropped);
            statistics.InputFiles.Should().Be(1, "ranges are counted as the file they come from");
            statistics.InputBytes.Should().Be(new FileInfo(dump).Length);
            statistics.InputErrors.Should().BeEmpty();
        }

        wholeStatistics.Dropped.Should().ContainKeys(WikipediaDropReasons.Redirect, WikipediaDropReasons.NotArticle);
    }

    [Fact]
    public void A_truncated_split_dump_keeps_every_page_before_the_cut_and_names_the_failed_range_on_both_engines()
    {
        using var temp = new TemporaryDirectory();
        (string dump, string indexPath) = Build(temp);
        MultistreamIndex index = MultistreamIndex.Load(indexPath);
        byte[] bytes = File.ReadAllBytes(dump);
        long cut = index.StreamOffsets[6] + 5000;
        File.WriteAllBytes(dump, bytes[..(int)cut]);

        (string[] whole, RunStatistics wholeStatistics) = RunLocal(Pipeline(1024), dump, temp.Combine("whole"), threads: 1);
        (string[] split, RunStatistics splitStatistics) = RunLocal(Pipeline(SmallRangeMb), dump, temp.Combine("split"), threads: 2);

        whole.Should().HaveCount(600);
        split.Should().Equal(whole);
        wholeStatistics.InputErrors.Should().ContainSingle().Which.Path.Should().Be(dump);
        InputError error = splitStatistics.InputErrors.Should().ContainSingle().Subject;
        error.Path.Should().StartWith(dump + " (bytes ").And.EndWith($"-{cut})");
        error.RecordsRead.Should().Be(0, "the cut stream is the last range's only one");

        PipelineDescription pipeline = Pipeline(SmallRangeMb);
        var (local, spark, localStatistics, sparkStatistics) = SparkSeamTests.CompareWithLocal(pipeline, Inputs(dump), temp.Combine("compare"));
        SparkSeamTests.SameLines(spark, local);
        sparkStatistics.InputErrors.Should().BeEquivalentTo(localStatistics.InputErrors);
        sparkStatistics.Read.Should().Be(600);
    }

    [Fact]
    public void The_spark_job_reads_the_ranges_in_executors_by_path_and_gives_the_local_engine_rows()
    {
        using var temp = new TemporaryDirectory();
        (string dump, _) = Build(temp);
        PipelineDescription pipeline = Pipeline(SmallRangeMb);

        IReadOnlyList<InputFile> units = SparkJobPlan.SplitInputs(pipeline, [new InputFile(0, "file:" + dump, new FileInfo(dump).Length)]);
        units.Should().HaveCountGreaterThan(4).And.OnlyContain(u => u.Range != null && u.Path == dump);
        units.Select(u => u.Index).Should().Equal(Enumerable.Range(0, units.Count));
        SparkJobPlan.Describe(pipeline, false, units).Stages.OfType<FetchStage>().Should().ContainSingle()
            .Which.Udf.Should().Be(nameof(DocumentUdf.FetchRangeRows));
        SparkJobPlan.SplitInputs(pipeline, [new InputFile(0, "hdfs://namenode/dumps/x.xml.bz2", 1L << 30)]).Should().ContainSingle()
            .Which.Range.Should().BeNull("files on other filesystems are read whole through binaryFile");

        var (local, spark, localStatistics, sparkStatistics) = SparkSeamTests.CompareWithLocal(pipeline, Inputs(dump), temp.Combine("out"));

        SparkSeamTests.SameLines(spark, local);
        local.Should().HaveCount(1000);
        sparkStatistics.Dropped.Should().BeEquivalentTo(localStatistics.Dropped);
        sparkStatistics.Read.Should().Be(localStatistics.Read);
    }

    [Fact]
    public void Range_mb_must_be_positive()
    {
        var config = new RunConfig();
        config.Section<WikipediaConfig>().RangeMb = 0;
        new WikipediaSource().SectionProblems(config).Should().Contain(p => p != null && p.Contains("range_mb", StringComparison.Ordinal));
        config.Section<WikipediaConfig>().RangeMb = 8;
        new WikipediaSource().SectionProblems(config).Should().OnlyContain(p => p == null);
    }
}
