using System.Globalization;
using System.Text;
using RedPajama.Udfs.Quality;

namespace RedPajama.Udfs.Text;

/// <summary>
/// The learned data of a Punkt sentence tokenizer (NLTK's <c>PunktParameters</c>): abbreviation types, collocations,
/// frequent sentence starters and each word type's orthographic contexts. Immutable, so one instance serves every
/// thread. <see cref="Load(string)"/> reads NLTK's <c>punkt_tab</c> layout (<c>tokenizers/punkt_tab/english</c>).
/// </summary>
public sealed class PunktParameters
{
    /// <summary>File of abbreviation types, one per line.</summary>
    public const string AbbreviationsFileName = "abbrev_types.txt";

    /// <summary>File of collocations, <c>first&lt;TAB&gt;second</c> per line.</summary>
    public const string CollocationsFileName = "collocations.tab";

    /// <summary>File of sentence starters, one per line.</summary>
    public const string SentenceStartersFileName = "sent_starters.txt";

    /// <summary>File of orthographic contexts, <c>type&lt;TAB&gt;flags</c> per line.</summary>
    public const string OrthographicContextsFileName = "ortho_context.tab";

    // Lookups take the probe's characters; a collocation is one key, its two types joined by a line feed (no type
    // taken from text holds one, as the text is cut into lines first).
    internal const char CollocationSeparator = '\n';

    /// <summary>Creates parameters from their parts.</summary>
    /// <param name="abbreviationTypes">Lower-case abbreviations without their final period (<c>dr</c>, <c>u.s</c>).</param>
    /// <param name="collocations">Type pairs across a period that is no sentence break (<c>(s, bach)</c>).</param>
    /// <param name="sentenceStarters">Lower-case types that often start a sentence.</param>
    /// <param name="orthographicContexts">Each type's orthographic-context flags; a repeated type keeps its last value.</param>
    public PunktParameters(
        IEnumerable<string> abbreviationTypes,
        IEnumerable<(string First, string Second)> collocations,
        IEnumerable<string> sentenceStarters,
        IEnumerable<KeyValuePair<string, int>> orthographicContexts)
    {
        ArgumentNullException.ThrowIfNull(abbreviationTypes);
        ArgumentNullException.ThrowIfNull(collocations);
        ArgumentNullException.ThrowIfNull(sentenceStarters);
        ArgumentNullException.ThrowIfNull(orthographicContexts);
        AbbreviationTypes = new WordSet(abbreviationTypes);
        Collocations = new WordSet(collocations.Select(pair => pair.First + CollocationSeparator + pair.Second));
        SentenceStarters = new WordSet(sentenceStarters);
        var contexts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach ((string type, int flags) in orthographicContexts)
        {
            contexts[type] = flags;
        }

        OrthographicContexts = new SpanIntMap(contexts);
    }

    /// <summary>Parameters that know nothing: every period-final word is a sentence break unless the context says otherwise.</summary>
    public static PunktParameters Empty { get; } = new([], [], [], []);

    /// <summary>Number of abbreviation types.</summary>
    public int AbbreviationCount => AbbreviationTypes.Count;

    /// <summary>Number of collocations.</summary>
    public int CollocationCount => Collocations.Count;

    /// <summary>Number of sentence starters.</summary>
    public int SentenceStarterCount => SentenceStarters.Count;

    /// <summary>Number of types with orthographic contexts.</summary>
    public int OrthographicContextCount => OrthographicContexts.Count;

    internal WordSet AbbreviationTypes { get; }

    internal WordSet Collocations { get; }

    internal WordSet SentenceStarters { get; }

    internal SpanIntMap OrthographicContexts { get; }

    /// <summary>
    /// Reads a model in NLTK's <c>punkt_tab</c> layout, as NLTK 3.9's <c>load_punkt_params</c> does: UTF-8 files read
    /// line by line (<c>\n</c>, <c>\r\n</c> or <c>\r</c> ends a line); every line of the two <c>.txt</c> files is a
    /// member, an empty one included.
    /// </summary>
    /// <param name="directory">The language's folder, e.g. <c>~/nltk_data/tokenizers/punkt_tab/english</c>.</param>
    /// <returns>The parameters.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">One of the four files is missing.</exception>
    /// <exception cref="InvalidDataException">A file is not UTF-8, or a <c>.tab</c> line is not two tab-separated fields (an integer second in <c>ortho_context.tab</c>).</exception>
    public static PunktParameters Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Punkt model folder not found: {directory}");
        }

        List<string> abbreviations = ReadLines(directory, AbbreviationsFileName);
        List<string> starters = ReadLines(directory, SentenceStartersFileName);

        var collocations = new List<(string, string)>();
        string collocationsPath = Path.Combine(directory, CollocationsFileName);
        List<string> collocationLines = ReadLines(directory, CollocationsFileName);
        for (int i = 0; i < collocationLines.Count; i++)
        {
            // NLTK keeps an empty line as a one-word tuple that never matches: skipping it changes nothing.
            if (collocationLines[i].Length > 0)
            {
                (string first, string second) = SplitPair(collocationLines[i], collocationsPath, i);
                collocations.Add((first, second));
            }
        }

        var contexts = new List<KeyValuePair<string, int>>();
        string contextsPath = Path.Combine(directory, OrthographicContextsFileName);
        List<string> contextLines = ReadLines(directory, OrthographicContextsFileName);
        for (int i = 0; i < contextLines.Count; i++)
        {
            (string type, string flags) = SplitPair(contextLines[i], contextsPath, i);
            if (!int.TryParse(flags, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
            {
                throw new InvalidDataException($"{contextsPath}, line {i + 1}: the flags '{flags}' are not an integer.");
            }

            contexts.Add(new KeyValuePair<string, int>(type, value));
        }

        return new PunktParameters(abbreviations, collocations, starters, contexts);
    }

    private static (string First, string Second) SplitPair(string line, string path, int index)
    {
        int tab = line.IndexOf('\t', StringComparison.Ordinal);
        if (tab < 0 || line.IndexOf('\t', tab + 1) >= 0)
        {
            throw new InvalidDataException($"{path}, line {index + 1}: expected two tab-separated fields, found '{line}'.");
        }

        return (line[..tab], line[(tab + 1)..]);
    }

    private static List<string> ReadLines(string directory, string fileName)
    {
        string path = Path.Combine(directory, fileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Punkt model file not found: {path}", path);
        }

        string text;
        try
        {
            // Strict, and a byte-order mark stays part of the first line, as Python's utf-8 codec reads it.
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(path));
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException($"{path} is not valid UTF-8.", e);
        }

        // Python's text mode: \n, \r\n and \r end a line; a final unterminated line counts, no empty line follows a final break.
        var lines = new List<string>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] is '\n' or '\r')
            {
                lines.Add(text[start..i]);
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }
}
