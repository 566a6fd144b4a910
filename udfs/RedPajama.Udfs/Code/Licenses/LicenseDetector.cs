using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace RedPajama.Udfs.Code.Licenses;

/// <summary>
/// GitHub's licence detection for one file, re-expressed from licensee 9.15.2 (the library behind GitHub's licence API
/// and BigQuery's <c>github_repos.licenses</c>) over the choosealicense.com licence texts it vendors. A licence file is
/// matched by the Copyright matcher (the file is nothing but copyright lines: <c>no-license</c>), then Exact (its
/// normalised word set equals a licence's), then Dice (Sørensen–Dice similarity of the word sets, less a penalty for
/// the difference in normalised length, of at least 98); a README by the same on its licence section, then Reference
/// (a licence's title or SPDX URL named in the section). Load once (<see cref="Get"/> caches per directory); matching
/// is thread-safe and allocation-light: the licences' words are numbered once and a file's words are looked up by span.
/// </summary>
public sealed class LicenseDetector
{
    /// <summary>Licensee's <c>CONFIDENCE_THRESHOLD</c>: the least Dice similarity that counts as a match.</summary>
    public const double ConfidenceThreshold = 98;

    /// <summary>
    /// The most bytes of a file GitHub's licensee reads from a Git repository (<c>GitProject::MAX_LICENSE_SIZE</c>,
    /// 64 KiB); licensee reading a directory reads whole files. Callers that want GitHub's cut apply it to the bytes.
    /// </summary>
    public const int GitBlobLimit = 64 * 1024;

    private const string Other = "other";
    private const string NoLicense = "no-license";

    private static readonly ConcurrentDictionary<string, Lazy<LicenseDetector>> Cache = new(StringComparer.Ordinal);

    private readonly LicenseTemplate[] licenses;
    private readonly string[][] referenceWords;
    private readonly LicenseNormalizer normalizer;
    private readonly LicenseVocabulary vocabulary;
    private readonly Lazy<Regex[]> references;

    // Per licence, in key order.
    private readonly int[] lengths;
    private readonly int[] wordCounts;
    private readonly int[] fieldlessCounts;
    private readonly int[] fieldSetCounts;
    private readonly int[] lengthAllowances;

    // Per word: which licences have it (bit i of the masks = licence i), with and without the template fields.
    private readonly int maskWidth;
    private readonly ulong[] wordMasks;
    private readonly ulong[] fieldlessMasks;

