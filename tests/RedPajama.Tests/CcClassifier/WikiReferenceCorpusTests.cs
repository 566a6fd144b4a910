using System.Text;
using RedPajama.Cli;
using RedPajama.Sources.CommonCrawl;
using RedPajama.Tests.Support;
using RedPajama.Udfs.FastText;

namespace RedPajama.Tests.CcClassifier;

/// <summary>
/// The training corpus against RedPajama's own create_corpus.py (rp_v1 <c>45b37c2</c>, run on the fixtures with only
/// its input paths patched; golden/corpus-faithful.txt) and against the same script with its digest bug fixed
/// (golden/corpus-dedup.txt): byte for byte, through <c>redpajama cc-classifier train</c>.
/// </summary>
public sealed class WikiReferenceCorpusTests
{
    [Theory]
    [InlineData(true, "corpus-faithful.txt")]
    [InlineData(false, "corpus-dedup.txt")]
    public async Task The_corpus_is_byte_identical_to_create_corpus_py(bool faithful, string golden)
    {
        using var directory = new TemporaryDirectory();
        string corpus = directory.Combine("corpus.txt");
        string[] args = ["cc-classifier", "train", "--wiki", .. ClassifierFixtures.WikiFiles, "--cc", ClassifierFixtures.CcDirectory,
            "--output", directory.Combine("model.bin"), "--corpus-out", corpus, "--threads", "1", .. faithful ? ["--faithful"] : Array.Empty<string>()];

        (int code, string stdout, string stderr) = await CliRun.Invoke(args);

        code.Should().Be(ExitCodes.Success, stderr);
        File.ReadAllBytes(corpus).Should().Equal(File.ReadAllBytes(ClassifierFixtures.Golden(golden)));
        // 45 wiki records in two files, 4 head/middle CC files (the tail and dedup files left out): 11.25 a file.
        stdout.Should().Contain("45 wiki records").And.Contain("4 CC files × 11.25 → 38 __label__cc");
    }

    [Fact]
    public void The_modes_differ_only_in_wiki_lines_and_by_the_digests_upstream_meant_to_remove()
    {
        string[] faithful = File.ReadAllLines(ClassifierFixtures.Golden("corpus-faithful.txt"));
        string[] dedup = File.ReadAllLines(ClassifierFixtures.Golden("corpus-dedup.txt"));
        var counts = new WikiReferenceCorpus(faithful: false).Write(ClassifierFixtures.WikiFiles, WikiReferenceCorpus.ExpandInputs([ClassifierFixtures.CcDirectory]), Stream.Null);

        faithful.Where(l => l.StartsWith("__label__cc ", StringComparison.Ordinal)).Should().Equal(dedup.Where(l => l.StartsWith("__label__cc ", StringComparison.Ordinal)));
        // Upstream's dedup removes only the two records whose digest is the string "digest"; the fixed one removes a
        // repeated page and the long record reusing a short record's digest instead, and keeps the first "digest".
        counts.WikiDuplicates.Should().Be(3);
        faithful.Length.Should().Be(dedup.Length + 1);
        dedup.Should().Contain(l => l.StartsWith("__label__wiki First literal.", StringComparison.Ordinal));
        faithful.Should().NotContain(l => l.Contains("literal.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_directory_gives_its_head_and_middle_gz_files_in_path_order()
    {
        IReadOnlyList<string> files = WikiReferenceCorpus.ExpandInputs([ClassifierFixtures.CcDirectory]);

        files.Select(f => Path.GetRelativePath(ClassifierFixtures.CcDirectory, f).Replace('\\', '/')).Should().Equal(
            "2019-30/mined/en_head_0000.json.gz", "2019-30/mined/en_middle_0000.json.gz",
            "2023-06/mined/en_head_0000.json.gz", "2023-06/mined/en_middle_0000.json.gz");
    }

    [Fact]
    public async Task The_trained_model_bin_loads_in_the_fasttext_cli_which_predicts_what_we_predict()
    {
        using var directory = new TemporaryDirectory();
        string model = directory.Combine("model.bin");
        (int code, _, string stderr) = await CliRun.Invoke(["cc-classifier", "train", "--wiki", .. ClassifierFixtures.WikiFiles, "--cc", ClassifierFixtures.CcDirectory,
            "--output", model, "--threads", "1", "--epoch", "20", "--lr", "0.5"]);
        code.Should().Be(ExitCodes.Success, stderr);

        byte[] texts = Encoding.UTF8.GetBytes(string.Concat(ClassifierFixtures.AllRawContents().Select(t => WikiReferenceText.ForPrediction(t) + "\n")));
        string theirs = Encoding.UTF8.GetString(ExternalTool.Run(ReferenceTool.Require("fasttext", "fasttext"), ["predict-prob", model, "-", "2"], texts));
        using var ours = new MemoryStream();
        LidCommand.Run(FastTextModel.Load(model), new MemoryStream(texts), ours, 2, 0f);

        Encoding.UTF8.GetString(ours.ToArray()).Should().Be(theirs);
        theirs.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(ClassifierFixtures.AllRawContents().Count + 1, "the document with a literal </s> token is two examples to the CLI")
            .And.Contain(l => l.StartsWith("__label__wiki", StringComparison.Ordinal)).And.Contain(l => l.StartsWith("__label__cc", StringComparison.Ordinal));
    }

    [Fact]
    public void Default_settings_are_fasttext_supervised_defaults()
    {
        // create_corpus.py's corpus is trained with "fasttext supervised -input data_train -output model" and no flags.
        var options = new FastTextTrainingOptions();

        (options.Dimension, options.LearningRate, options.Epochs, options.MinCount, options.WordNgrams, options.Loss, options.MinN, options.MaxN)
            .Should().Be((100, 0.1f, 5, 1, 1, FastTextLoss.Softmax, 0, 0));
    }

    [Fact]
    public void A_record_without_digest_stops_the_build_naming_its_line_as_upstream_fails_there()
    {
        using var directory = new TemporaryDirectory();
        string wiki = directory.Combine("en_head_0000.json");
        File.WriteAllText(wiki, "{\"digest\": \"sha1:A\", \"raw_content\": \"x\"}\n{\"raw_content\": \"y\"}\n");

        Action build = () => new WikiReferenceCorpus(faithful: true).Write([wiki], [wiki], Stream.Null);

        build.Should().Throw<InvalidDataException>().WithMessage("*en_head_0000.json:2*digest*");
    }

    [Fact]
    public void No_cc_files_is_an_error_upstream_divides_by_their_number()
    {
        Action build = () => new WikiReferenceCorpus(faithful: false).Write(ClassifierFixtures.WikiFiles, [], Stream.Null);

        build.Should().Throw<ArgumentException>().WithMessage("*no CC files*");
    }
}
