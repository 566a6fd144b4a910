using RedPajama.Udfs.Quality;
using RedPajama.Udfs.Text;

namespace RedPajama.Udfs.C4;

/// <summary>
/// TFDS C4's <c>clean_page</c> (<c>tensorflow_datasets/text/c4_utils.py</c>), rule for rule and in its order. Each of
/// <c>text.splitlines()</c>, stripped: a line with a word (whitespace token) over 1000 code points goes; citation markers
/// are removed; the line goes unless it ends in <c>. ? ! "</c> and not in <c>...</c>; it goes with fewer than 5 words;
/// <c>lorem ipsum</c> drops the page; a line mentioning <c>javascript</c> goes; <c>{</c> drops the page; policy lines
/// go; a bad word drops the page; otherwise the line is kept and its Punkt sentences counted. A page with fewer than 3
/// sentences is dropped; the rest is the kept lines joined by <c>\n</c>, stripped. Thread-safe.
/// </summary>
public sealed class TfdsPageCleaner
{
    /// <summary>Upstream's minimum words per line (<c>_MIN_WORDS_PER_LINE</c>).</summary>
    public const int DefaultMinWordsPerLine = 5;

    /// <summary>Upstream's minimum sentences per page (<c>_MIN_NUM_SENTENCES</c>).</summary>
    public const int DefaultMinSentences = 3;

    /// <summary>Upstream's maximum word length in code points (<c>_MAX_WORD_LENGTH</c>).</summary>
    public const int DefaultMaxWordLength = 1000;

    private static readonly string[] s_policy =
        ["terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies"];

    [ThreadStatic]
    private static Scratch? t_scratch;

    private readonly PunktSentenceTokenizer _sentences;
    private readonly TfdsBadWords? _badWords;

    /// <summary>Creates the cleaner.</summary>
    /// <param name="sentences">The sentence tokenizer (upstream: NLTK Punkt <c>english.pickle</c>).</param>
    /// <param name="badWords">The bad-words rule, or null to skip it (upstream's <c>badwords=None</c>).</param>
    public TfdsPageCleaner(PunktSentenceTokenizer sentences, TfdsBadWords? badWords)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        _sentences = sentences;
        _badWords = badWords;
    }

    /// <summary>Lines with fewer words go.</summary>
    public int MinWordsPerLine { get; init; } = DefaultMinWordsPerLine;

    /// <summary>Pages with fewer sentences go.</summary>
    public int MinSentences { get; init; } = DefaultMinSentences;

    /// <summary>Lines with a longer word go.</summary>
    public int MaxWordLength { get; init; } = DefaultMaxWordLength;

    /// <summary>The sentence tokenizer, also used to recount a page after line dedup.</summary>
    public PunktSentenceTokenizer Sentences => _sentences;

    /// <summary>Cleans one page.</summary>
    /// <param name="text">The page text.</param>
    /// <returns>The cleaned text or the reason the page goes.</returns>
    public TfdsCleanedPage Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Scratch scratch = t_scratch ??= new Scratch();
        scratch.Kept.Clear();
        int tooLongWord = 0, noEndMark = 0, tooShort = 0, javascript = 0, policy = 0, valid = 0;
        int sentences = 0;
        ReadOnlySpan<char> all = text;
        int start = 0;
        while (start < all.Length)
        {
            int end = PythonText.LineEnd(all, start, out int next);
            ReadOnlySpan<char> line = PythonText.Strip(all[start..end]);
            start = next;
            if (HasTooLongWord(line))
            {
                tooLongWord++;
                continue;
            }

            if (line.Contains('['))
            {
                scratch.Line.Clear();
                C4Citations.Remove(line, scratch.Line);
                line = scratch.Line.Span;
            }

            if (line.Length == 0 || line[^1] is not ('.' or '?' or '!' or '"') || line.EndsWith("...", StringComparison.Ordinal))
            {
                noEndMark++;
                continue;
            }

            if (CountWords(line) < MinWordsPerLine)
            {
                tooShort++;
                continue;
            }

            scratch.Lowered.Clear();
            PythonText.AppendLower(line, scratch.Lowered);
            ReadOnlySpan<char> lowered = scratch.Lowered.Span;
            var counts = new TfdsLineCounts(tooLongWord, noEndMark, tooShort, javascript, policy, valid);
            if (lowered.Contains("lorem ipsum", StringComparison.Ordinal))
            {
                return new TfdsCleanedPage(null, TfdsDropReasons.LoremIpsum, sentences, counts);
            }

            if (lowered.Contains("javascript", StringComparison.Ordinal))
            {
                javascript++;
                continue;
            }

            if (line.Contains('{'))
            {
                return new TfdsCleanedPage(null, TfdsDropReasons.CurlyBracket, sentences, counts);
            }

            if (ContainsPolicy(lowered))
            {
                policy++;
                continue;
            }

            if (_badWords is not null && _badWords.Matches(lowered))
            {
                return new TfdsCleanedPage(null, TfdsDropReasons.BadWord, sentences, counts);
            }

            string kept = line.ToString();
            sentences += _sentences.CountSentences(kept);
            scratch.Kept.Add(kept);
            valid++;
        }

        var lines = new TfdsLineCounts(tooLongWord, noEndMark, tooShort, javascript, policy, valid);
        if (sentences < MinSentences)
        {
            return new TfdsCleanedPage(null, TfdsDropReasons.TooFewSentences, sentences, lines);
        }

        // Citation removal can leave a kept line with outer spaces: the joined text is stripped, as upstream does.
        string joined = string.Join('\n', scratch.Kept);
        ReadOnlySpan<char> stripped = PythonText.Strip(joined);
        string cleaned = stripped.Length == joined.Length ? joined : stripped.ToString();
        scratch.Kept.Clear();
        return new TfdsCleanedPage(cleaned, null, sentences, lines);
    }

    private static bool ContainsPolicy(ReadOnlySpan<char> lowered)
    {
        foreach (string phrase in s_policy)
        {
            if (lowered.Contains(phrase, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private bool HasTooLongWord(ReadOnlySpan<char> line)
    {
        // Only a line with more UTF-16 units than the limit can hold a word longer than it in code points.
        if (line.Length <= MaxWordLength)
        {
            return false;
        }

        int length = 0;
        for (int i = 0; i < line.Length;)
        {
            if (PythonText.IsSpace(line[i]))
            {
                length = 0;
                i++;
                continue;
            }

            PythonText.CodePointAt(line, i, out int width);
            i += width;
            if (++length > MaxWordLength)
            {
                return true;
            }
        }

        return false;
    }

    private static int CountWords(ReadOnlySpan<char> line)
    {
        int words = 0;
        bool inWord = false;
        foreach (char c in line)
        {
            bool space = PythonText.IsSpace(c);
            words += !space && !inWord ? 1 : 0;
            inWord = !space;
        }

        return words;
    }

    private sealed class Scratch
    {
        public CharBuffer Line { get; } = new();

        public CharBuffer Lowered { get; } = new();

        public List<string> Kept { get; } = [];
    }
}
