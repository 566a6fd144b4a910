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
        return Parse(File.ReadAllLines(path), path);
    }

    /// <summary>Parses cutoff CSV lines.</summary>
    /// <param name="lines">The lines.</param>
    /// <param name="path">A name for messages.</param>
    /// <returns>The buckets.</returns>
    /// <exception cref="FormatException">Not in CCNet's format.</exception>
    public static PerplexityBuckets Parse(IReadOnlyList<string> lines, string path)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            throw new FormatException($"{path}: empty cutoff file");
        }

        string[] languages = lines[0].Split(',');
        var rows = new Dictionary<int, string[]>();
        for (int i = 1; i < lines.Count; i++)
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

    /// <summary>
    /// Writes a cutoff CSV in CCNet's format from scored documents: per language the 0th to 99th percentile of the
    /// perplexities (numpy's default linear interpolation), rounded to one decimal; languages in ordinal order.
    /// </summary>
    /// <param name="scored">(language, perplexity) pairs.</param>
    /// <param name="writer">The destination.</param>
    public static void WriteCutoffs(IEnumerable<(string Language, double Perplexity)> scored, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(scored);
        ArgumentNullException.ThrowIfNull(writer);
        SortedDictionary<string, double[]> byLanguage = new(
            scored.GroupBy(s => s.Language).ToDictionary(g => g.Key, g => g.Select(s => s.Perplexity).Order().ToArray()),
            StringComparer.Ordinal);
        writer.Write(',');
        writer.Write(string.Join(',', byLanguage.Keys));
        writer.Write('\n');
        for (int percentile = 0; percentile < 100; percentile++)
        {
            writer.Write(percentile.ToString(CultureInfo.InvariantCulture));
            foreach (double[] values in byLanguage.Values)
            {
                double rank = percentile / 100.0 * (values.Length - 1);
                int low = (int)Math.Floor(rank);
                int high = Math.Min(low + 1, values.Length - 1);
                double value = values[low] + ((rank - low) * (values[high] - values[low]));
                writer.Write(',');
                writer.Write(Math.Round(value, 1).ToString("R", CultureInfo.InvariantCulture));
            }

            writer.Write('\n');
        }
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
