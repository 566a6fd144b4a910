namespace RedPajama.Udfs.Text;

/// <summary>One word of a Punkt context (NLTK's <c>PunktToken</c>): where it is, and the annotations the passes give it.</summary>
internal struct PunktToken
{
    public PunktToken(int start, int end)
    {
        Start = start;
        End = end;
    }

    /// <summary>Start of the token in the context.</summary>
    public int Start { get; }

    /// <summary>End of the token (exclusive).</summary>
    public int End { get; }

    /// <summary>Whether the token ends a sentence.</summary>
    public bool SentenceBreak { get; set; }

    /// <summary>Whether the token is an abbreviation.</summary>
    public bool Abbreviation { get; set; }

    /// <summary>Whether the token is an ellipsis (two or more periods).</summary>
    public bool Ellipsis { get; set; }

    /// <summary>The token's characters.</summary>
    public readonly ReadOnlySpan<char> Text(ReadOnlySpan<char> context) => context[Start..End];

    /// <summary>NLTK's <c>period_final</c>: the token ends with a period.</summary>
    public readonly bool PeriodFinal(ReadOnlySpan<char> context) => context[End - 1] == '.';
}
