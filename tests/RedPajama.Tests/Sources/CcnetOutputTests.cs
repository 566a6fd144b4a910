using System.IO.Compression;
using System.Text.Json;
using RedPajama.LanguageId;
using RedPajama.LanguageModel;
using RedPajama.Sources.CommonCrawl;
using RedPajama.Tests.Support;
using RedPajama.Udfs.LanguageModel;
using RedPajama.Udfs.Quality;

namespace RedPajama.Tests.Sources;

/// <summary>
/// Real CCNet output (dolma's <c>cc_en_head</c> sample, written by cc_net itself), as far as it can be checked: dolma
/// removed lines from <c>text</c> after cc_net (its text is shorter than cc_net's <c>length</c> and has fewer lines than
/// <c>nlines</c>), so text-derived values (length, language score, perplexity) cannot be recomputed; the bucket of the
/// recorded perplexity, the finalize_doc invariants and the language can.
/// </summary>
public sealed class CcnetOutputTests
{
    private static readonly List<(string Text, JsonElement Meta)> Records = ReadRecords();

    [Fact]
    public void The_sample_is_ten_head_documents()
    {
        Records.Should().HaveCount(10);
        Records.Should().OnlyContain(r => r.Meta.GetProperty("bucket").GetString() == "head");
    }

    [Fact]
    public void Finalize_doc_fields_hold_cc_nets_invariants()
    {
        foreach ((string text, JsonElement meta) in Records)
        {
            long[] lineIds = [.. meta.GetProperty("line_ids").EnumerateArray().Select(e => e.GetInt64())];
            meta.GetProperty("nlines").GetInt64().Should().Be(lineIds.Length, "nlines counts the kept lines");
            lineIds.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
            lineIds[^1].Should().BeLessThan(meta.GetProperty("original_nlines").GetInt64());
            meta.GetProperty("length").GetInt64().Should().BeGreaterThanOrEqualTo(PythonText.CodePointCount(text), "dolma only removed text");
            meta.GetProperty("original_length").GetInt64().Should().BeGreaterThan(meta.GetProperty("length").GetInt64(), "the WET Content-Length (bytes) of a deduplicated page");
        }
    }

    [Fact]
    public void Language_id_of_the_text_gives_cc_nets_language()
    {
        var step = new LanguageIdStep(LanguageIdModels.Get(LanguageIdModels.ModelPath(null)), new CommonCrawlSource().Describe(new Configuration.RunConfig()).Meta, LanguageIdStep.LanguageField, 0.5, ["en"]);
        foreach ((string text, JsonElement meta) in Records)
        {
            (string? language, double score) = step.Identify(text);
            language.Should().Be(meta.GetProperty("language").GetString());
            score.Should().BeGreaterThanOrEqualTo(0.5);
        }
    }

    [Fact]
    public void Bucket_of_cc_nets_perplexity_under_the_bundled_cutoffs_is_cc_nets_bucket()
    {
        PerplexityBuckets cutoffs = PerplexityModels.Cutoffs(PerplexityModels.BundledCutoffsPath);
        foreach ((_, JsonElement meta) in Records)
        {
            cutoffs.Bucket("en", meta.GetProperty("perplexity").GetDouble()).Should().Be(meta.GetProperty("bucket").GetString());
        }
    }

    private static List<(string Text, JsonElement Meta)> ReadRecords()
    {
        using var gzip = new GZipStream(File.OpenRead(TestData.Fixture("commoncrawl/dolma-ccnet-cc_en_head-0091.jsonl.gz")), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var records = new List<(string, JsonElement)>();
        while (reader.ReadLine() is { } line)
        {
            JsonElement root = JsonDocument.Parse(line).RootElement.Clone();
            records.Add((root.GetProperty("text").GetString()!, root.GetProperty("metadata")));
        }

        return records;
    }
}
