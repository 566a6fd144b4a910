namespace RedPajama.Udfs.Code.Licenses;

/// <summary>
/// Licensee 9.15.2's <c>Project#license</c>: the licence of a repository from the answers for its root's candidate
/// files (see <see cref="LicenseDetector.Match(string, string)"/>).
/// </summary>
/// <remarks>
/// The licence files are ranked by name score (ties by path, in ordinal order, as licensee's sorted directory listing
/// and stable sort leave them); when the first is a GPL and a <c>COPYING.lesser</c> holds an LGPL, that one moves to
/// the front. The best-scoring README counts when it has a licence section. Every licence file counts, an unmatched
/// one as <c>other</c>; a <c>COPYRIGHT</c> file that is only a copyright notice does not. One licence among them is
/// the answer; an LGPL <c>COPYING.lesser</c> beside a GPL licence file (and nothing else) is the LGPL; several are
/// <c>other</c>; none is null. Package manager files (<c>package.json</c>, <c>*.gemspec</c>, …), which the licensee
/// command line also reads, are not considered.
/// </remarks>
public static class LicenseProject
{
    private const string Other = "other";

    /// <summary>Decides a repository's licence.</summary>
    /// <param name="files">
    /// The answers for the repository's root candidate files, READMEs without a licence section included (their key
    /// null): a better-ranked README without a section hides a lesser one with a section, as in licensee. Files below
    /// the root and non-candidates are ignored.
    /// </param>
    /// <returns>
    /// The licence key GitHub would report (null when none; <c>other</c> for an unknown licence, for licensee's
    /// NOASSERTION, and when files disagree), with the confidence and path of the file that decided (0 and null when
    /// none or several did).
    /// </returns>
    public static (string? Key, double Confidence, string? Path) Decide(IReadOnlyList<LicenseFileMatch> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var licenseFiles = new List<(LicenseFileMatch File, double Score)>();
        (LicenseFileMatch File, double Score)? readme = null;
        foreach (LicenseFileMatch file in files)
        {
            LicenseCandidateKind kind = LicenseDetector.CandidateKind(file.Path);
            double score = LicenseDetector.CandidateScore(file.Path);
            if (kind == LicenseCandidateKind.License)
            {
                licenseFiles.Add((file, score));
            }
            else if (kind == LicenseCandidateKind.Readme && (readme is null || Ranks(file, score, readme.Value.File, readme.Value.Score)))
            {
                readme = (file, score);
            }
        }

        licenseFiles.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.File.Path, b.File.Path));
        var ranked = licenseFiles.ConvertAll(static entry => entry.File);
        PrioritizeLesserGpl(ranked);

        var project = new List<LicenseFileMatch>(ranked);
        if (readme is { File.Key: not null } section)
        {
            project.Add(section.File);
        }

        project.RemoveAll(static file => file.Key is null);
        int licenseCount = project.Select(static file => file.Key).Distinct(StringComparer.Ordinal).Count();
        var counted = project.Where(static file => !IsCopyrightNotice(file)).ToList();
        var keys = counted.Select(static file => file.Key!).Distinct(StringComparer.Ordinal).ToList();
        bool lesserBesideGpl = licenseCount == 2 && ranked.Count == 2 && IsLesserGplFile(ranked[0]) && IsGpl(ranked[1].Key);

        if (keys.Count == 1 || (lesserBesideGpl && keys.Count > 0))
        {
            LicenseFileMatch decider = counted.First(file => file.Key == keys[0]);
            return (keys[0], decider.Confidence, decider.Path);
        }

        return keys.Count > 1 ? (Other, 0, null) : (null, 0, null);
    }

    /// <summary>Whether a README outranks the one kept so far: higher score, or the same score and an earlier path.</summary>
    private static bool Ranks(LicenseFileMatch file, double score, LicenseFileMatch kept, double keptScore) =>
        score > keptScore || (score == keptScore && string.CompareOrdinal(file.Path, kept.Path) < 0);

    /// <summary>Licensee's <c>prioritize_lgpl</c>: a GPL first file yields the front to the first LGPL <c>COPYING.lesser</c>.</summary>
    private static void PrioritizeLesserGpl(List<LicenseFileMatch> ranked)
    {
        if (ranked.Count == 0 || !IsGpl(ranked[0].Key))
        {
            return;
        }

        int lesser = ranked.FindIndex(IsLesserGplFile);
        if (lesser > 0)
        {
            LicenseFileMatch file = ranked[lesser];
            ranked.RemoveAt(lesser);
            ranked.Insert(0, file);
        }
    }

    private static bool IsGpl(string? key) => key is "gpl-2.0" or "gpl-3.0";

    private static bool IsLesserGplFile(LicenseFileMatch file) =>
        LicenseFileNames.IsLesserGplName(file.Path) && file.Key is "lgpl-2.1" or "lgpl-3.0";

    /// <summary>Licensee's <c>copyright?</c>: a <c>COPYRIGHT</c> file the Copyright matcher matched.</summary>
    private static bool IsCopyrightNotice(LicenseFileMatch file) =>
        file.Matcher == "copyright" && LicenseFileNames.IsCopyrightName(file.Path);
}
