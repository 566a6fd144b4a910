using RedPajama.Steps;
using RedPajama.Tests.Support;
using RedPajama.Tests.Quality;
using RedPajama.Udfs.Dedup;
using Xunit.Abstractions;

namespace RedPajama.Tests.Dedup;

/// <summary>The guarantees of MinHash-LSH dedup, and its precision and recall on real text with injected near-duplicates.</summary>
public sealed class NearDuplicateTests(ITestOutputHelper output)
{
    private static readonly MinHasher s_hasher = new(permutations: 128, ngram: 5);

    // Document-level F1 floors: the corpus (seeded) and the signatures are deterministic, so these are the measured
    // values (plain 0.949 / 0.947 / 0.922, verified 0.987 / 0.993 / 1.000 at 0.7 / 0.8 / 0.9) less about 0.01, room
    // for a deliberate change of the shingling or band tuning to be noticed rather than to pass silently.
    private static readonly Dictionary<(double, bool), double> s_minimumF1 = new()
    {
        [(0.7, false)] = 0.94, [(0.7, true)] = 0.98,
        [(0.8, false)] = 0.94, [(0.8, true)] = 0.98,
        [(0.9, false)] = 0.91, [(0.9, true)] = 0.99,
    };

    [Theory]
    [InlineData(0.7, 14, 9)]
    [InlineData(0.8, 9, 13)]
    [InlineData(0.9, 5, 25)]
    public void Bands_are_the_ones_redpajama_v2_published_for_its_thresholds(double threshold, int bands, int rows) =>
        LshParameters.Optimal(threshold, 128).Should().Be(new LshParameters(bands, rows));

    [Fact]
    public void Identical_documents_always_cluster_and_unrelated_ones_never()
    {
        string[] texts = [.. QualityGolden.Documents.Select(d => d.Text).Where(t => t.Split(' ').Length > 50)];
        string[] documents = [.. texts, .. texts];
        int[] clusters = Cluster(documents, 0.8);

        for (int i = 0; i < texts.Length; i++)
        {
            clusters[texts.Length + i].Should().Be(clusters[i], "a copy joins its original's cluster");
        }

        clusters.Distinct().Count().Should().BeGreaterThan(texts.Length * 9 / 10, "distinct real documents stay apart");
    }

    [Fact]
    public void Documents_without_shingles_are_never_clustered_together()
    {
        int[] clusters = Cluster(["", "one", "two words", "", "one", "three little words"], 0.5);
        clusters.Should().Equal(0, 1, 2, 3, 4, 5);
    }

    [Fact]
    public void Word_shingles_ignore_case_and_punctuation_and_a_flat_buffer_gets_the_same_signature()
    {
        // "The cat sat on the mat today" has 7 words, so 3 five-word shingles; case and punctuation do not matter.
        s_hasher.Shingles("The cat sat on the mat today").Should().HaveCount(3)
            .And.BeEquivalentTo(s_hasher.Shingles("the CAT, sat -- on THE mat; today!"));
        s_hasher.Shingles("the cat sat on the mat").Should().BeSubsetOf(s_hasher.Shingles("The cat sat on the mat today"));

        string text = QualityGolden.Documents.Select(d => d.Text).First(t => t.Length > 2000);
        uint[] flat = new uint[2 * 128];
        s_hasher.TrySignature(text, flat.AsSpan(128, 128)).Should().BeTrue();
        flat[128..].Should().Equal(s_hasher.Signature(text));
        s_hasher.TrySignature("four words only here", flat.AsSpan(0, 128)).Should().BeFalse();
        flat[..128].Should().OnlyContain(v => v == 0, "a text without shingles leaves the destination untouched");
    }

