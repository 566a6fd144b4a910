using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RedPajama.Tests.Support;
using RedPajama.Udfs.Code.Licenses;
using Xunit.Abstractions;

namespace RedPajama.Tests.Code;

/// <summary>
/// The licence detector against licensee 9.15.2 itself (Debian's ruby-licensee, run by
/// <c>fixtures/licenses/make_golden.rb</c>): every file of the corpus (real licence files and READMEs of this
/// machine's packages, plus synthetic variants) gets licensee's key, matcher and confidence, and the same normalised
/// text (licensee's <c>content_hash</c>); the vendored licences normalise as licensee normalises them; file names
/// score as licensee scores them.
/// </summary>
public sealed class LicenseDetectorTests(ITestOutputHelper output)
{
    internal static string ModelDirectory => Path.Combine(AppContext.BaseDirectory, "models", "licenses");

    internal static LicenseDetector Detector => LicenseDetector.Get(ModelDirectory);

    [Fact]
    public void Every_corpus_file_gets_licensees_answer()
    {
        List<JsonElement> golden = Lines("golden-files.jsonl");
        golden.Should().HaveCountGreaterThan(400);
        var differences = new List<string>();
        var matchers = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (JsonElement expected in golden)
        {
            string file = expected.GetProperty("file").GetString()!;
            string name = expected.GetProperty("name").GetString()!;
            LicenseFileMatch match = Detector.Match(name, File.ReadAllBytes(TestData.Fixture(Path.Combine("licenses", file))));
            string? key = NullableString(expected, "key");
            string? matcher = NullableString(expected, "matcher");
            double confidence = expected.GetProperty("confidence") is { ValueKind: JsonValueKind.Number } number ? number.GetDouble() : 0;
            string tally = (key ?? "(none)") + " / " + (matcher ?? "-");
            matchers[tally] = matchers.GetValueOrDefault(tally) + 1;

            if (match.Key != key || match.Matcher != matcher || Math.Abs(match.Confidence - confidence) > 1e-9)
            {
                differences.Add($"{file}: licensee {key}/{matcher}/{confidence.ToString("R", CultureInfo.InvariantCulture)}, here {match.Key}/{match.Matcher}/{match.Confidence.ToString("R", CultureInfo.InvariantCulture)}");
            }

            if (Detector.SpdxId(match.Key) != NullableString(expected, "spdx_id"))
            {
                differences.Add($"{file}: SPDX id {NullableString(expected, "spdx_id")} vs {Detector.SpdxId(match.Key)}");
            }

            if (expected.GetProperty("closest") is { ValueKind: JsonValueKind.Array } closest)
            {
                string text = ReadLikeLicensee(TestData.Fixture(Path.Combine("licenses", file)));
                if (LicenseDetector.CandidateKind(name) == LicenseCandidateKind.Readme)
                {
                    text = LicenseDetector.ReadmeLicenseSection(text)!;
                }

                IReadOnlyList<(string Key, double Similarity)> mine = Detector.Similarities(text);
                int rank = 0;
                foreach (JsonElement entry in closest.EnumerateArray())
                {
                    (string closeKey, double similarity) = mine[rank++];
                    if (closeKey != entry[0].GetString() || Math.Abs(similarity - entry[1].GetDouble()) > 1e-9)
                    {
                        differences.Add($"{file}: closest #{rank} licensee {entry[0]}/{entry[1]}, here {closeKey}/{similarity.ToString("R", CultureInfo.InvariantCulture)}");
                    }
                }
            }
        }

        output.WriteLine($"{golden.Count} files, {golden.Count - differences.Count} equal to licensee");
        foreach ((string tally, int count) in matchers)
        {
            output.WriteLine($"  {tally}: {count}");
        }

        differences.Should().BeEmpty();
    }

