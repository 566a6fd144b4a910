namespace RedPajama.Udfs.Text;

/// <summary>Line-ending normalisation: every CRLF and lone CR becomes LF.</summary>
public static class LineEndings
{
    /// <summary>Returns <paramref name="text"/> with only <c>\n</c> line breaks; the same instance when it has no CR.</summary>
    /// <param name="text">Any text.</param>
    /// <returns>The normalised text.</returns>
    public static string ToLf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int firstCr = text.IndexOf('\r', StringComparison.Ordinal);
        if (firstCr < 0)
        {
            return text;
        }

        return string.Create(CountAfterNormalising(text, firstCr), (text, firstCr), static (destination, state) =>
        {
            (string source, int start) = state;
            source.AsSpan(0, start).CopyTo(destination);
            int written = start;
            for (int i = start; i < source.Length; i++)
            {
                char c = source[i];
                if (c == '\r')
                {
                    destination[written++] = '\n';
                    if (i + 1 < source.Length && source[i + 1] == '\n')
                    {
                        i++;
                    }
                }
                else
                {
                    destination[written++] = c;
                }
            }
        });
    }

    private static int CountAfterNormalising(string text, int firstCr)
    {
        int length = text.Length;
        for (int i = firstCr; i < text.Length - 1; i++)
        {
            if (text[i] == '\r' && text[i + 1] == '\n')
            {
                length--;
            }
        }

        return length;
    }
}
