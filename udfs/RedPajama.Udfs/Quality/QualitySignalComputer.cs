namespace RedPajama.Udfs.Quality;

/// <summary>
/// Computes the quality signals of <see cref="SignalCatalog"/> for a text: RedPajama-V2's, Gopher's, C4's and
/// RedPajama-1T's GitHub statistics. Thread-safe; each thread reuses its own buffers, so the inner loops allocate
/// nothing but the result. Any string gives finite values or null, never an exception.
/// </summary>
public sealed class QualitySignalComputer
{
    private readonly QualityWordLists _wordLists;

    /// <summary>Creates a computer.</summary>
    /// <param name="wordLists">Where stop words and bad words come from.</param>
    /// <param name="options">Families and parameters; null for <see cref="QualitySignalOptions.Default"/>.</param>
    public QualitySignalComputer(QualityWordLists wordLists, QualitySignalOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(wordLists);
        _wordLists = wordLists;
        Options = options ?? QualitySignalOptions.Default;
    }

    /// <summary>The families and parameters.</summary>
    public QualitySignalOptions Options { get; }

    /// <summary>Computes the signals of <paramref name="text"/>.</summary>
    /// <param name="text">The document text.</param>
    /// <param name="language">Its language code, which picks the word lists.</param>
    /// <returns>The values; families not asked for are null.</returns>
    public QualitySignalValues Compute(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(language);
        LanguageWordLists lists = _wordLists.For(language);
        var values = new QualitySignalValues();
        SignalFamily families = Options.Families;
        if (families == SignalFamily.None)
        {
            return values;
        }

        TextAnalysis analysis = TextAnalysis.For(text);
        try
        {
            SignalScratch scratch = analysis.Scratch;

            // Both n-gram sweeps (over words, then tokens) share one set of arrays, sized once for the larger.
            scratch.Levels.EnsureCapacity(Math.Max(
                (families & SignalFamily.RedPajamaV2) != 0 ? analysis.WordCount : 0,
                (families & SignalFamily.Gopher) != 0 ? analysis.TokenCount : 0));
            if ((families & SignalFamily.RedPajamaV2) != 0)
            {
                RedPajamaV2Family.Compute(analysis, scratch, lists, values);
            }

            if ((families & SignalFamily.Gopher) != 0)
            {
                GopherFamily.Compute(analysis, scratch, values);
            }

            if ((families & SignalFamily.C4) != 0)
            {
                C4Family.Compute(analysis, scratch, lists, Options, values);
            }

            if ((families & SignalFamily.RedPajama1Code) != 0)
            {
                CodeStatisticsFamily.Compute(analysis, values);
            }
        }
        finally
        {
            analysis.TrimAfterUse();
        }

        return values;
    }
}
