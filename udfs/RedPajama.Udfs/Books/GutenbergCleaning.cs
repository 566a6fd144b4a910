using RedPajama.Udfs.Text;

namespace RedPajama.Udfs.Books;

/// <summary>The outcome of cleaning one Gutenberg file: the book text and header metadata, or why it was dropped.</summary>
/// <param name="Text">The book's own text with LF line breaks; empty when dropped.</param>
/// <param name="Metadata">What the header says.</param>
/// <param name="Encoding">How the file's bytes were decoded.</param>
/// <param name="DropReason">Null when the book is kept; otherwise one of <see cref="BookDropReasons"/>.</param>
public sealed record GutenbergCleaning(string Text, GutenbergMetadata Metadata, TextEncodingKind Encoding, string? DropReason)
{
    /// <summary>True when the book is kept.</summary>
    public bool IsKept => DropReason is null;
}
