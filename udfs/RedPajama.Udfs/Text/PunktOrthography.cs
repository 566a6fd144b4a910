namespace RedPajama.Udfs.Text;

/// <summary>
/// The orthographic-context bits of a Punkt model (NLTK's <c>_ORTHO_*</c>): where a word type was seen (sentence
/// start, middle, unknown) with which first-letter case. <c>ortho_context.tab</c> stores their sum per type.
/// </summary>
internal static class PunktOrthography
{
    public const int BeginUpper = 1 << 1;
    public const int MiddleUpper = 1 << 2;
    public const int UnknownUpper = 1 << 3;
    public const int BeginLower = 1 << 4;
    public const int MiddleLower = 1 << 5;
    public const int UnknownLower = 1 << 6;

    /// <summary>Seen with an upper-case first letter anywhere.</summary>
    public const int Upper = BeginUpper | MiddleUpper | UnknownUpper;

    /// <summary>Seen with a lower-case first letter anywhere.</summary>
    public const int Lower = BeginLower | MiddleLower | UnknownLower;
}
