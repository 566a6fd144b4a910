using System.Globalization;

namespace RedPajama.Udfs.Code.Licenses;

/// <summary>
/// One candidate file's answer, as licensee gives it for a <c>LicenseFile</c> or <c>ReadmeFile</c>.
/// </summary>
/// <param name="Path">The file's path relative to the repository root, <c>/</c>-separated.</param>
/// <param name="Key">
/// Licensee's licence key (<c>mit</c>, <c>apache-2.0</c>, <c>gpl-3.0</c>, …); <c>other</c> when the file is a licence
/// file (or a README licence section) that matched no licence; <c>no-license</c> when it is only a copyright notice;
/// null when the file is a README without a licence section.
/// </param>
/// <param name="Confidence">0–100: 100 for exact and copyright matches, the Dice similarity, 90 for a reference; 0 with no match.</param>
/// <param name="Matcher">The matcher that decided (<c>exact</c>, <c>dice</c>, <c>copyright</c>, <c>reference</c>); null with no match.</param>
public readonly record struct LicenseFileMatch(string Path, string? Key, double Confidence, string? Matcher)
{
    private const char Separator = '\t';

    /// <summary>
    /// A compact, stable text form: key, confidence (round-trip, invariant culture), matcher and path, separated by
    /// tabs, with null as empty; the path comes last and may hold any character.
    /// </summary>
    /// <returns>The encoded match.</returns>
    public string Encode() =>
        string.Concat(
            Key ?? string.Empty,
            Separator.ToString(),
            Confidence.ToString("R", CultureInfo.InvariantCulture),
            Separator.ToString(),
            Matcher ?? string.Empty,
            Separator.ToString(),
            Path);

    /// <summary>Reads the form <see cref="Encode"/> writes.</summary>
    /// <param name="encoded">The encoded match.</param>
    /// <param name="match">The match, when the text is well formed.</param>
    /// <returns>Whether it was.</returns>
    public static bool TryDecode(string? encoded, out LicenseFileMatch match)
    {
        match = default;
        if (encoded is null)
        {
            return false;
        }

        int first = encoded.IndexOf(Separator, StringComparison.Ordinal);
        int second = first < 0 ? -1 : encoded.IndexOf(Separator, first + 1);
        int third = second < 0 ? -1 : encoded.IndexOf(Separator, second + 1);
        if (third < 0)
        {
            return false;
        }

        if (!double.TryParse(encoded.AsSpan(first + 1, second - first - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out double confidence))
        {
            return false;
        }

        string? key = first == 0 ? null : encoded[..first];
        string? matcher = third == second + 1 ? null : encoded[(second + 1)..third];
        match = new LicenseFileMatch(encoded[(third + 1)..], key, confidence, matcher);
        return true;
    }
}
