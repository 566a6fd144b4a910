namespace RedPajama.Udfs.Quality;

/// <summary>Which signal families to compute and the parameters of C4's line rules.</summary>
/// <param name="Families">The families; the others stay null.</param>
/// <param name="C4MinWordsPerLine">C4 keeps lines with at least this many words (datatrove and the C4 paper: 3; TFDS: 5).</param>
/// <param name="C4MaxWordLength">C4 drops lines with a longer word (1000 code points).</param>
public sealed record QualitySignalOptions(SignalFamily Families = SignalFamily.All, int C4MinWordsPerLine = 3, int C4MaxWordLength = 1000)
{
    /// <summary>Every family with upstream's parameters.</summary>
    public static QualitySignalOptions Default { get; } = new();
}
