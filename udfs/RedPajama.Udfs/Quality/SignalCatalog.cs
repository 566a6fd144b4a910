using System.Collections.ObjectModel;

namespace RedPajama.Udfs.Quality;

/// <summary>
/// Every quality signal this project computes, in output order: document signals first, then line signals. The
/// computation code addresses values by the index constants below, so adding a signal means adding it here.
/// </summary>
public static class SignalCatalog
{
    private const string RpV2 = "RedPajama-V2 app/src/core/quality_signals/";
    private const string Gopher = "datatrove gopher_quality_filter.py / gopher_repetition_filter.py (Gopher Table A1); words are WordPunct tokens";
    private const string C4 = "datatrove c4_filters.py C4QualityFilter/C4BadWordsFilter defaults";
    private const string Rp1 = "RedPajama-1T data_prep/github/github_clean_dedup_local.py get_filecontent_stats";

    // Document signals, by index into QualitySignalValues.Document.
    internal const int CurlyBracket = 0;
    internal const int LoremIpsum = 1;
    internal const int LdnoobwWords = 2;
    internal const int StopWordFraction = 3;
    internal const int NumSentences = 4;
    internal const int WordCount = 5;
    internal const int MeanWordLength = 6;
    internal const int SymbolToWordRatio = 7;
    internal const int FracLinesEndWithEllipsis = 8;
    internal const int FracNoAlphWords = 9;
    internal const int FracUniqueWords = 10;
    internal const int UnigramEntropy = 11;
    internal const int FracAllCapsWords = 12;
    internal const int FracCharsTop2Gram = 13; // 2..4 follow
    internal const int FracCharsDupe5Grams = 16; // 5..10 follow
    internal const int GopherWordCount = 22;
    internal const int GopherMeanWordLength = 23;
    internal const int GopherHashToWordRatio = 24;
    internal const int GopherEllipsisToWordRatio = 25;
    internal const int GopherFracLinesStartWithBullet = 26;
    internal const int GopherFracLinesEndWithEllipsis = 27;
    internal const int GopherFracWordsWithAlpha = 28;
    internal const int GopherStopWordCount = 29;
    internal const int GopherDupParaFrac = 30;
    internal const int GopherDupParaCharFrac = 31;
    internal const int GopherDupLineFrac = 32;
    internal const int GopherDupLineCharFrac = 33;
    internal const int GopherTop2GramCharFrac = 34; // 2..4 follow
    internal const int GopherDup5GramCharFrac = 37; // 5..10 follow
    internal const int C4NumSentences = 43;
    internal const int C4LoremIpsum = 44;
    internal const int C4CurlyBracket = 45;
    internal const int C4BadWords = 46;
    internal const int CodeMaxLineLength = 47;
    internal const int CodeAvgLineLength = 48;
    internal const int CodeAlnumProp = 49;

    // Line signals, by index into QualitySignalValues.Lines.
    internal const int LinesJavascriptCounts = 0;
    internal const int LinesEndingWithTerminalPunctuation = 1;
    internal const int LinesNumWords = 2;
    internal const int LinesUppercaseLetterFraction = 3;
    internal const int LinesNumericalCharsFraction = 4;
    internal const int LinesStartWithBulletpoint = 5;
    internal const int C4LinesKept = 6;

    private static readonly SignalDefinition[] s_document = BuildDocumentSignals();
    private static readonly SignalDefinition[] s_lines = BuildLineSignals();
    private static readonly Dictionary<string, SignalDefinition> s_byName =
        s_document.Concat(s_lines).ToDictionary(d => d.Name, StringComparer.Ordinal);

    /// <summary>The document signals, in output order.</summary>
    public static ReadOnlyCollection<SignalDefinition> DocumentSignals { get; } = new(s_document);

    /// <summary>The line signals, in output order.</summary>
    public static ReadOnlyCollection<SignalDefinition> LineSignals { get; } = new(s_lines);