    [Fact]
    public void Normalised_texts_hash_as_licensees_content_hash()
    {
        int compared = 0;
        foreach (JsonElement expected in Lines("golden-files.jsonl"))
        {
            if (NullableString(expected, "content_hash") is not { } hash)
            {
                continue;
            }

            string file = expected.GetProperty("file").GetString()!;
            string text = Encoding.UTF8.GetString(File.ReadAllBytes(TestData.Fixture(Path.Combine("licenses", file))));
            if (LicenseDetector.CandidateKind(expected.GetProperty("name").GetString()!) == LicenseCandidateKind.Readme)
            {
                text = LicenseDetector.ReadmeLicenseSection(text)!;
            }

            if (!text.Contains('\uFFFD', StringComparison.Ordinal))
            {
                Sha1(Detector.Normalize(text)).Should().Be(hash, file);
                compared++;
            }
        }

        compared.Should().BeGreaterThan(400);
    }

    [Fact]
    public void The_vendored_licences_normalise_as_licensee_normalises_them()
    {
        List<JsonElement> golden = Lines("golden-licenses.jsonl");
        Detector.Keys.Should().Equal(golden.Select(license => license.GetProperty("key").GetString()));
        foreach (JsonElement expected in golden)
        {
            string key = expected.GetProperty("key").GetString()!;
            string raw = File.ReadAllText(Path.Combine(ModelDirectory, key + ".txt"));
            int close = raw.LastIndexOf("\n---\n", StringComparison.Ordinal);
            string body = raw[(close + 5)..].TrimStart('\n');
            string normalized = Detector.Normalize(body);

            Sha1(normalized).Should().Be(expected.GetProperty("content_hash").GetString(), key);
            normalized.EnumerateRunes().Count().Should().Be(expected.GetProperty("length").GetInt32(), key);
            Detector.SpdxId(key).Should().Be(expected.GetProperty("spdx_id").GetString());

            // Its own text, fields and all, is an exact match for itself.
            Detector.Match("LICENSE", body).Should().Be(new LicenseFileMatch("LICENSE", key, 100, "exact"));
        }
    }

    [Fact]
    public void File_names_score_as_licensee_scores_them()
    {
        foreach (JsonElement expected in Lines("golden-names.jsonl"))
        {
            string name = expected.GetProperty("name").GetString()!;
            double license = expected.GetProperty("license").GetDouble();
            double readme = expected.GetProperty("readme").GetDouble();
            LicenseDetector.CandidateScore(name).Should().Be(license > 0 ? license : readme, name);
            LicenseDetector.CandidateKind(name).Should().Be(
                license > 0 ? LicenseCandidateKind.License : readme > 0 ? LicenseCandidateKind.Readme : LicenseCandidateKind.None, name);
        }
    }

    [Theory]
    [InlineData("docs/LICENSE")]
    [InlineData("sub/README.md")]
    [InlineData("a/b/COPYING")]
    public void Only_root_files_are_candidates(string path)
    {
        LicenseDetector.CandidateScore(path).Should().Be(0);
        LicenseDetector.CandidateKind(path).Should().Be(LicenseCandidateKind.None);
    }

    [Fact]
    public void A_readme_without_a_licence_section_has_no_key_and_a_licence_file_without_a_match_is_other()
    {
        Detector.Match("README.md", "# Widgets\n\nNothing about licences.\n").Should().Be(new LicenseFileMatch("README.md", null, 0, null));
        Detector.Match("LICENSE", "Use it on Tuesdays.\n").Should().Be(new LicenseFileMatch("LICENSE", "other", 0, null));
        Detector.Match("README", "Widgets\n\nLicense\n=======\n\nMIT\n").Should().Be(new LicenseFileMatch("README", "mit", 90, "reference"));
        Detector.Match("COPYRIGHT", "Copyright (c) 2020 Jane\n").Should().Be(new LicenseFileMatch("COPYRIGHT", "no-license", 100, "copyright"));
    }

