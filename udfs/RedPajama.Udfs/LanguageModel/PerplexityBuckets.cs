using System.Globalization;

namespace RedPajama.Udfs.LanguageModel;

/// <summary>
/// CCNet's perplexity buckets (<c>PerplexityBucket</c>) from its <c>cutoff.csv</c>: a header of languages, then one
/// row per percentile 0–99 of perplexities. A document is <c>head</c> below the language's 30th percentile,
/// <c>middle</c> below the 60th, <c>tail</c> otherwise, and <c>all</c> when its language has no column or it has no
/// perplexity.
/// </summary>
public sealed class PerplexityBuckets
{
    /// <summary>The percentile row of the head cutoff.</summary>
    public const int HeadPercentile = 30;

    /// <summary>The percentile row of the tail cutoff.</summary>
    public const int TailPercentile = 60;

    private readonly Dictionary<string, (double Head, double Tail)> _cutoffs;

    private PerplexityBuckets(Dictionary<string, (double Head, double Tail)> cutoffs) => _cutoffs = cutoffs;

    /// <summary>The languages with cutoffs.</summary>
    public IReadOnlyCollection<string> Languages => _cutoffs.Keys;

    /// <summary>Reads a cutoff CSV.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The buckets.</returns>
    /// <exception cref="FormatException">The file is not in CCNet's format (with the line).</exception>
    public static PerplexityBuckets Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string[] lines = File.ReadAllLines(path);
        if (lines.Length == 0)
        {
            throw new FormatException($"{path}: empty cutoff file");
        }

        string[] languages = lines[0].Split(',');
        var rows = new Dictionary<int, string[]>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            string[] fields = lines[i].Split(',');
            if (fields.Length != languages.Length || !int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int percentile))
            {
                throw new FormatException($"{path}:{i + 1}: expected a percentile and {languages.Length - 1} values");
            }

            rows[percentile] = fields;
        }

        if (!rows.TryGetValue(HeadPercentile, out string[]? head) || !rows.TryGetValue(TailPercentile, out string[]? tail))
        {
            throw new FormatException($"{path}: rows {HeadPercentile} and {TailPercentile} are required");
        }

        var cutoffs = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        for (int column = 1; column < languages.Length; column++)
        {
            cutoffs[languages[column]] = (
                double.Parse(head[column], CultureInfo.InvariantCulture),
                double.Parse(tail[column], CultureInfo.InvariantCulture));
        }

        return new PerplexityBuckets(cutoffs);
    }

    /// <summary>The head and tail cutoffs of a language, if it has a column.</summary>
    /// <param name="language">A language code.</param>
    /// <param name="cutoffs">The 30th and 60th percentile perplexities.</param>
    /// <returns>Whether the language has cutoffs.</returns>
    public bool TryGetCutoffs(string language, out (double Head, double Tail) cutoffs) => _cutoffs.TryGetValue(language, out cutoffs);

    /// <summary>The bucket of a document.</summary>
    /// <param name="language">Its language.</param>
    /// <param name="perplexity">Its perplexity; null or negative when unknown.</param>
    /// <returns><c>head</c>, <c>middle</c>, <c>tail</c> or <c>all</c>.</returns>
    public string Bucket(string language, double? perplexity)
    {
        if (perplexity is not { } value || value < 0 || !_cutoffs.TryGetValue(language, out (double Head, double Tail) cutoffs))
        {
            return "all";
        }

        return value < cutoffs.Head ? "head" : value < cutoffs.Tail ? "middle" : "tail";
    }
}