    private LicenseDetector(LicenseTemplate[] licenses)
    {
        this.licenses = licenses;
        normalizer = new LicenseNormalizer(LicenseTitles.ContentTitle(licenses));
        vocabulary = new LicenseVocabulary();
        int count = licenses.Length;
        lengths = new int[count];
        wordCounts = new int[count];
        fieldlessCounts = new int[count];
        fieldSetCounts = new int[count];
        lengthAllowances = new int[count];
        var words = new int[count][];
        var fieldless = new HashSet<int>[count];
        for (int i = 0; i < count; i++)
        {
            string normalized = normalizer.Normalize(licenses[i].Body);
            lengths[i] = RubyText.CodePointLength(normalized);
            var collector = new WordCollector(vocabulary);
            LicenseWords.Scan(normalized, ref collector);
            words[i] = [.. collector.Ids];

            // Template fields left in the normalised text ([fullname], [project], …): their names leave the word set,
            // and their number (or the SPDX alternatives, if more) lets the length differ by four characters each.
            var fields = new List<string>();
            foreach (Match field in LicensePatterns.Field().Matches(normalized))
            {
                fields.Add(field.Groups[1].Value);
            }

            var fieldIds = new HashSet<int>();
            foreach (string field in fields)
            {
                int id = vocabulary.Find(field);
                if (id >= 0)
                {
                    fieldIds.Add(id);
                }
            }

            fieldless[i] = [.. collector.Ids];
            fieldless[i].ExceptWith(fieldIds);
            wordCounts[i] = collector.Ids.Count;
            fieldlessCounts[i] = fieldless[i].Count;
            fieldSetCounts[i] = fields.Distinct(StringComparer.Ordinal).Count();
            lengthAllowances[i] = Math.Max(fields.Count, licenses[i].AltSegments) * 4;
        }

        maskWidth = Math.Max(1, (count + 63) / 64);
        wordMasks = new ulong[vocabulary.Count * maskWidth];
        fieldlessMasks = new ulong[vocabulary.Count * maskWidth];
        for (int i = 0; i < count; i++)
        {
            ulong bit = 1UL << (i % 64);
            foreach (int id in words[i])
            {
                wordMasks[(id * maskWidth) + (i / 64)] |= bit;
            }

            foreach (int id in fieldless[i])
            {
                fieldlessMasks[(id * maskWidth) + (i / 64)] |= bit;
            }
        }

        referenceWords = Array.ConvertAll(licenses, LicenseTitles.ReferenceWords);
        references = new Lazy<Regex[]>(() => Array.ConvertAll(this.licenses, LicenseTitles.Reference), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The licence keys matched against, in licensee's (key) order.</summary>
    public IReadOnlyList<string> Keys => Array.ConvertAll(licenses, license => license.Key);

    /// <summary>
    /// Loads the licence texts of a directory: every <c>*.txt</c> in choosealicense.com's <c>_licenses</c> format (YAML
    /// front matter with <c>title</c>, <c>spdx-id</c>, <c>nickname</c>; the licence after it), the key being the file
    /// name, and <c>spdx-alt-segments.tsv</c> when present (key, SPDX id, number of SPDX alternative segments).
    /// </summary>
    /// <param name="directory">The directory, normally the repository's <c>models/licenses</c>.</param>
    /// <returns>The detector.</returns>
    public static LicenseDetector Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var altSegments = new Dictionary<string, int>(StringComparer.Ordinal);
        string altPath = Path.Combine(directory, "spdx-alt-segments.tsv");
        if (File.Exists(altPath))
        {
            foreach (string line in File.ReadLines(altPath))
            {
                string[] parts = line.Split('\t');
                if (parts.Length >= 3 && !line.StartsWith('#') && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int segments))
                {
                    altSegments[parts[0]] = segments;
                }
            }
        }

        var licenses = new List<LicenseTemplate>();
        foreach (string file in Directory.GetFiles(directory, "*.txt"))
        {
            string key = Path.GetFileNameWithoutExtension(file).ToLowerInvariant();
            if (key is Other or NoLicense)
            {
                continue;
            }

            (string? frontMatter, string body) = LicenseFrontMatter.Split(File.ReadAllText(file));
            Dictionary<string, string> fields = LicenseFrontMatter.Fields(frontMatter);
            licenses.Add(new LicenseTemplate
            {
                Key = key,
                Title = fields.GetValueOrDefault("title"),
                SpdxId = fields.GetValueOrDefault("spdx-id"),
                Nickname = fields.GetValueOrDefault("nickname"),
                Body = body,
                AltSegments = altSegments.GetValueOrDefault(key),
            });
        }

        if (licenses.Count == 0)
        {
            throw new FileNotFoundException("no licence texts (*.txt) in " + directory);
        }

        licenses.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new LicenseDetector([.. licenses]);
    }

    /// <summary>
    /// The detector of a directory, loaded once per full path and shared (for Spark workers); concurrent first calls
    /// load it once.
    /// </summary>
    /// <param name="directory">The directory of licence texts.</param>
    /// <returns>The shared detector.</returns>
    public static LicenseDetector Get(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        Lazy<LicenseDetector> detector = Cache.GetOrAdd(full, static path => new Lazy<LicenseDetector>(() => Load(path), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return detector.Value;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A directory that could not be read is tried again next time, not remembered as broken.
            Cache.TryRemove(new KeyValuePair<string, Lazy<LicenseDetector>>(full, detector));
            throw;
        }
    }

    /// <summary>
    /// Licensee's file-name score of a repository-root-relative path (<c>/</c>-separated): the licence-file score
    /// (1.0 <c>LICENSE</c>, 0.95 <c>LICENSE.md</c>, 0.9 <c>COPYING</c>, … 0.3 <c>PATENTS.txt</c>), else the README score
    /// (1.0 <c>README</c>, 0.9 <c>README.md</c>); 0 for any other file and for every file below the root, which
    /// licensee does not look at.
    /// </summary>
    /// <param name="path">The path.</param>
    /// <returns>The score.</returns>
    public static double CandidateScore(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Contains('/', StringComparison.Ordinal))
        {
            return 0;
        }

        double license = LicenseFileNames.LicenseScore(path);
        return license > 0 ? license : LicenseFileNames.ReadmeScore(path);
    }

    /// <summary>What licensee makes of a root-relative path: a licence file, a README, or nothing (also for every file below the root).</summary>
    /// <param name="path">The path.</param>
    /// <returns>The kind.</returns>
    public static LicenseCandidateKind CandidateKind(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Contains('/', StringComparison.Ordinal))
        {
            return LicenseCandidateKind.None;
        }

