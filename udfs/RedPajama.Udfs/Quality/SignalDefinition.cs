namespace RedPajama.Udfs.Quality;

/// <summary>One named quality signal and the upstream rule it follows.</summary>
/// <param name="Name">The column name, upstream's where upstream names it (<c>rps_doc_word_count</c>).</param>
/// <param name="Family">The family that computes it.</param>
/// <param name="Level">One value per document or per line.</param>
/// <param name="Kind">Integer or float.</param>
/// <param name="Definition">The definition, with the upstream source it follows.</param>
/// <param name="Needs">The language resource it needs, if any; without it the signal is null.</param>
public sealed record SignalDefinition(
    string Name, SignalFamily Family, SignalLevel Level, SignalValueKind Kind, string Definition, LanguageResourceKind Needs = LanguageResourceKind.None);
