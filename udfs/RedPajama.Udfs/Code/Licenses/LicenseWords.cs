namespace RedPajama.Udfs.Code.Licenses;

/// <summary>
/// Licensee's word set of a normalised text, <c>scan(%r{(?:[\w/-](?:'s|(?&lt;=s)')?)+})</c>: maximal runs of ASCII
/// letters, digits, <c>_</c>, <c>/</c> and <c>-</c>, where a character may be followed by <c>'s</c>, and an <c>s</c> by
/// a bare <c>'</c> (possessives stay part of their word). Words are given as spans of the text.
/// </summary>
internal static class LicenseWords
{
    /// <summary>Calls <paramref name="visit"/> with each word's start, length and <see cref="LicenseVocabulary.Hash"/>, in order (repeats included).</summary>
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
            uint hash = LicenseVocabulary.HashSeed;
            while (true)
            {
                char c = text[i++];
                hash = LicenseVocabulary.HashStep(hash, c);
                if (i + 1 < n && text[i] == '\'' && text[i + 1] == 's')
                {
                    hash = LicenseVocabulary.HashStep(LicenseVocabulary.HashStep(hash, '\''), 's');
                    i += 2;
                }
                else if (c == 's' && i < n && text[i] == '\'')
                {
                    hash = LicenseVocabulary.HashStep(hash, '\'');
                    i++;
                }

                if (i >= n || !IsWordCharacter(text[i]))
                {
                    break;
                }
            }

            visit.Visit(text, start, i - start, LicenseVocabulary.HashFinish(hash));
        }
    }

    /// <summary>The characters a word is made of: <c>[\w/-]</c> with Ruby's ASCII <c>\w</c>.</summary>
    /// <param name="c">The character.</param>
    /// <returns>Whether it belongs to a word.</returns>
    public static bool IsWordCharacter(char c) => RubyText.IsWord(c) || c is '/' or '-';
}
