using System.Text.RegularExpressions;

namespace RedPajama.Udfs.Code.Licenses;

/// <summary>
/// Licensee 9.15.2's file-name scores (<c>LicenseFile::FILENAME_REGEXES</c> and <c>ReadmeFile::SCORES</c>). The
/// licence words (<c>license</c>, <c>licence</c>, <c>unlicense</c>, <c>copying</c>, <c>copyright</c>, <c>ofl</c>,
/// <c>patents</c>) and the general extension rules ignore case, but the preferred extensions (<c>.md</c>,
/// <c>.markdown</c>, <c>.txt</c>, <c>.html</c>) do not, so <c>LICENSE.TXT</c> scores as <c>LICENSE.textile</c> would.
/// </summary>
internal static partial class LicenseFileNames
{
    private const RegexOptions Options = RegexOptions.CultureInvariant;

    // Building blocks, each with the case sensitivity licensee gives it.
    private const string License = "(?i:(un)?licen[sc]e)";
    private const string Copying = "(?i:copy(ing|right))";
    private const string Preferred = @"(?-i:\.(?:md|markdown|txt|html)\z)";
    private const string LicenseExtension = @"(?i:\.(?!spdx|header)[^./]+\z)";
    private const string OtherExtension = @"(?i:\.(?!xml|go|gemspec)[^./]+\z)";
    private const string AnyExtension = @"(?i:\.[^./]+\z)";
    private const string Ofl = "(?i:ofl)";
    private const string Patents = "(?i:patents)";

    /// <summary>The score of a licence file name (its base name); 0 when it is no licence file.</summary>
    /// <param name="fileName">The base name.</param>
    /// <returns>1.0 for <c>LICENSE</c> down to 0.30 for <c>PATENTS.txt</c>, or 0.</returns>
    public static double LicenseScore(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return fileName switch
        {
            _ when LicenseBare().IsMatch(fileName) => 1.00,
            _ when LicensePreferred().IsMatch(fileName) => 0.95,
            _ when CopyingBare().IsMatch(fileName) => 0.90,
            _ when CopyingPreferred().IsMatch(fileName) => 0.85,
            _ when LicenseWithExtension().IsMatch(fileName) => 0.80,
            _ when CopyingWithExtension().IsMatch(fileName) => 0.75,
            _ when LicenseSuffixed().IsMatch(fileName) => 0.70,
            _ when CopyingSuffixed().IsMatch(fileName) => 0.65,
            _ when LicensePrefixed().IsMatch(fileName) => 0.60,
            _ when CopyingPrefixed().IsMatch(fileName) => 0.55,
            _ when OflPreferred().IsMatch(fileName) => 0.50,
            _ when OflWithExtension().IsMatch(fileName) => 0.45,
            _ when OflBare().IsMatch(fileName) => 0.40,
            _ when PatentsBare().IsMatch(fileName) => 0.35,
            _ when PatentsWithExtension().IsMatch(fileName) => 0.30,
            _ => 0.0,
        };
    }

    /// <summary>The score of a README name: 1.0 for <c>README</c>, 0.9 for <c>README.md</c> and the like, else 0.</summary>
    /// <param name="fileName">The base name.</param>
    /// <returns>The score.</returns>
    public static double ReadmeScore(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        if (ReadmeBare().IsMatch(fileName))
        {
            return 1.0;
        }

        return ReadmeWithExtension().IsMatch(fileName) ? 0.9 : 0.0;
    }

    /// <summary>
    /// Licensee's <c>copyright?</c> name test: <c>COPYRIGHT</c> with an optional extension (not <c>.xml</c>, <c>.go</c>
    /// or <c>.gemspec</c>). Such a file that holds only a copyright notice does not count as a second licence.
    /// </summary>
    /// <param name="fileName">The base name.</param>
    /// <returns>Whether the name is a copyright file's.</returns>
    public static bool IsCopyrightName(string fileName) => CopyrightName().IsMatch(fileName);

    /// <summary><c>COPYING.lesser</c> in any case: the LGPL beside a GPL <c>COPYING</c>.</summary>
    /// <param name="fileName">The base name.</param>
    /// <returns>Whether it is the lesser-GPL file.</returns>
    public static bool IsLesserGplName(string fileName) => string.Equals(fileName, "copying.lesser", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"\A" + License + @"\z", Options)]
    private static partial Regex LicenseBare();

    [GeneratedRegex(@"\A" + License + Preferred + @"\z", Options)]
    private static partial Regex LicensePreferred();

    [GeneratedRegex(@"\A" + Copying + @"\z", Options)]
    private static partial Regex CopyingBare();

    [GeneratedRegex(@"\A" + Copying + Preferred + @"\z", Options)]
    private static partial Regex CopyingPreferred();

    [GeneratedRegex(@"\A" + License + LicenseExtension + @"\z", Options)]
    private static partial Regex LicenseWithExtension();

    [GeneratedRegex(@"\A" + Copying + AnyExtension + @"\z", Options)]
    private static partial Regex CopyingWithExtension();

    [GeneratedRegex(@"\A" + License + "[-_][^.]*" + OtherExtension + @"?\z", Options)]
    private static partial Regex LicenseSuffixed();

    [GeneratedRegex(@"\A" + Copying + "[-_][^.]*" + OtherExtension + @"?\z", Options)]
    private static partial Regex CopyingSuffixed();

    [GeneratedRegex(@"\A[A-Za-z0-9_]+[-_]" + License + "[^.]*" + OtherExtension + @"?\z", Options)]
    private static partial Regex LicensePrefixed();

    [GeneratedRegex(@"\A[A-Za-z0-9_]+[-_]" + Copying + "[^.]*" + OtherExtension + @"?\z", Options)]
    private static partial Regex CopyingPrefixed();

    [GeneratedRegex(@"\A" + Ofl + Preferred, Options)]
    private static partial Regex OflPreferred();

    [GeneratedRegex(@"\A" + Ofl + OtherExtension, Options)]
    private static partial Regex OflWithExtension();

    [GeneratedRegex(@"\A" + Ofl + @"\z", Options)]
    private static partial Regex OflBare();

    [GeneratedRegex(@"\A" + Patents + @"\z", Options)]
    private static partial Regex PatentsBare();

    [GeneratedRegex(@"\A" + Patents + OtherExtension + @"\z", Options)]
    private static partial Regex PatentsWithExtension();

    [GeneratedRegex(@"\AREADME\z", Options | RegexOptions.IgnoreCase)]
    private static partial Regex ReadmeBare();

    [GeneratedRegex(@"\AREADME\.(md|markdown|mdown|txt|rdoc|rst)\z", Options | RegexOptions.IgnoreCase)]
    private static partial Regex ReadmeWithExtension();

    [GeneratedRegex(@"\Acopyright(?:" + OtherExtension + @")?\z", Options | RegexOptions.IgnoreCase)]
    private static partial Regex CopyrightName();
}
