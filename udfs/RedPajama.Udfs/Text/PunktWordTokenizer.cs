using RedPajama.Udfs.Quality;

namespace RedPajama.Udfs.Text;

/// <summary>
/// Punkt's word splitter (NLTK's <c>PunktLanguageVars.word_tokenize</c> regex run with <c>findall</c> over one line),
/// as a scan. At each non-space position the first of three alternatives that matches gives the token: a multi-character
/// punctuation (<c>--</c>…, <c>..</c>…, <c>. . .</c>); a word, from a character that may start one up to the shortest
/// end where a word end follows; else one code point. Whitespace is Python's (<see cref="PythonText.IsSpace(char)"/>).
/// </summary>
internal static class PunktWordTokenizer
{
    /// <summary>
    /// Finds the next token of the line ending at <paramref name="lineEnd"/> (which holds no <c>\n</c>), from
    /// <paramref name="position"/>.
    /// </summary>
    /// <returns>False when only whitespace is left.</returns>
    public static bool Next(ReadOnlySpan<char> text, int lineEnd, ref int position, out int start, out int end)
    {
        int p = position;
        while (p < lineEnd && PythonText.IsSpace(text[p]))
        {
            p++;
        }

        if (p == lineEnd)
        {
            position = p;
            start = end = p;
            return false;
        }

        start = p;
        int multi = MultiCharLength(text, p, lineEnd);
        if (multi > 0)
        {
            end = p + multi;
        }
        else if (CanStartWord(text[p]))
        {
            // Lazy \S+?: the first position where a word end follows (whitespace always is one).
            int q = p + 1;
            while (!IsWordEnd(text, q, lineEnd))
            {
                q++;
            }

            end = q;
        }
        else
        {
            // One code point: a surrogate pair stays whole (Python strings are code points).
            end = p + 1 < lineEnd && char.IsHighSurrogate(text[p]) && char.IsLowSurrogate(text[p + 1]) ? p + 2 : p + 1;
        }

        position = end;
        return true;
    }

    /// <summary>NLTK's <c>_re_non_word_chars</c>: characters that cannot be inside a word.</summary>
    public static bool IsNonWord(char c) => c is ')' or '"' or ';' or '}' or ']' or '*' or ':' or '@' or '\'' or '(' or '{' or '[' or '?' or '!';

    // _re_word_start: every character but these may start a word.
    private static bool CanStartWord(char c) => c is not ('(' or '"' or '`' or '{' or '[' or ':' or ';' or '&' or '#' or '*' or '@' or ')' or '}' or ']' or '-' or ',');

    // The end lookahead: whitespace, end of line, a non-word character, multi-character punctuation, or a comma
    // followed by one of those.
    private static bool IsWordEnd(ReadOnlySpan<char> text, int q, int lineEnd)
    {
        if (q == lineEnd)
        {
            return true;
        }

        char c = text[q];
        if (PythonText.IsSpace(c) || IsNonWord(c) || StartsMultiChar(text, q, lineEnd))
        {
            return true;
        }

        if (c != ',')
        {
            return false;
        }

        int next = q + 1;
        return next == lineEnd || PythonText.IsSpace(text[next]) || IsNonWord(text[next]) || StartsMultiChar(text, next, lineEnd);
    }

    // Whether (?:\-{2,}|\.{2,}|(?:\.\s){2,}\.) matches at p: its shortest forms decide.
    private static bool StartsMultiChar(ReadOnlySpan<char> text, int p, int lineEnd)
    {
        if (p + 1 >= lineEnd)
        {
            return false;
        }

        char c = text[p];
        char d = text[p + 1];
        if (c == '-')
        {
            return d == '-';
        }

        if (c != '.')
        {
            return false;
        }

        return d == '.'
            || (PythonText.IsSpace(d) && p + 4 < lineEnd && text[p + 2] == '.' && PythonText.IsSpace(text[p + 3]) && text[p + 4] == '.');
    }

    // Length of the multi-character punctuation at p (0 for none), as the alternation matches it.
    private static int MultiCharLength(ReadOnlySpan<char> text, int p, int lineEnd)
    {
        if (p + 1 >= lineEnd)
        {
            return 0;
        }

        char c = text[p];
        if ((c == '-' || c == '.') && text[p + 1] == c)
        {
            int q = p + 2;
            while (q < lineEnd && text[q] == c)
            {
                q++;
            }

            return q - p;
        }

        if (c != '.')
        {
            return 0;
        }

        // (?:\.\s){2,}\. : as many ". " pairs as there are, then a period; else one pair fewer, whose period follows.
        int pairs = 0;
        int j = p;
        while (j + 1 < lineEnd && text[j] == '.' && PythonText.IsSpace(text[j + 1]))
        {
            pairs++;
            j += 2;
        }

        if (pairs >= 2 && j < lineEnd && text[j] == '.')
        {
            return j + 1 - p;
        }

        return pairs >= 3 ? j - 1 - p : 0;
    }
}
