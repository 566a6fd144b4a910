namespace RedPajama.Sources.Books;

/// <summary>The <c>books:</c> section of the run configuration.</summary>
public sealed class BooksConfig
{
    /// <summary>Drop .txt files without a Project Gutenberg START marker (true) or keep them whole (false).</summary>
    public bool RequireGutenbergMarkers { get; set; } = true;

    /// <summary>Remove exact duplicate books.</summary>
    public bool ExactDedup { get; set; } = true;

    /// <summary>Largest book file read, in MiB; larger ones are dropped as <c>too_large</c>.</summary>
    public long MaxBookMb { get; set; } = 256;
}
