namespace RedPajama.Sources.Github;

/// <summary>
/// The <c>github:</c> section: RedPajama-1T's GitHub recipe over rows as BigQuery's <c>github_repos</c> export ships
/// them (<c>content</c> and the other columns).
/// <code>
/// github:
///   meta: []                           # name:type of the row's columns (content aside); empty: from the first input
///   license_prefixes: [mit, bsd, apache]
///   alpha_per_token: true              # the letters-per-GPT-NeoX-token rule
///   tokenizer: null                    # a HuggingFace tokenizer.json; null: the bundled GPT-NeoX-20B one
/// </code>
/// </summary>
public sealed class GithubConfig
{
    /// <summary>The row's columns as <c>name:type</c> (text, integer, float, boolean, json); empty to infer them from the first input.</summary>
    public List<string> Meta { get; set; } = [];

    /// <summary>Licence keys kept, by prefix (BigQuery <c>LIKE 'mit%'</c>, case-sensitive).</summary>
    public List<string> LicensePrefixes { get; set; } = ["mit", "bsd", "apache"];

    /// <summary>Whether files with fewer than 1.5 letters per GPT-NeoX token are dropped.</summary>
    public bool AlphaPerToken { get; set; } = true;

    /// <summary>The tokenizer of that rule (HuggingFace <c>tokenizer.json</c>); null for the bundled GPT-NeoX-20B.</summary>
    public string? Tokenizer { get; set; }
}