    /// <summary>
    /// A known difference: licensee turns <c>.html</c>/<c>.htm</c> licence files into Markdown (reverse_markdown) before
    /// matching; here they are matched as text. Licensee finds a clean HTML rendering of the MIT licence to be MIT
    /// (exact); here it is <c>other</c>. Real HTML licence pages (the four on the corpus machine) are <c>other</c> in both.
    /// </summary>
    [Fact]
    public void Html_licence_files_are_matched_as_text()
    {
        string raw = File.ReadAllText(Path.Combine(ModelDirectory, "mit.txt"));
        string mit = raw[(raw.LastIndexOf("\n---\n", StringComparison.Ordinal) + 5)..].TrimStart('\n');
        string html = "<html><body><h1>MIT License</h1>" + string.Concat(mit.Split("\n\n").Select(p => "<p>" + p + "</p>\n")) + "</body></html>";
        Detector.Match("LICENSE.html", html).Key.Should().Be("other");
        Detector.Match("LICENSE.txt", mit).Key.Should().Be("mit");
    }

    [Theory]
    [InlineData("LICENSE", "mit", 100.0, "exact")]
    [InlineData("README.md", null, 0.0, null)]
    [InlineData("weird\tpath/with\ttabs", "bsd-3-clause", 98.7551867219917, "dice")]
    [InlineData("LICENSE", "other", 0.0, null)]
    public void Matches_survive_their_text_encoding(string path, string? key, double confidence, string? matcher)
    {
        var match = new LicenseFileMatch(path, key, confidence, matcher);
        string encoded = match.Encode();
        encoded.Should().NotContain("\n");
        LicenseFileMatch.TryDecode(encoded, out LicenseFileMatch decoded).Should().BeTrue();
        decoded.Should().Be(match);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("mit\t100\texact")]
    [InlineData("mit\tabc\texact\tLICENSE")]
    public void Malformed_encodings_are_refused(string? encoded) =>
        LicenseFileMatch.TryDecode(encoded, out _).Should().BeFalse();

    [Fact]
    public void The_detector_is_shared_per_directory_and_safe_across_threads()
    {
        LicenseDetector.Get(ModelDirectory).Should().BeSameAs(LicenseDetector.Get(ModelDirectory + Path.DirectorySeparatorChar));
        List<(string Name, byte[] Bytes)> corpus = Corpus();
        LicenseFileMatch[] sequential = corpus.Select(file => Detector.Match(file.Name, file.Bytes)).ToArray();
        var parallel = new LicenseFileMatch[corpus.Count];
        Parallel.For(0, corpus.Count * 4, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            parallel[i % corpus.Count] = Detector.Match(corpus[i % corpus.Count].Name, corpus[i % corpus.Count].Bytes));
        parallel.Should().Equal(sequential);
    }

    /// <summary>
    /// The larger random set <c>fixtures/licenses/make_fuzz.rb</c> writes (not committed): run when
    /// <c>LICENSEE_FUZZ</c> names its directories (separated like <c>PATH</c>).
    /// </summary>
    [SkippableFact]
    public void Fuzzed_variants_get_licensees_answer_and_similarities()
    {
        string? directories = Environment.GetEnvironmentVariable("LICENSEE_FUZZ");
        Skip.If(string.IsNullOrEmpty(directories), "LICENSEE_FUZZ names no make_fuzz.rb output");
        int files = 0;
        var differences = new List<string>();
        foreach (string directory in directories!.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string line in File.ReadLines(Path.Combine(directory, "manifest.jsonl")))
            {
                JsonElement expected = JsonDocument.Parse(line).RootElement;
                string file = Path.Combine(directory, expected.GetProperty("file").GetString()!);
                string name = expected.GetProperty("name").GetString()!;
                LicenseFileMatch match = Detector.Match(name, File.ReadAllBytes(file));
                double confidence = expected.GetProperty("confidence") is { ValueKind: JsonValueKind.Number } number ? number.GetDouble() : 0;
                files++;
                if (match.Key != NullableString(expected, "key") || match.Matcher != NullableString(expected, "matcher") || Math.Abs(match.Confidence - confidence) > 1e-9)
                {
                    differences.Add($"{file}: licensee {NullableString(expected, "key")}/{NullableString(expected, "matcher")}/{confidence}, here {match.Key}/{match.Matcher}/{match.Confidence}");
                }

                if (expected.GetProperty("similarities") is not { ValueKind: JsonValueKind.Array } similarities)
                {
                    continue;
                }

                string text = ReadLikeLicensee(file);
                if (LicenseDetector.CandidateKind(name) == LicenseCandidateKind.Readme)
                {
                    text = LicenseDetector.ReadmeLicenseSection(text)!;
                }

                Sha1(Detector.Normalize(text)).Should().Be(expected.GetProperty("content_hash").GetString(), file);
                var expectedSimilarities = similarities.EnumerateArray().Select(entry => (entry[0].GetString()!, entry[1].GetDouble())).ToList();
                IReadOnlyList<(string Key, double Similarity)> mine = Detector.Similarities(text);
                if (!mine.Select(entry => entry.Key).SequenceEqual(expectedSimilarities.Select(entry => entry.Item1))
                    || mine.Zip(expectedSimilarities).Any(pair => Math.Abs(pair.First.Similarity - pair.Second.Item2) > 1e-9))
                {
                    differences.Add($"{file}: similarities differ");
                }
            }
        }

