using RedPajama.Udfs.Quality;

namespace RedPajama.Udfs.C4;

/// <summary>
/// The key of TFDS C4's cross-page line dedup (<c>_hash_text(line.strip().lower())</c>): the MD5 of the stripped,
/// lower-cased line, as a big-endian integer.
/// </summary>
public static class TfdsLineHash
{
    [ThreadStatic]
    private static CharBuffer? t_lowered;

    /// <summary>Hashes one line.</summary>
    /// <param name="line">The line, without its <c>\n</c>.</param>
    /// <returns>The MD5 of Python's <c>line.strip().lower()</c>.</returns>
    public static UInt128 Of(ReadOnlySpan<char> line)
    {
        CharBuffer lowered = t_lowered ??= new CharBuffer();
        lowered.Clear();
        PythonText.AppendLower(PythonText.Strip(line), lowered);
        return TfdsUrls.Md5(lowered.Span);
    }
}
