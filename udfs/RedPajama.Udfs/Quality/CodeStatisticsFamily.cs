namespace RedPajama.Udfs.Quality;

/// <summary>
/// RedPajama-1T's GitHub file statistics (<c>get_filecontent_stats</c>, <see cref="Code.GithubFileStatistics"/>) as
/// quality signals.
/// </summary>
internal static class CodeStatisticsFamily
{
    public static void Compute(TextAnalysis a, QualitySignalValues values)
    {
        Code.GithubFileStatistics statistics = Code.GithubFileStatistics.Of(a.Text);
        double[] v = values.Document;
        v[SignalCatalog.CodeMaxLineLength] = statistics.MaxLineLength;
        v[SignalCatalog.CodeAvgLineLength] = statistics.AverageLineLength;
        v[SignalCatalog.CodeAlnumProp] = statistics.AlphanumericShare;
    }
}
