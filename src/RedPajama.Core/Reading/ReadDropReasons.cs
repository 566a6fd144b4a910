namespace RedPajama.Reading;

/// <summary>Why a reader yielded a record already dropped. The strings are the <c>drop_reason</c> values in statistics.</summary>
public static class ReadDropReasons
{
    /// <summary>A JSON line that is not a JSON object (bad syntax, invalid UTF-8, truncated).</summary>
    public const string MalformedJson = "malformed_json";

    /// <summary>A row without a string <c>text</c> field.</summary>
    public const string MissingText = "missing_text";

    /// <summary>
    /// A JSON object with a key twice, from readers asked to refuse them (c4): which value is meant is unclear
    /// (Python's <c>json.loads</c> would keep the last).
    /// </summary>
    public const string DuplicateKey = "duplicate_key";

    /// <summary>A line or file larger than the configured limit.</summary>
    public const string TooLarge = "too_large";
}
