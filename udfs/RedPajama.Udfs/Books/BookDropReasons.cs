namespace RedPajama.Udfs.Books;

/// <summary>Why a book file produced no document. The strings are the <c>drop_reason</c> values in statistics.</summary>
public static class BookDropReasons
{
    /// <summary>The file has zero bytes.</summary>
    public const string EmptyFile = "empty_file";

    /// <summary>The file holds NUL bytes or mostly control bytes: not a text file.</summary>
    public const string Binary = "binary";

    /// <summary>No Project Gutenberg START marker, so header and licence cannot be told from the book.</summary>
    public const string NotGutenberg = "not_gutenberg";

    /// <summary>Nothing but whitespace is left once the boilerplate is removed.</summary>
    public const string Empty = "empty";
}
