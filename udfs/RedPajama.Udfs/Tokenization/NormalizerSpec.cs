namespace RedPajama.Udfs.Tokenization;

/// <summary>
/// The normaliser settings of a model (<c>NormalizerSpec</c>); the defaults are proto2's declared defaults,
/// which apply when a field is absent from the file.
/// </summary>
/// <param name="Name">The normalisation rule name (<c>nmt_nfkc</c>, <c>identity</c>, …); informational, the charsmap is what runs.</param>
/// <param name="PrecompiledCharsMap">The compiled rule: a Darts double-array trie plus replacement strings; empty for identity.</param>
/// <param name="AddDummyPrefix">Whether a whitespace is put before the text (after it, with whitespace-as-suffix).</param>
/// <param name="RemoveExtraWhitespaces">Whether leading, trailing and repeated whitespace is removed.</param>
/// <param name="EscapeWhitespaces">Whether a space becomes U+2581 (▁).</param>
internal sealed record NormalizerSpec(
    string Name,
    byte[] PrecompiledCharsMap,
    bool AddDummyPrefix,
    bool RemoveExtraWhitespaces,
    bool EscapeWhitespaces)
{
    /// <summary>The settings of a file with no NormalizerSpec at all.</summary>
    public static NormalizerSpec Default { get; } = new(string.Empty, [], true, true, true);
}
