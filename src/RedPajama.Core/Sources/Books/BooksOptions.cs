using RedPajama.Reading;

namespace RedPajama.Sources.Books;

/// <summary>Settings of the books pipeline (the <c>books:</c> section of the YAML config).</summary>
public sealed record BooksOptions
{
    /// <summary>Drop .txt files without a Project Gutenberg START marker (true) or keep their whole text (false).</summary>
    public bool RequireGutenbergMarkers { get; init; } = true;

    /// <summary>Remove exact duplicates by content hash.</summary>
    public bool ExactDedup { get; init; } = true;

    /// <summary>Size limits for books and JSON lines.</summary>
    public ReadLimits Limits { get; init; } = ReadLimits.Default;
}
