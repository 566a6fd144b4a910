using RedPajama.Documents;

namespace RedPajama.Sources.Books;

/// <summary>
/// The books <c>meta</c> record: the union of the layouts the books source reads. RedPajama's
/// <c>data_prep/book/dedup.py</c> keeps "every input field except text", so a PG-19 row has
/// <c>short_book_title</c>, <c>publication_date</c>, <c>url</c>; a Books3 row has <c>title</c>; a raw Gutenberg
/// file has what its header says (<c>title</c>, <c>author</c>, <c>language</c>, <c>url</c>). JSON output writes
/// only the non-null fields, in this order, so PG-19 and Books3 records come out shaped as RedPajama's.
/// </summary>
public static class BookMeta
{
    /// <summary>PG-19: the short title.</summary>
    public const string ShortBookTitle = "short_book_title";

    /// <summary>PG-19: the publication year.</summary>
    public const string PublicationDate = "publication_date";

    /// <summary>PG-19 and Gutenberg: the book's gutenberg.org page.</summary>
    public const string Url = "url";

    /// <summary>Books3 and Gutenberg: the title.</summary>
    public const string Title = "title";

    /// <summary>Gutenberg: the header's <c>Author:</c> line.</summary>
    public const string Author = "author";

    /// <summary>Gutenberg: the code of the header's <c>Language:</c> line (<c>English</c> gives <c>en</c>).</summary>
    public const string Language = "language";

    /// <summary>The schema, in JSON key order.</summary>
    public static MetaSchema Schema { get; } = new(
        new MetaField(ShortBookTitle, MetaType.Text),
        new MetaField(PublicationDate, MetaType.Integer),
        new MetaField(Url, MetaType.Text),
        new MetaField(Title, MetaType.Text),
        new MetaField(Author, MetaType.Text),
        new MetaField(Language, MetaType.Text));
}
