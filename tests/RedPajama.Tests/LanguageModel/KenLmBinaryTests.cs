using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using RedPajama.Cli;
using RedPajama.LanguageModel;
using RedPajama.Tests.Support;
using RedPajama.Udfs.LanguageModel;
using RedPajama.Udfs.Text;
using RedPajama.Udfs.Tokenization;

namespace RedPajama.Tests.LanguageModel;

/// <summary>
/// KenLM's binary models as its <c>build_binary</c> wrote them (<c>fixtures/kenlm/make-fixtures.sh</c>): probing,
/// probing with rest costs, trie plain, quantised and array-compressed, read in place and scored against what KenLM's
/// <c>query</c> printed for the same files (<c>binary-query.tsv</c>).
/// </summary>
public sealed class KenLmBinaryTests
{
    private static readonly Lazy<ILookup<string, QueryRow>> s_query = new(ReadQuery);

    public static TheoryData<string, string> Binaries() => new()
    {
        { "train-probing.binary", "KenLM probing" },
        { "train-rest-probing.binary", "KenLM probing with rest costs" },
        { "train-trie.binary", "KenLM trie" },
        { "train-trie-q8-b6.binary", "KenLM trie, quantised" },
        { "train-trie-a22.binary", "KenLM trie, array-compressed pointers" },
        { "train-trie-q5-a255.binary", "KenLM trie, quantised, array-compressed pointers" },
        { "test-probing-p3.binary", "KenLM probing" },
        { "test-trie-novocab.binary", "KenLM trie" },
        { "test_nounk-probing.binary", "KenLM probing" },
        { "test_nounk-trie-q8-a22.binary", "KenLM trie, quantised, array-compressed pointers" },
    };

    public static TheoryData<string> TestModelBinaries() => new() { "test-probing-p3.binary", "test-trie-novocab.binary" };

    [Theory]
    [MemberData(nameof(Binaries))]
    public void Every_line_scores_what_KenLM_query_prints_for_the_same_binary(string binary, string format)
    {
        using NGramLanguageModel model = NGramLanguageModel.Load(KenLmFixtures.Path(binary));
        model.Format.Should().Be(format);
        model.IsMapped.Should().BeTrue();
        QueryRow[] rows = [.. s_query.Value[binary]];
        rows.Should().HaveCountGreaterThan(40, "make-fixtures.sh scored two texts with it");

        foreach (IGrouping<string, QueryRow> text in rows.GroupBy(r => r.Text))
        {
            string[] lines = KenLmFixtures.Lines(text.Key);
            text.Should().HaveCount(lines.Length);
            foreach (QueryRow row in text)
            {
                SentenceScore score = model.ScoreSentence(lines[row.Line - 1]);
                string because = $"{text.Key} line {row.Line}: {lines[row.Line - 1]}";
                score.LogProbability.Should().BeApproximately(row.Total, 1e-4f, because);
                score.LogProbability.Should().Be(row.Total, "the additions are KenLM's, in float, in its order; " + because);
                score.UnknownWords.Should().Be(row.Unknown, because);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Binaries))]
    public void Counts_and_vocabulary_are_the_arpa_files(string binary, string format)
    {
        string arpa = binary.StartsWith("train", StringComparison.Ordinal) ? "train.arpa" : binary.StartsWith("test_nounk", StringComparison.Ordinal) ? "test_nounk.arpa" : "test.arpa";
        using NGramLanguageModel model = NGramLanguageModel.Load(KenLmFixtures.Path(binary));
        NGramLanguageModel text = NGramLanguageModel.Load(KenLmFixtures.Path(arpa));

        // The counts the ARPA's \data\ section announces (the ARPA reader's own count blanks it adds).
        long[] announced = [.. KenLmFixtures.Lines(arpa).SkipWhile(l => l != "\\data\\").Skip(1).TakeWhile(l => l.Length > 0).Select(l => long.Parse(l.Split('=')[1], CultureInfo.InvariantCulture))];
        model.Order.Should().Be(text.Order, format);
        if (format.Contains("probing", StringComparison.Ordinal))
        {
            model.Counts.Skip(1).Should().Equal(announced.Skip(1));
        }
        else
        {
            // build_binary's trie stores the blanks it adds (n-grams missing as suffixes), and the file counts them.
            model.Counts.Zip(announced).Should().OnlyContain(c => c.First >= c.Second);
            model.Counts[^1].Should().Be(announced[^1]);
        }

        model.VocabularySize.Should().Be(text.VocabularySize);
        model.IdOf("<unk>").Should().Be(0);
        model.IdOf("surely not a word").Should().Be(0);
        model.IdOf("</s>").Should().NotBe(0);
        model.Invoking(m => m.SaveBinary(Path.Combine(Path.GetTempPath(), "never-written.bin"))).Should().Throw<InvalidOperationException>();
    }

