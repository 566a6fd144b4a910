using System.Text.Json;
using RedPajama.Tests.Support;
using RedPajama.Udfs.Dedup;
using RedPajama.Udfs.Text;

namespace RedPajama.Tests.Sources;

/// <summary>
/// CCNet's two normalisations against cc_net's own <c>text_normalizer</c> (RedPajama's fork, run under CPython by
/// <c>fixtures/ccnet-mine/make_normalizer_golden.py</c>) on every distinct line of the WET fixtures and lines holding
/// every <c>UNICODE_PUNCT</c> character, controls and digits of several scripts.
/// </summary>
public sealed class CcnetNormalizerGoldenTests
{
    private static readonly List<(string Line, string Normalized, string ForDedup)> Golden =
        [.. File.ReadLines(TestData.Fixture("ccnet-mine/normalizer-golden.jsonl")).Select(l =>
        {
            using JsonDocument row = JsonDocument.Parse(l);
            return (row.RootElement.GetProperty("line").GetString()!, row.RootElement.GetProperty("normalize").GetString()!, row.RootElement.GetProperty("normalize_for_dedup").GetString()!);
        })];

    [Fact]
    public void Normalize_equals_cc_nets_on_every_line()
    {
        Golden.Should().HaveCountGreaterThan(900);
        Golden.Where(g => CcnetTextNormalizer.Normalize(g.Line) != g.Normalized).Select(g => g.Line).Should().BeEmpty();
    }

    [Fact]
    public void Normalize_for_dedup_equals_cc_nets_on_every_line()
    {
        Golden.Where(g => CcnetLineHash.Normalize(g.Line) != g.ForDedup).Select(g => g.Line).Should().BeEmpty();
    }
}
