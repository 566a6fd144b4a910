namespace RedPajama.Cli;

/// <summary>What <c>redpajama tokenize</c> prints per token, as <c>spm_encode --output_format</c>.</summary>
public enum TokenizeOutputFormat
{
    /// <summary>Piece ids.</summary>
    Id,

    /// <summary>Piece strings (U+2581 for whitespace, <c>&lt;0xNN&gt;</c> for fallback bytes).</summary>
    Piece,
}
