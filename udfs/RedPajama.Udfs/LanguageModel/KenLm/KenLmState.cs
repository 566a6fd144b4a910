namespace RedPajama.Udfs.LanguageModel.KenLm;

/// <summary>Limits and bit tests of KenLM's scoring state (<c>lm/state.hh</c>, <c>lm/blank.hh</c>).</summary>
internal static class KenLmState
{
    /// <summary>The highest order read (KenLM's own build default is 6).</summary>
    public const int MaxOrder = 16;

    /// <summary>
    /// Whether an n-gram may be extended to the right: a zero backoff is stored as −0.0 when no longer n-gram starts
    /// with it (its context can be dropped from the state) and as +0.0 when one does.
    /// </summary>
    public static bool HasExtension(float backoff) => BitConverter.SingleToUInt32Bits(backoff) != 0x80000000u;
}
