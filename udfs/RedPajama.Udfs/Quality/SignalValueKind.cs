namespace RedPajama.Udfs.Quality;

/// <summary>The type a signal's values have in output: a count or a fraction.</summary>
public enum SignalValueKind
{
    /// <summary>A whole number (64-bit integer column).</summary>
    Integer,

    /// <summary>A real number (double column), rounded to 8 decimals where upstream rounds.</summary>
    Float,
}