        output.WriteLine($"{files} fuzzed files, {files - differences.Count} equal to licensee");
        differences.Should().BeEmpty();
    }

    internal static List<JsonElement> Lines(string name) =>
        File.ReadLines(TestData.Fixture(Path.Combine("licenses", name))).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

    internal static List<(string Name, byte[] Bytes)> Corpus() =>
        Lines("corpus.jsonl").Select(entry => (
            entry.GetProperty("name").GetString()!,
            File.ReadAllBytes(TestData.Fixture(Path.Combine("licenses", entry.GetProperty("file").GetString()!))))).ToList();

    private static string? NullableString(JsonElement element, string property) =>
        element.GetProperty(property) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    // Licensee's content_hash is a SHA-1 of the normalised text: an identity to compare, not a security measure.
#pragma warning disable CA5350
    /// <summary>A file's text as licensee reads it: UTF-8 with invalid bytes dropped.</summary>
    internal static string ReadLikeLicensee(string path) => DroppingUtf8.GetString(File.ReadAllBytes(path));

    private static readonly Encoding DroppingUtf8 =
        Encoding.GetEncoding(Encoding.UTF8.CodePage, EncoderFallback.ReplacementFallback, new DecoderReplacementFallback(string.Empty));

    private static string Sha1(string text) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5350
}

/// <summary>Throughput, measured alone (no other test runs beside it) and printed, not asserted.</summary>
[Collection(nameof(LicenseThroughputTests))]
[CollectionDefinition(nameof(LicenseThroughputTests), DisableParallelization = true)]
public sealed class LicenseThroughputTests(ITestOutputHelper output)
{
    private static LicenseDetector Detector => LicenseDetectorTests.Detector;

    private static List<(string Name, byte[] Bytes)> Corpus() => LicenseDetectorTests.Corpus();

    [Fact]
    public void Throughput_on_the_corpus()
    {
        List<(string Name, byte[] Bytes)> corpus = Corpus();
        var texts = corpus.Select(file => (file.Name, Text: Encoding.UTF8.GetString(file.Bytes))).ToList();
        foreach ((string name, string text) in texts)
        {
            Detector.Match(name, text);
        }

        long bytes = corpus.Sum(file => (long)file.Bytes.Length);
        var clock = Stopwatch.StartNew();
        int rounds = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(2) || rounds < 3)
        {
            foreach ((string name, string text) in texts)
            {
                Detector.Match(name, text);
            }

            rounds++;
        }

        double seconds = clock.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{texts.Count * rounds / seconds:F0} files/s, {bytes * rounds / seconds / 1e6:F1} MB/s, {seconds * 1e6 / (texts.Count * rounds):F1} µs per file (one thread, {texts.Count} files × {rounds} rounds)"));
    }
}
