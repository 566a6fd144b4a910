namespace RedPajama.Udfs.Dedup;

/// <summary>What a MinHash shingle is made of.</summary>
public enum ShingleKind
{
    /// <summary>n consecutive words (lower-cased, split on whitespace and punctuation).</summary>
    Words,

    /// <summary>n consecutive characters of the lower-cased text with whitespace collapsed.</summary>
    Characters,
}
