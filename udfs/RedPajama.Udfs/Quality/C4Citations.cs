namespace RedPajama.Udfs.Quality;

/// <summary>C4's citation markers, removed from a line before it is judged (TFDS <c>c4_utils</c> and datatrove alike).</summary>
internal static class C4Citations
{
    /// <summary><c>re.sub(r"\[\d*]|\[edit]|\[citation needed]", "", line)</c>.</summary>
    public static void Remove(ReadOnlySpan<char> line, CharBuffer output)
    {
        int i = 0;
        while (i < line.Length)
        {
            if (line[i] == '[')
            {
                int j = i + 1;
                while (j < line.Length)
                {
                    int codePoint = PythonText.CodePointAt(line, j, out int width);
                    if (!PythonText.IsDecimalDigit(codePoint))
                    {
                        break;
                    }

                    j += width;
                }

                if (j < line.Length && line[j] == ']')
                {
                    i = j + 1;
                    continue;
                }

                ReadOnlySpan<char> rest = line[i..];
                if (rest.StartsWith("[edit]", StringComparison.Ordinal))
                {
                    i += 6;
                    continue;
                }

                if (rest.StartsWith("[citation needed]", StringComparison.Ordinal))
                {
                    i += 17;
                    continue;
                }
            }

            output.Append(line[i]);
            i++;
        }
    }
}