        return KindOfName(path);
    }

    /// <summary>The SPDX identifier of a key (<c>NOASSERTION</c> for <c>other</c>, <c>NONE</c> for <c>no-license</c>); null for an unknown key.</summary>
    /// <param name="key">The licence key.</param>
    /// <returns>The SPDX identifier.</returns>
    public string? SpdxId(string? key)
    {
        switch (key)
        {
            case null:
                return null;
            case Other:
                return "NOASSERTION";
            case NoLicense:
                return "NONE";
        }

        foreach (LicenseTemplate license in licenses)
        {
            if (license.Key == key)
            {
                return license.SpdxId;
            }
        }

        return null;
    }

    /// <summary>
    /// Licensee's <c>License#similarity</c> of every licence to a text (as <c>licensee detect</c> lists the closest
    /// licences): the Dice score the Dice matcher compares with <see cref="ConfidenceThreshold"/>, most similar first
    /// (among equal scores the later key first, as licensee's stable sort reversed gives them).
    /// </summary>
    /// <param name="text">The text (a licence file's, or a README's licence section).</param>
    /// <returns>Every licence key with its similarity, 0–100.</returns>
    public IReadOnlyList<(string Key, double Similarity)> Similarities(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string normalized = normalizer.Normalize(RubyText.UniversalNewline(text));
        FileWords words = ScanWords(normalized);
        int[] overlaps = words.Tally(fieldlessMasks, maskWidth);
        int fileWords = words.Known.Count + words.UnknownCount;
        int length = RubyText.CodePointLength(normalized);
        var similarities = new (string Key, double Similarity)[licenses.Length];
        for (int i = 0; i < licenses.Length; i++)
        {
            similarities[licenses.Length - 1 - i] = (licenses[i].Key, Similarity(i, overlaps[i], fileWords, length));
        }

        // Reversed key order first, then a stable sort by descending score: equal scores keep the later key first.
        return [.. similarities.OrderByDescending(entry => entry.Similarity)];
    }

    /// <summary>
    /// A README's licence section (<c>ReadmeFile.license_content</c>): after the first heading that is only
    /// <c>License</c> or <c>Licence</c> (<c>## License</c>, <c>= License:</c>, or underlined with <c>-</c>/<c>=</c>), up
    /// to the next heading (a line starting with <c>#</c> or <c>=</c>, or a line followed by a <c>-</c>/<c>=</c> line)
    /// or the end, stripped; null when there is no such heading. Line ends are left as they are.
    /// </summary>
    /// <param name="text">The README's text.</param>
    /// <returns>The section, or null.</returns>
    public static string? ReadmeLicenseSection(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains("licen", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        Match section = LicensePatterns.ReadmeLicenseSection().Match(text);
        return section.Success ? RubyText.Strip(section.Groups[1].Value) : null;
    }

    /// <summary>
    /// Licensee's <c>content_normalized</c> of a text (after turning its line ends into LF): what the Exact and Dice
    /// matchers compare. Its SHA-1 is licensee's <c>content_hash</c>.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The normalised text.</returns>
    public string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return normalizer.Normalize(RubyText.UniversalNewline(text));
    }

    /// <summary>
    /// Matches one candidate file the way licensee's <c>LicenseFile</c> (or, for a README name, <c>ReadmeFile</c> on
    /// the README's licence section) would. The file's kind comes from the last segment of the path; a name that is no
    /// candidate is matched as a licence file.
    /// </summary>
    /// <param name="path">The file's root-relative path.</param>
    /// <param name="text">The file's text (line ends as stored: licensee turns CR LF and CR into LF itself).</param>
    /// <returns>The answer.</returns>
    public LicenseFileMatch Match(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        string name = path[(path.LastIndexOf('/') + 1)..];
        if (KindOfName(name) != LicenseCandidateKind.Readme)
        {
            return MatchContent(path, RubyText.UniversalNewline(text), readme: false);
        }

        // The section is cut from the text as read (CR LF included), stripped, and only then gets LF line ends.
        string? section = ReadmeLicenseSection(text);
        return section is null
            ? new LicenseFileMatch(path, null, 0, null)
            : MatchContent(path, RubyText.UniversalNewline(section), readme: true);
    }

    /// <summary>
    /// <see cref="Match(string, string)"/> on a file's bytes, read as licensee reads them: UTF-8, invalid bytes dropped.
    /// </summary>
    /// <param name="path">The file's root-relative path.</param>
    /// <param name="content">The file's bytes.</param>
    /// <returns>The answer.</returns>
    public LicenseFileMatch Match(string path, ReadOnlySpan<byte> content) => Match(path, RubyText.DecodeUtf8(content));

    private static LicenseCandidateKind KindOfName(string name)
    {
        if (LicenseFileNames.LicenseScore(name) > 0)
        {
            return LicenseCandidateKind.License;
        }

        return LicenseFileNames.ReadmeScore(name) > 0 ? LicenseCandidateKind.Readme : LicenseCandidateKind.None;
    }

    private LicenseFileMatch MatchContent(string path, string content, bool readme)
    {
        string stripped = RubyText.Strip(content);
        if (LicensePatterns.CopyrightOnly().IsMatch(stripped))
        {
            return new LicenseFileMatch(path, NoLicense, 100, "copyright");
        }

        string normalized = normalizer.Normalize(content);
        FileWords words = ScanWords(normalized);
        int known = words.Known.Count;
        int fileWords = known + words.UnknownCount;

        if (words.UnknownCount == 0)
        {
            int[] sameWords = words.Tally(wordMasks, maskWidth);
            for (int i = 0; i < licenses.Length; i++)
            {
                if (wordCounts[i] == fileWords && sameWords[i] == fileWords)
                {
                    return new LicenseFileMatch(path, licenses[i].Key, 100, "exact");
                }
            }
        }

        int[] overlaps = words.Tally(fieldlessMasks, maskWidth);
        int length = RubyText.CodePointLength(normalized);
        bool creativeCommonsVariant = stripped.Contains("attribution-", StringComparison.OrdinalIgnoreCase)
            && LicensePatterns.CreativeCommonsFalsePositive().IsMatch(stripped);
        int best = -1;
        double bestSimilarity = 0;
        for (int i = 0; i < licenses.Length; i++)
        {
            if (creativeCommonsVariant && licenses[i].IsCreativeCommons)
            {
                continue;
            }

            double similarity = Similarity(i, overlaps[i], fileWords, length);

            // Licensee sorts by similarity (stably) and reverses: among equals the later key comes first.
            if (similarity >= ConfidenceThreshold && (best < 0 || similarity >= bestSimilarity))
            {
                best = i;
                bestSimilarity = similarity;
            }
        }

        if (best >= 0)
        {
            return new LicenseFileMatch(path, licenses[best].Key, bestSimilarity, "dice");
        }

        if (readme && FirstReference(content) is >= 0 and var reference)
        {
            return new LicenseFileMatch(path, licenses[reference].Key, 90, "reference");
        }

        return new LicenseFileMatch(path, Other, 0, null);
    }

    /// <summary>
    /// The Reference matcher: the first licence, in key order, whose title or SPDX URL the text names; −1 when none. A
    /// licence's pattern only runs when the lower-cased text has one of the words it cannot match without.
    /// </summary>
    private int FirstReference(string content)
    {
        string lower = RubyText.Downcase(content);
        Regex[] patterns = references.Value;
        for (int i = 0; i < licenses.Length; i++)
        {
            foreach (string word in referenceWords[i])
            {
                if (lower.Contains(word, StringComparison.Ordinal))
                {
                    if (patterns[i].IsMatch(content))
                    {
                        return i;
                    }

                    break;
                }
            }
        }

        return -1;
    }

    /// <summary>The distinct words of a normalised text, in this thread's scratch buffers.</summary>
    private FileWords ScanWords(string normalized)
    {
        FileWords words = FileWords.For(vocabulary.Count, licenses.Length);
        var counter = new WordCounter(vocabulary, words);
        LicenseWords.Scan(normalized, ref counter);
        return words;
    }

    /// <summary>
    /// <c>License#similarity(file)</c>: twice the shared words (the licence's without its field names) over the sum of
    /// both word counts (less the field names) plus a quarter of the length difference beyond the allowance.
    /// </summary>
    private double Similarity(int license, int overlap, int fileWords, int fileLength)
    {
        int delta = Math.Abs(lengths[license] - fileLength) - lengthAllowances[license];
        int adjusted = delta > 0 ? delta : 0;
        int total = fieldlessCounts[license] + fileWords - fieldSetCounts[license];
        return overlap * 200.0 / (total + (adjusted / 4));
    }

    /// <summary>Numbers the words of a licence text, adding them to the vocabulary.</summary>
    private readonly struct WordCollector(LicenseVocabulary vocabulary) : IWordVisitor
    {
        public HashSet<int> Ids { get; } = [];

        public void Visit(string text, int start, int length, int hash) => Ids.Add(vocabulary.Add(text.AsSpan(start, length)));
    }

    /// <summary>Collects a file's distinct words: numbers of known words, and the unknown ones as spans of the text.</summary>
    private readonly struct WordCounter(LicenseVocabulary vocabulary, FileWords scratch) : IWordVisitor
    {
        public void Visit(string text, int start, int length, int hash)
        {
            int id = vocabulary.Find(text.AsSpan(start, length), hash);
            if (id >= 0)
            {
                scratch.AddKnown(id);
            }
            else
            {
                scratch.AddUnknown(text, start, length, hash);
            }
        }
    }
}
