namespace RedPajama.Udfs.Books;

/// <summary>What a Project Gutenberg header says about its book. Every field is null when the header lacks it.</summary>
/// <param name="Title">The <c>Title:</c> line (continuation lines joined with a space), or the title of the
/// "Project Gutenberg EBook of X, by Y" opening line.</param>
/// <param name="Author">The <c>Author:</c> line, or Y of that opening line.</param>
/// <param name="Language">The code of the <c>Language:</c> line's (first) language (<c>English</c> gives <c>en</c>; see
/// <see cref="GutenbergLanguages"/>); null when the header names none the table knows.</param>
/// <param name="EbookNumber">The number of <c>[EBook #1342]</c> / <c>[Etext #4650]</c>.</param>
/// <param name="CharacterSet">The <c>Character set encoding:</c> line (for example <c>UTF-8</c>).</param>
public sealed record GutenbergMetadata(string? Title, string? Author, string? Language, string? EbookNumber, string? CharacterSet)
{
    /// <summary>A header with nothing in it.</summary>
    public static GutenbergMetadata None { get; } = new(null, null, null, null, null);

    /// <summary>The book's page, in the form PG-19 uses for its <c>url</c> field; null without an ebook number.</summary>
    public string? Url => EbookNumber is null ? null : "http://www.gutenberg.org/ebooks/" + EbookNumber;
}
