using System.Globalization;
using RedPajama.Udfs.Quality;

namespace RedPajama.Tests.Quality;

/// <summary>
/// The project's side of each Python predicate python-unicode-dump.py prints: one code point (or a short string around
/// it, as the dump builds it) through <see cref="PythonText"/>.
/// </summary>
internal static class PythonUnicodePredicates
{
    public static readonly IReadOnlyDictionary<string, Func<int, bool>> All = new Dictionary<string, Func<int, bool>>(StringComparer.Ordinal)
    {
        ["isspace"] = PythonText.IsSpace,
        ["isalpha"] = PythonText.IsAlpha,
        ["isalnum"] = PythonText.IsAlnum,
        ["isdecimal"] = PythonText.IsDecimalDigit,
        ["isdigit"] = PythonText.IsDigit,
        ["isnumeric"] = PythonText.IsNumeric,
        ["isupper"] = PythonText.IsUpper,
        ["islower"] = PythonText.IsLower,
        ["re_w"] = PythonText.IsWordChar,
        ["re_d"] = PythonText.IsDecimalDigit,
        ["re_s"] = PythonText.IsSpace,
        ["isupper_after_A"] = cp => PythonText.IsUpperString("A" + Text(cp)),
        ["splitlines"] = cp => PythonText.LineBreakLength("a" + Text(cp) + "b", 1) > 0,
        ["split"] = cp => SplitCount("a" + Text(cp) + "b") == 2,
        ["strip"] = cp => PythonText.Strip(Text(cp) + "a" + Text(cp)).SequenceEqual("a"),
        ["sigma_after"] = cp => PythonText.Lower(Text(cp) + "\u03A3")[^1] == '\u03C2',
        ["sigma_before_a"] = cp => PythonText.Lower("A\u03A3" + Text(cp) + "a")[1] == '\u03C2',
        ["sigma_after_A"] = cp => PythonText.Lower("A" + Text(cp) + "\u03A3")[^1] == '\u03C2',
    };

    /// <summary>A code point as a .NET string; a surrogate code point is a lone UTF-16 unit, as in a Python str.</summary>
    public static string Text(int codePoint) =>
        codePoint < 0x10000 ? ((char)codePoint).ToString() : char.ConvertFromUtf32(codePoint);

    /// <summary><see cref="PythonText.Lower(string)"/> of one code point, as hex code points (the dump's form).</summary>
    public static string LowerHex(int codePoint)
    {
        string lowered = PythonText.Lower(Text(codePoint));
        var parts = new List<string>();
        for (int i = 0; i < lowered.Length;)
        {
            parts.Add(PythonText.CodePointAt(lowered, i, out int width).ToString("x", CultureInfo.InvariantCulture));
            i += width;
        }

        return string.Join(' ', parts);
    }

    // str.split() with no argument: runs of Python whitespace separate, as the quality signals split words.
    private static int SplitCount(string text)
    {
        int count = 0;
        bool inWord = false;
        for (int i = 0; i < text.Length; i++)
        {
            bool space = PythonText.IsSpace(text[i]);
            count += !space && !inWord ? 1 : 0;
            inWord = !space;
        }

        return count;
    }
}