    [Theory]
    [MemberData(nameof(TestModelBinaries))]
    public void Full_scores_are_KenLM_model_test_s_expectations(string binary)
    {
        using NGramLanguageModel model = NGramLanguageModel.Load(KenLmFixtures.Path(binary));
        foreach (object?[] row in NGramLanguageModelTests.KenLmCases())
        {
            int[] history = [.. ((string)row[0]!).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(model.IdOf)];
            (float probability, int length) = model.Score(history, model.IdOf((string)row[1]!));
            probability.Should().BeApproximately((float)(double)row[3]!, 1e-4f, $"{row[0]} | {row[1]}");
            length.Should().Be((int)row[2]!, $"{row[0]} | {row[1]}");
        }
    }

    [Fact]
    public void A_model_without_unk_gives_unknown_words_minus_100_as_build_binary_stored_it()
    {
        using NGramLanguageModel model = NGramLanguageModel.Load(KenLmFixtures.Path("test_nounk-probing.binary"));
        model.Score([], model.IdOf("definitely_not_a_word")).LogProbability.Should().Be(-100f);
    }

    [Theory]
    [InlineData("train-probing.binary")]
    [InlineData("train-trie-a22.binary")]
    public void Python_binding_scores_and_bos_eos_switches_match_the_arpa_model(string binary)
    {
        // The ARPA reader is checked against the binding (KenLmFidelityTests); an unquantised binary must agree bit
        // for bit, with a NUL ending the sentence, and with bos and eos off.
        using NGramLanguageModel model = NGramLanguageModel.Load(KenLmFixtures.Path(binary));
        NGramLanguageModel arpa = NGramLanguageModel.Load(KenLmFixtures.Path("train.arpa"));
        foreach ((string line, float score, _) in KenLmFixtures.PythonScores())
        {
            model.ScoreSentence(line).LogProbability.Should().Be(score, line);
        }

        foreach (string line in KenLmFixtures.Lines("real.txt").Take(60).Concat(KenLmFixtures.Lines("sentences.txt")))
        {
            foreach ((bool bos, bool eos) in ((bool, bool)[])[(false, true), (true, false), (false, false)])
            {
                model.ScoreSentence(line, bos, eos).Should().Be(arpa.ScoreSentence(line, bos, eos), $"bos {bos}, eos {eos}: {line}");
            }
        }
    }

    [Fact]
    public void SaveBinary_writes_KenLM_probing_that_scores_what_query_printed_for_build_binary_s()
    {
        // query's totals for build_binary's probing file of the same ARPA are the reference for the file written here.
        using var directory = new TemporaryDirectory();
        string written = directory.Combine("train.binary");
        using (NGramLanguageModel arpa = NGramLanguageModel.Load(KenLmFixtures.Path("train.arpa")))
        {
            arpa.SaveBinary(written);
        }

        using NGramLanguageModel model = NGramLanguageModel.Load(written);
        model.Format.Should().Be("KenLM probing");
        foreach (IGrouping<string, QueryRow> text in s_query.Value["train-probing.binary"].GroupBy(r => r.Text))
        {
            string[] lines = KenLmFixtures.Lines(text.Key);
            foreach (QueryRow row in text)
            {
                model.ScoreSentence(lines[row.Line - 1]).Should().Be(new SentenceScore(row.Total, model.ScoreSentence(lines[row.Line - 1]).Words, row.Unknown), $"{text.Key} line {row.Line}");
            }
        }

        // Same header and vocabulary hash table as build_binary's; the n-gram tables may place entries differently.
        byte[] ours = File.ReadAllBytes(written);
        byte[] theirs = File.ReadAllBytes(KenLmFixtures.Path("train-probing.binary"));
        ours.AsSpan(0, 152).SequenceEqual(theirs.AsSpan(0, 152)).Should().BeTrue("the header and counts are build_binary's");
    }

