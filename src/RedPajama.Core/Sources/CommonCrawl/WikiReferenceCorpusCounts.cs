namespace RedPajama.Sources.CommonCrawl;

/// <summary>What <see cref="WikiReferenceCorpus.Write"/> read and wrote.</summary>
/// <param name="WikiRecords">Wiki records read (upstream's <c>i</c>), skipped ones included.</param>
/// <param name="WikiDuplicates">Wiki records skipped for a digest already seen.</param>
/// <param name="WikiTooShort">Wiki records skipped for fewer than 1000 code points.</param>
/// <param name="WikiExamples"><c>__label__wiki</c> lines written.</param>
/// <param name="CcFiles">CC files.</param>
/// <param name="PerFile">The per-file quota, <c>WikiRecords / CcFiles</c>.</param>
/// <param name="CcExamples"><c>__label__cc</c> lines written.</param>
public sealed record WikiReferenceCorpusCounts(
    long WikiRecords, long WikiDuplicates, long WikiTooShort, long WikiExamples, int CcFiles, double PerFile, long CcExamples);
