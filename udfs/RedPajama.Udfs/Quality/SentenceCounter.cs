namespace RedPajama.Udfs.Quality;

/// <summary>
/// Counts the non-overlapping matches of <c>\b[^.!?]+[.!?]*</c> (Python <c>re</c>, Unicode <c>\w</c>), RedPajama-V2's
/// sentence definition, with a scan: a match starts at a word boundary on a character other than <c>.!?</c>, runs
/// to the next <c>.!?</c> and takes the whole run of them.
/// </summary>
public static class SentenceCounter
{
    /// <summary>Counts sentences in <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The number of matches.</returns>
    public static int Count(ReadOnlySpan<char> text)
    {
        int count = 0;
        int position = 0;
        bool previousIsWord = false;
        while (position < text.Length)
        {
            int codePoint = PythonText.CodePointAt(text, position, out int width);
            bool isWord = PythonText.IsWordChar(codePoint);
            if (isWord != previousIsWord && !IsTerminal(codePoint))
            {
                count++;
                int end = position;
                while (end < text.Length && !IsTerminal(text[end]))
                {
                    end++;
                }

                while (end < text.Length && IsTerminal(text[end]))
                {
                    end++;
                }

                position = end;
                previousIsWord = false;
                if (end > 0)
                {
                    // The match ended on a terminal or at the end: the next boundary test looks at its last character.
                    previousIsWord = PythonText.IsWordChar(PythonText.CodePointBefore(text, end));
                }

                continue;
            }

            previousIsWord = isWord;
            position += width;
        }

        return count;
    }

    private static bool IsTerminal(int c) => c is '.' or '!' or '?';
}
