namespace RedPajama.Udfs.Quality;

/// <summary>Whether a signal has one value per document or one per line.</summary>
public enum SignalLevel
{
    /// <summary>One value for the whole document.</summary>
    Document,

    /// <summary>One <c>(start, end, value)</c> span per line, offsets in code points as RedPajama-V2 writes them.</summary>
    Line,
}
