using System.Globalization;
using FluentAssertions;
using RedPajama.Tests.Support;
using RedPajama.Udfs.Quality;

namespace RedPajama.Tests.Quality;

/// <summary>The Python string and float semantics the signal definitions rely on.</summary>
public sealed class PythonSemanticsTests
{
    [Fact]
    public void Round8_equals_python_round_on_2269_fractions_including_binary_ties()
    {
        // round8.tsv: Python 3.11's round(n / d, 8) for small fractions of 3…99991 and 1500 random ones.
        var mismatches = new List<string>();
        foreach (string line in File.ReadLines(TestData.Fixture("quality/round8.tsv")).Where(l => !l.StartsWith('#')))
        {
            string[] fields = line.Split('\t');
            double value = double.Parse(fields[0], CultureInfo.InvariantCulture) / double.Parse(fields[1], CultureInfo.InvariantCulture);
            double expected = double.Parse(fields[2], CultureInfo.InvariantCulture);
            if (PythonRounding.Round8(value) != expected)
            {
                mismatches.Add(line);
            }
        }

        mismatches.Should().BeEmpty();
    }

    [Fact]
    public void Round8_rounds_an_exact_binary_tie_to_even()
    {
        // 1/512 = 0.001953125 exactly: halfway between 0.00195312 and 0.00195313; Python keeps the even 2.
        PythonRounding.Round8(1.0 / 512).Should().Be(0.00195312);
        PythonRounding.Round8(3.0 / 512).Should().Be(0.00585938);
    }

    [Theory]
    [InlineData(0x1C, true)] // file separator: Python whitespace, not .NET's
    [InlineData(0x1F, true)]
    [InlineData(0x85, true)]
    [InlineData(0xA0, true)]
    [InlineData(0x2028, true)]
    [InlineData(0x3000, true)]
    [InlineData(0x200B, false)] // zero-width space is a format character
    [InlineData(0xFEFF, false)]
    public void IsSpace_follows_str_isspace(int codePoint, bool expected) => PythonText.IsSpace(codePoint).Should().Be(expected);

    [Theory]
    [InlineData("ΟΔΟΣ ΚΑΙ ΣΟΦΙΑ", "οδος και σοφια")] // final sigma at a word's end only
    [InlineData("ΣΑΣ.", "σας.")]
    [InlineData("İstanbul", "i\u0307stanbul")] // full lower-case mapping: two code points
    [InlineData("ΚΑΘΩΣ", "καθως")]
    [InlineData("Σ", "σ")] // no cased letter before: not final
    public void Lower_follows_str_lower(string text, string expected) => PythonText.Lower(text).Should().Be(expected);

    [Theory]
    [InlineData("HELLO", true)]
    [InlineData("HELLO1", true)]
    [InlineData("Hello", false)]
    [InlineData("123", false)] // no cased character
    [InlineData("ǅ", false)] // title case
    [InlineData("ⅫⅠ", true)] // Roman numerals are Other_Uppercase
    public void IsUpperString_follows_str_isupper(string text, bool expected) => PythonText.IsUpperString(text).Should().Be(expected);

    [Theory]
    [InlineData('7', true)]
    [InlineData('½', true)]
    [InlineData('一', true)] // CJK ideograph with a numeric value
    [InlineData('中', false)]
    [InlineData('Ⅻ', true)]
    public void IsNumeric_follows_str_isnumeric(char c, bool expected) => PythonText.IsNumeric(c).Should().Be(expected);

    [Theory]
    [InlineData("Hello. World", 2)] // "Hello." and "World"
    [InlineData("...", 0)] // nothing but terminals: no match
    [InlineData("e.g. this", 3)] // "e.", "g." and "this"
    [InlineData(" leading space", 1)] // a match starts at the first word boundary
    [InlineData("", 0)]
    public void SentenceCounter_counts_rpv2_regex_matches(string text, int expected) => SentenceCounter.Count(text).Should().Be(expected);
}