    [Fact]
    public void A_long_text_is_hashed_in_chunks_without_losing_a_window_at_their_seams()
    {
        // 12,000 distinct words span three word chunks: every one of the 11,996 five-word windows is a shingle.
        string text = string.Join(' ', Enumerable.Range(0, 12_000).Select(i => "w" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        s_hasher.Shingles(text).Should().HaveCount(11_996);
        s_hasher.Shingles(text + " w0 w1 w2 w3 w4").Should().HaveCount(11_996 + 4, "the repeated first window adds nothing, the four seams with the end do");
        new MinHasher(128, 5, ShingleKind.Characters).Shingles(new string('a', 10_000) + "b").Should().HaveCount(2, "character shingles cross chunks too");
    }

    [Fact]
    public void Clusters_do_not_depend_on_input_order_or_threads()
    {
        List<string> documents = Corpus(seed: 3).Select(p => p.Text).ToList();
        int[] forward = Cluster([.. documents], 0.8);
        var shuffle = new Random(11); // seeded: a failure names an order that can be replayed
        var shuffled = documents.Select((text, index) => (text, index)).OrderBy(_ => shuffle.Next()).ToList();
        int[] reordered = Cluster([.. shuffled.Select(p => p.text)], 0.8);

        // The same pairs end up together, whatever the order they came in.
        var original = new Dictionary<int, int>();
        for (int i = 0; i < shuffled.Count; i++)
        {
            original[shuffled[i].index] = i;
        }

        for (int a = 0; a < documents.Count; a += 7)
        {
            for (int b = a + 1; b < documents.Count; b += 5)
            {
                (forward[a] == forward[b]).Should().Be(reordered[original[a]] == reordered[original[b]]);
            }
        }
    }

    [Fact]
    public void Precision_recall_and_f1_on_injected_near_duplicates()
    {
        // Duplicate detection per document: a document is truly a duplicate when an earlier one has exact Jaccard at
        // or above the threshold; it is found when dedup does not keep it. Pairs are reported too (transitive
        // clusters join some pairs below the threshold through a chain of near-duplicates).
        List<(string Text, int Source)> corpus = Corpus(seed: 1);
        uint[][] shingles = [.. corpus.Select(d => s_hasher.Shingles(d.Text).Order().ToArray())];
        string[] texts = [.. corpus.Select(d => d.Text)];
        foreach (double threshold in (double[])[0.7, 0.8, 0.9])
        {
            foreach (bool verify in (bool[])[false, true])
            {
                // Verified: candidates from bands tuned 0.1 lower, then only pairs at or above the threshold join.
                NearDedupStep step = verify ? NearDedupStep.Verified(s_hasher, threshold) : new NearDedupStep(s_hasher, LshParameters.Optimal(threshold, 128));
                int[] clusters = StepGroups.Clusters(step, texts);
                (double precision, double recall, double f1) = DocumentScores(corpus, shingles, clusters, threshold);
                (double pairPrecision, double pairRecall, double pairF1) = PairScores(corpus, shingles, clusters, threshold);
                output.WriteLine($"threshold {threshold}{(verify ? " verified" : string.Empty)}: documents P {precision:F3} R {recall:F3} F1 {f1:F3}; pairs P {pairPrecision:F3} R {pairRecall:F3} F1 {pairF1:F3}");
                f1.Should().BeGreaterThanOrEqualTo(s_minimumF1[(threshold, verify)], $"threshold {threshold}{(verify ? " verified" : " plain LSH")}");
            }
        }
    }

    private static (double Precision, double Recall, double F1) DocumentScores(
        List<(string Text, int Source)> corpus, uint[][] shingles, int[] clusters, double threshold)
    {
        int truePositive = 0, falsePositive = 0, falseNegative = 0;
        for (int d = 0; d < corpus.Count; d++)
        {
            bool duplicate = Enumerable.Range(0, d).Any(e => corpus[e].Source == corpus[d].Source && NearDedupStep.Jaccard(shingles[e], shingles[d]) >= threshold);
            bool dropped = clusters[d] != d;
            truePositive += duplicate && dropped ? 1 : 0;
            falsePositive += !duplicate && dropped ? 1 : 0;
            falseNegative += duplicate && !dropped ? 1 : 0;
        }

        return Scores(truePositive, falsePositive, falseNegative);
    }

    private static (double Precision, double Recall, double F1) PairScores(
        List<(string Text, int Source)> corpus, uint[][] shingles, int[] clusters, double threshold)
    {
        int truePositive = 0, falsePositive = 0, falseNegative = 0;
        for (int a = 0; a < corpus.Count; a++)
        {
            for (int b = a + 1; b < corpus.Count; b++)
            {
                bool similar = corpus[a].Source == corpus[b].Source && NearDedupStep.Jaccard(shingles[a], shingles[b]) >= threshold;
                bool together = clusters[a] == clusters[b];
                truePositive += similar && together ? 1 : 0;
                falsePositive += !similar && together ? 1 : 0;
                falseNegative += similar && !together ? 1 : 0;
            }
        }

        return Scores(truePositive, falsePositive, falseNegative);
    }

    private static (double Precision, double Recall, double F1) Scores(int truePositive, int falsePositive, int falseNegative)
    {
        double precision = truePositive / (double)Math.Max(1, truePositive + falsePositive);
        double recall = truePositive / (double)Math.Max(1, truePositive + falseNegative);
        return (precision, recall, 2 * precision * recall / Math.Max(1e-9, precision + recall));
    }

    private static int[] Cluster(string[] documents, double threshold) =>
        StepGroups.Clusters(new NearDedupStep(s_hasher, LshParameters.Optimal(threshold, s_hasher.Permutations)), documents);

    /// <summary>
    /// Real documents (the quality fixtures' web text, books and Wikipedia) and, per document, variants with a known
    /// share of words replaced, a paragraph of boilerplate added, or two halves swapped: similarities spread around
    /// 0.6–1.0.
    /// </summary>
    private static List<(string Text, int Source)> Corpus(int seed)
    {
        var random = new Random(seed);
        string[] bases = [.. QualityGolden.Documents.Select(d => d.Text).Where(t => t.Split(' ').Length > 200)];
        var corpus = new List<(string, int)>();
        for (int source = 0; source < bases.Length; source++)
        {
            string[] words = bases[source].Split(' ');
            corpus.Add((bases[source], source));
            foreach (double edit in (double[])[0.005, 0.01, 0.02, 0.04, 0.08])
            {
                string[] edited = [.. words.Select(w => random.NextDouble() < edit ? "x" + random.Next(100000) : w)];
                corpus.Add((string.Join(' ', edited), source));
            }

            corpus.Add((bases[source] + "\nSubscribe to our newsletter for more stories like this one every week.", source));
            int half = words.Length / 2;
            corpus.Add((string.Join(' ', words[half..]) + " " + string.Join(' ', words[..half]), source));
        }

        return corpus;
    }
}