    [Fact]
    public void The_former_binary_form_is_refused_by_name()
    {
        using var directory = new TemporaryDirectory();
        string former = directory.Combine("old.bin");
        File.WriteAllBytes(former, [.. "RPNGRAM1"u8, .. new byte[64]]);

        Action load = () => NGramLanguageModel.Load(former);

        load.Should().Throw<ArpaFormatException>().WithMessage("*former binary form*lm binarize*");
    }

    [Fact]
    public void Lm_score_reads_a_kenlm_binary()
    {
        using NGramLanguageModel model = NGramLanguageModel.Load(KenLmFixtures.Path("train-trie.binary"));
        using var output = new MemoryStream();

        LmCommand.Score(model, new MemoryStream(File.ReadAllBytes(KenLmFixtures.Path("sentences.txt"))), output);

        string[] rows = Encoding.UTF8.GetString(output.ToArray()).TrimEnd('\n').Split('\n');
        rows.Select(r => float.Parse(r.Split('\t')[0], CultureInfo.InvariantCulture))
            .Should().Equal(s_query.Value["train-trie.binary"].Where(r => r.Text == "sentences.txt").Select(r => r.Total));
    }

    [Fact]
    public void Scoring_from_many_threads_gives_what_one_thread_gives()
    {
        using NGramLanguageModel model = NGramLanguageModel.Load(KenLmFixtures.Path("train-trie-a22.binary"));
        string[] lines = KenLmFixtures.Lines("real.txt");
        SentenceScore[] expected = [.. lines.Select(l => model.ScoreSentence(l))];
        var results = new SentenceScore[lines.Length];

        Parallel.For(0, lines.Length * 4, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i % lines.Length] = model.ScoreSentence(lines[i % lines.Length]));

