namespace RedPajama.Udfs.Quality;

/// <summary>Properties of a distinct WordPunct token, computed once per document and token.</summary>
[Flags]
internal enum TokenShape : byte
{
    None = 0,

    /// <summary>Contains [a-zA-Z] (RedPajama-V2's alphabetic test).</summary>
    HasAsciiLetter = 1,

    /// <summary>Python <c>str.isupper()</c>.</summary>
    IsUpper = 2,

    /// <summary>Has a character outside datatrove's punctuation set (a Gopher word).</summary>
    HasNonPunctuation = 4,

    /// <summary>Has a character with <c>str.isalpha()</c>.</summary>
    HasAlpha = 8,
}
