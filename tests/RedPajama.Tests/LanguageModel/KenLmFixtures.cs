using System.Globalization;
using System.Text;
using System.Text.Json;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.LanguageModel;

/// <summary>The files <c>fixtures/kenlm/make-fixtures.sh</c> wrote with KenLM built from source.</summary>
internal static class KenLmFixtures
{
    public static string Path(string name) => TestData.Fixture("kenlm/" + name);

    /// <summary>Lines of a fixture as KenLM reads them: split at LF only, the text after the last LF dropped.</summary>
    public static string[] Lines(string name)
    {
        string[] lines = File.ReadAllText(Path(name), new UTF8Encoding(false)).Split('\n');
        return lines[..^1];
    }

    /// <summary><c>query -v sentence</c>: per line, the float total and the unknown words.</summary>
    public static (float Total, int Unknown)[] QueryTotals() =>
        [.. Lines("query.txt").Select(line => line.Split(' ')).Select(f => (float.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[3], CultureInfo.InvariantCulture)))];

    /// <summary>The Python binding's <c>Model.score(line)</c> and Python's <c>len(line.split())</c>.</summary>
    public static (string Line, float Score, int PythonWords)[] PythonScores() =>
        [.. Lines("python-scores.tsv").Where(l => !l.StartsWith("doc\t", StringComparison.Ordinal)).Select(l => l.Split('\t'))
            .Select(f => (JsonSerializer.Deserialize<string>(f[0])!, (float)double.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture)))];

    /// <summary>cc_net's <c>DocLM</c> perplexity of <c>sentences.txt</c> as one document.</summary>
    public static double PythonDocumentPerplexity() =>
        double.Parse(Lines("python-scores.tsv").Single(l => l.StartsWith("doc\t", StringComparison.Ordinal)).Split('\t')[1], CultureInfo.InvariantCulture);

    /// <summary>An ARPA file's entries as lmplz writes them (<c>prob TAB words TAB backoff</c>, words joined by spaces).</summary>
    public static Dictionary<string, (float Probability, float? Backoff)> Arpa(string text)
    {
        var entries = new Dictionary<string, (float, float?)>(StringComparer.Ordinal);
        foreach (string line in text.Split('\n'))
        {
            string[] fields = line.Split('\t');
            if (fields.Length < 2)
            {
                continue;
            }

            float? backoff = fields.Length == 3 ? float.Parse(fields[2], CultureInfo.InvariantCulture) : null;
            entries.Add(fields[1], (float.Parse(fields[0], CultureInfo.InvariantCulture), backoff));
        }

        return entries;
    }

    /// <summary>Every lmplz entry has ours, with the same probability and backoff to print precision, and no other.</summary>
    public static void ShouldMatchLmplz(string ours, string lmplzFile)
    {
        Dictionary<string, (float Probability, float? Backoff)> expected = Arpa(File.ReadAllText(Path(lmplzFile), new UTF8Encoding(false)));
        Dictionary<string, (float Probability, float? Backoff)> actual = Arpa(ours);
        // Set differences, not BeEquivalentTo: that matches ~20,000 strings pairwise and takes minutes.
        actual.Keys.Except(expected.Keys, StringComparer.Ordinal).Should().BeEmpty("ours has no n-gram lmplz has not (words split as lmplz splits them)");
        expected.Keys.Except(actual.Keys, StringComparer.Ordinal).Should().BeEmpty("lmplz has no n-gram ours has not");
        var worst = (Difference: 0.0, Gram: "");
        foreach ((string gram, (float probability, float? backoff)) in expected)
        {
            (float Probability, float? Backoff) mine = actual[gram];
            double difference = Math.Max(Math.Abs(mine.Probability - probability), Math.Abs((mine.Backoff ?? 0) - (backoff ?? 0)));
            if (difference > worst.Difference)
            {
                worst = (difference, gram);
            }
        }

        // lmplz estimates in float and prints floats' shortest form; one float step of a log10 value near -5 is ~5e-7.
        worst.Difference.Should().BeLessThan(2e-6, $"the largest difference is at '{worst.Gram}'");
    }
}