    /// <summary>Looks a signal up by name.</summary>
    /// <param name="name">A signal name.</param>
    /// <param name="definition">The definition, when known.</param>
    /// <returns>Whether the name is a signal.</returns>
    public static bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SignalDefinition? definition) =>
        s_byName.TryGetValue(name, out definition);

    /// <summary>Index of a document signal in <see cref="DocumentSignals"/>, or -1.</summary>
    /// <param name="name">A signal name.</param>
    /// <returns>The index or -1.</returns>
    public static int DocumentIndex(string name) => Array.FindIndex(s_document, d => d.Name == name);

    /// <summary>Index of a line signal in <see cref="LineSignals"/>, or -1.</summary>
    /// <param name="name">A signal name.</param>
    /// <returns>The index or -1.</returns>
    public static int LineIndex(string name) => Array.FindIndex(s_lines, d => d.Name == name);

    private static SignalDefinition[] BuildDocumentSignals()
    {
        const SignalFamily R = SignalFamily.RedPajamaV2;
        const SignalFamily G = SignalFamily.Gopher;
        const SignalFamily C = SignalFamily.C4;
        const SignalFamily P = SignalFamily.RedPajama1Code;
        const SignalValueKind I = SignalValueKind.Integer;
        const SignalValueKind F = SignalValueKind.Float;
        var list = new List<SignalDefinition>
        {
            Doc("rps_doc_curly_bracket", R, F, "count of '{' and '}' / code points of the raw text; 0 for empty text (content.py RPS_Doc_Curly_Bracket)"),
            Doc("rps_doc_lorem_ipsum", R, F, "occurrences of 'lorem ipsum' / code points of the normalized text; 0 when empty (content.py RPS_Doc_Lorem_Ipsum)"),
            Doc("rps_doc_ldnoobw_words", R, I, "normalized word n-grams that are LDNOOBW entries, n = entry word counts (content.py RPS_Doc_LDNOOBW_Words)", LanguageResourceKind.BadWords),
            Doc("rps_doc_stop_word_fraction", R, F, "raw words in the language's stop-word list / raw words; 0 without normalized words (content.py RPS_Doc_Stop_Word_Fraction)", LanguageResourceKind.StopWords),
            Doc("rps_doc_num_sentences", R, I, "matches of \\b[^.!?]+[.!?]* in the raw text (natural_language.py RPS_Doc_Num_Sentences)"),
            Doc("rps_doc_word_count", R, I, "normalized words (natural_language.py RPS_Doc_Word_Count)"),
            Doc("rps_doc_mean_word_length", R, F, "mean code points per normalized word; null without words (natural_language.py RPS_Doc_Mean_Word_Length)"),
            Doc("rps_doc_symbol_to_word_ratio", R, F, "count of '#', '...' and '…' / raw words; null without words (natural_language.py RPS_Doc_Symbol_To_Word_Ratio)"),
            Doc("rps_doc_frac_lines_end_with_ellipsis", R, F, "lines whose rstrip() ends with '...' or '…' / lines; null without lines (natural_language.py)"),
            Doc("rps_doc_frac_no_alph_words", R, F, "1 - raw words containing [a-zA-Z] / raw words; null without words (natural_language.py)"),
            Doc("rps_doc_frac_unique_words", R, F, "distinct normalized words / normalized words; null without words (natural_language.py)"),
            Doc("rps_doc_unigram_entropy", R, F, "sum of -c/N ln(c/N) over normalized word counts; null without words (natural_language.py)"),
            Doc("rps_doc_frac_all_caps_words", R, F, "raw words with str.isupper() / raw words; null without words (natural_language.py)"),
        };
        for (int n = 2; n <= 4; n++)
        {
            list.Add(Doc($"rps_doc_frac_chars_top_{n}gram", R, F, $"code points of the most frequent normalized word {n}-gram (first seen wins ties) x its count / code points of all words; 0 when it occurs once (repetitions.py)"));
        }

        for (int n = 5; n <= 10; n++)
        {
            list.Add(Doc($"rps_doc_frac_chars_dupe_{n}grams", R, F, $"code points of words covered by a normalized word {n}-gram occurring twice or more, each word once / code points of all words (repetitions.py)"));
        }

        list.AddRange(
        [
            Doc("gopher_word_count", G, I, "words with a character outside datatrove's PUNCTUATION_SET (" + Gopher + ")"),
            Doc("gopher_mean_word_length", G, F, "mean code points of those words; null without them"),
            Doc("gopher_hash_to_word_ratio", G, F, "count of '#' / words; null without words"),
            Doc("gopher_ellipsis_to_word_ratio", G, F, "count of '...' and '…' / words; null without words"),
            Doc("gopher_frac_lines_start_with_bullet", G, F, "splitlines() lines whose lstrip() starts with '•' or '-' / lines; null without lines"),
            Doc("gopher_frac_lines_end_with_ellipsis", G, F, "splitlines() lines whose rstrip() ends with '...' or '…' / lines; null without lines"),
            Doc("gopher_frac_words_with_alpha", G, F, "words with an alphabetic character / words; null without words"),
            Doc("gopher_stop_word_count", G, I, "distinct words of {the, be, to, of, and, that, have, with} present"),
            Doc("gopher_dup_para_frac", G, F, "paragraphs (strip(), split on \\n{2,}) seen before / paragraphs"),
            Doc("gopher_dup_para_char_frac", G, F, "code points of paragraphs seen before / code points of the text; null for empty text"),
            Doc("gopher_dup_line_frac", G, F, "lines (split on \\n+) seen before / lines"),
            Doc("gopher_dup_line_char_frac", G, F, "code points of lines seen before / code points of the text; null for empty text"),
        ]);
        for (int n = 2; n <= 4; n++)
        {
            list.Add(Doc($"gopher_top_{n}gram_char_frac", G, F, $"len(' '.join(top {n}-gram)) x its count / code points of the text (find_top_duplicate); 0 without {n}-grams"));
        }

        for (int n = 5; n <= 10; n++)
        {
            list.Add(Doc($"gopher_dup_{n}gram_char_frac", G, F, $"code points of repeated {n}-grams, joined without spaces, skipping past each repeat / code points of the text (find_all_duplicate)"));
        }

        list.AddRange(
        [
            Doc("c4_num_sentences", C, I, "sentences (\\b[^.!?]+[.!?]*) in the lines C4 keeps (" + C4 + ")"),
            Doc("c4_lorem_ipsum", C, I, "1 when a line that passed the punctuation and word-count rules contains 'lorem ipsum' (drops the page)"),
            Doc("c4_curly_bracket", C, I, "1 when such a line contains '{' (drops the page)"),
            Doc("c4_badwords", C, I, "1 when the lower-cased text matches (?:\\W|^)(bad words)(?:\\W|$) (C4BadWordsFilter)", LanguageResourceKind.BadWords),
            Doc("rp1_code_max_line_length", P, I, "code points of the longest splitlines() line; 0 without lines (" + Rp1 + ")"),
            Doc("rp1_code_avg_line_length", P, F, "code points of the text / splitlines() lines, not rounded; 0 without lines"),
            Doc("rp1_code_alnum_prop", P, F, "characters with str.isalnum() / code points of the text, not rounded; 0 without lines"),
        ]);
        return [.. list];

        static SignalDefinition Doc(string name, SignalFamily family, SignalValueKind kind, string definition, LanguageResourceKind needs = LanguageResourceKind.None) =>
            new(name, family, SignalLevel.Document, kind, definition, needs);
    }

    private static SignalDefinition[] BuildLineSignals()
    {
        const SignalFamily R = SignalFamily.RedPajamaV2;
        return
        [
            Line("rps_lines_javascript_counts", R, SignalValueKind.Float, "words of the normalized line equal to 'javascript' (lines.py)"),
            Line("rps_lines_ending_with_terminal_punctution_mark", R, SignalValueKind.Float, "1 when the raw line's rstrip() ends with . ! ? or ” (lines.py; upstream spelling)"),
            Line("rps_lines_num_words", R, SignalValueKind.Integer, "words of the normalized line (lines.py)"),
            Line("rps_lines_uppercase_letter_fraction", R, SignalValueKind.Float, "upper-case characters / code points of the raw line with its \\n (lines.py)"),
            Line("rps_lines_numerical_chars_fraction", R, SignalValueKind.Float, "str.isnumeric() characters / code points of the normalized line; 0 when empty (lines.py)"),
            Line("rps_lines_start_with_bulletpoint", R, SignalValueKind.Float, "1 when the raw line's lstrip() starts with • ‣ ▶ ◀ ◦ ■ □ ▪ ▫ or –; one null span for an empty text (lines.py)"),
            Line("c4_lines_kept", SignalFamily.C4, SignalValueKind.Float, "1 when C4 keeps the splitlines() line; spans include the line break (" + C4 + ")"),
        ];

        static SignalDefinition Line(string name, SignalFamily family, SignalValueKind kind, string definition) =>
            new(name, family, SignalLevel.Line, kind, definition);
    }
}