        results.Should().Equal(expected);
    }

    [Theory]
    [InlineData("train-probing.binary")]
    [InlineData("train-rest-probing.binary")]
    [InlineData("train-trie.binary")]
    [InlineData("train-trie-q8-b6.binary")]
    [InlineData("train-trie-q5-a255.binary")]
    [InlineData("test-trie-novocab.binary")]
    public void A_truncated_binary_is_an_error_naming_the_file_never_a_score(string binary)
    {
        using var directory = new TemporaryDirectory();
        byte[] bytes = File.ReadAllBytes(KenLmFixtures.Path(binary));
        foreach (int length in (int[])[10, 100, 130, 1000, bytes.Length / 3, bytes.Length / 2, bytes.Length - 100, bytes.Length - 1])
        {
            string cut = directory.Combine($"cut-{length}.binary");
            File.WriteAllBytes(cut, bytes[..length]);

            Action load = () => NGramLanguageModel.Load(cut).Dispose();

            load.Should().Throw<ArpaFormatException>($"{length} of {bytes.Length} bytes").Which.Message.Should().Contain(cut).And.Contain("KenLM");
        }
    }

    [Theory]
    [InlineData(50, "format version 4\n", "version '4'")]
    [InlineData(56, "\x01", "test values")]
    [InlineData(96, "\x09", "model type 9")]
    [InlineData(104, "\x07", "version 7")]
    [InlineData(88, "\x01", "order 1")]
    public void A_damaged_header_is_an_error_saying_what_is_wrong(int offset, string patch, string problem)
    {
        using var directory = new TemporaryDirectory();
        byte[] bytes = File.ReadAllBytes(KenLmFixtures.Path("train-trie.binary"));
        byte[] replacement = Encoding.Latin1.GetBytes(patch);
        int at = offset == 50 ? "mmap lm http://kheafield.com/code ".Length : offset;
        replacement.CopyTo(bytes, at);
        string damaged = directory.Combine("damaged.binary");
        File.WriteAllBytes(damaged, bytes);

        Action load = () => NGramLanguageModel.Load(damaged).Dispose();

        load.Should().Throw<ArpaFormatException>().Which.Message.Should().Contain(problem);
    }

    [Fact]
    public void A_binary_build_binary_did_not_finish_and_damaged_tables_are_errors()
    {
        using var directory = new TemporaryDirectory();
        string incomplete = directory.Combine("incomplete.binary");
        File.WriteAllBytes(incomplete, [.. "mmap lm http://kheafield.com/code incomplete\n"u8, .. new byte[200]]);
        Action loadIncomplete = () => NGramLanguageModel.Load(incomplete).Dispose();
        loadIncomplete.Should().Throw<ArpaFormatException>().WithMessage("*did not finish*");

        // More n-grams in the header than the file holds.
        byte[] bytes = File.ReadAllBytes(KenLmFixtures.Path("train-probing.binary"));
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(108 + 8), 40000);
        string counts = directory.Combine("counts.binary");
        File.WriteAllBytes(counts, bytes);
        Action loadCounts = () => NGramLanguageModel.Load(counts).Dispose();
        loadCounts.Should().Throw<ArpaFormatException>().WithMessage("*KenLM*");

        // An unsorted trie vocabulary (its first two hashes swapped).
        bytes = File.ReadAllBytes(KenLmFixtures.Path("train-trie.binary"));
        int vocabulary = 152 + 8; // after the 152-byte header of a 5-gram model, and the word count
        byte[] first = bytes[vocabulary..(vocabulary + 8)];
        bytes.AsSpan(vocabulary + 8, 8).CopyTo(bytes.AsSpan(vocabulary));
        first.CopyTo(bytes, vocabulary + 8);
        string unsorted = directory.Combine("unsorted.binary");
        File.WriteAllBytes(unsorted, bytes);
        Action loadUnsorted = () => NGramLanguageModel.Load(unsorted).Dispose();
        loadUnsorted.Should().Throw<ArpaFormatException>().WithMessage("*not sorted*");
    }

    [Fact]
    public void PerplexityModels_finds_a_folder_of_a_sentencepiece_model_and_a_kenlm_binary()
    {
        using var directory = new TemporaryDirectory();
        File.Copy(TestData.Fixture("tokenization/models/unigram-nmt-nfkc.model"), directory.Combine("en.sp.model"));
        File.Copy(KenLmFixtures.Path("train-trie-q8-b6.binary"), directory.Combine("en.arpa.bin"));
        File.Copy(TestData.Fixture("tokenization/models/unigram-nmt-nfkc.model"), directory.Combine("da.sp.model"));
        File.Copy(KenLmFixtures.Path("train-probing.binary"), directory.Combine("da.arpa.bin"));

        (SentencePieceTokenizer tokenizer, NGramLanguageModel model) = PerplexityModels.Find(directory.Path, "en")!.Value;
        (_, NGramLanguageModel probing) = PerplexityModels.Find(directory.Path, "da")!.Value;

        model.Format.Should().Be("KenLM trie, quantised");
        probing.Format.Should().Be("KenLM probing");
        NGramLanguageModel arpa = NGramLanguageModel.Load(KenLmFixtures.Path("train.arpa"));
        foreach (string line in KenLmFixtures.Lines("real.txt").Take(30))
        {
            string pieces = string.Join(' ', tokenizer.EncodeToPieces(CcnetTextNormalizer.Normalize(line)));
            string words = line;
            CcnetPerplexity.Of(probing, pieces).Should().Be(CcnetPerplexity.Of(arpa, pieces), line);
            CcnetPerplexity.Of(probing, words).Should().Be(CcnetPerplexity.Of(arpa, words), line);
            CcnetPerplexity.Of(model, words).Should().BeGreaterThan(1);
        }
    }

    private static ILookup<string, QueryRow> ReadQuery() =>
        KenLmFixtures.Lines("binary-query.tsv").Skip(1).Select(l => l.Split('\t'))
            .Select(f => new QueryRow(f[0], f[1], int.Parse(f[2], CultureInfo.InvariantCulture), float.Parse(f[3], CultureInfo.InvariantCulture), int.Parse(f[4], CultureInfo.InvariantCulture)))
            .ToLookup(r => r.Binary);

    private sealed record QueryRow(string Binary, string Text, int Line, float Total, int Unknown);
}
