namespace RedPajama.Udfs.Code.Licenses;

/// <summary>
/// Licensee's word set of a normalised text, <c>scan(%r{(?:[\w/-](?:'s|(?&lt;=s)')?)+})</c>: maximal runs of ASCII
/// letters, digits, <c>_</c>, <c>/</c> and <c>-</c>, where a character may be followed by <c>'s</c>, and an <c>s</c> by
/// a bare <c>'</c> (possessives stay part of their word). Words are given as spans of the text.
/// </summary>
internal static class LicenseWords
{
    /// <summary>Calls <paramref name="visit"/> with each word's start and length, in order (repeats included).</summary>
    /// <typeparam name="TVisitor">The visitor.</typeparam>
    /// <param name="text">The normalised text.</param>
    /// <param name="visit">What to do with each word.</param>
    public static void Scan<TVisitor>(string text, ref TVisitor visit)
        where TVisitor : struct, IWordVisitor
    {
        int i = 0;
        int n = text.Length;
        while (i < n)
        {
            if (!IsWordCharacter(text[i]))
            {
                i++;
                continue;
            }

            int start = i;
            while (true)
            {
                char c = text[i++];
                if (i + 1 < n && text[i] == '\'' && text[i + 1] == 's')
                {
                    i += 2;
                }
                else if (c == 's' && i < n && text[i] == '\'')
                {
                    i++;
                }

                if (i >= n || !IsWordCharacter(text[i]))
                {
                    break;
                }
            }

            visit.Visit(text, start, i - start);
        }
    }

    /// <summary>The characters a word is made of: <c>[\w/-]</c> with Ruby's ASCII <c>\w</c>.</summary>
    /// <param name="c">The character.</param>
    /// <returns>Whether it belongs to a word.</returns>
    public static bool IsWordCharacter(char c) => RubyText.IsWord(c) || c is '/' or '-';
}
