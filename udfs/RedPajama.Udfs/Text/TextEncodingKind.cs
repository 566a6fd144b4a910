namespace RedPajama.Udfs.Text;

/// <summary>How the bytes of a text file were decoded.</summary>
public enum TextEncodingKind
{
    /// <summary>Valid UTF-8 without a byte-order mark (plain ASCII included).</summary>
    Utf8,

    /// <summary>UTF-8 with a leading byte-order mark, which is removed.</summary>
    Utf8WithBom,

    /// <summary>Declared UTF-8 but not valid: invalid sequences became U+FFFD.</summary>
    Utf8WithReplacements,

    /// <summary>UTF-16 with a byte-order mark (either byte order).</summary>
    Utf16,

    /// <summary>Not UTF-8: decoded as Windows-1252, the superset of Latin-1 that old Gutenberg files really use.</summary>
    Windows1252,
}
