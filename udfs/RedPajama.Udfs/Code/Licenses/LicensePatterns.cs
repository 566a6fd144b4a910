using System.Text.RegularExpressions;

namespace RedPajama.Udfs.Code.Licenses;

/// <summary>
/// The fixed regular expressions of licensee 9.15.2's content normalisation and matchers, written for .NET with Ruby's
/// meaning: <c>^</c>/<c>$</c> are always line anchors (Multiline), Ruby's <c>/m</c> is .NET's Singleline, and
/// <c>\s</c>, <c>\S</c>, <c>\d</c> and <c>\w</c> are spelled as the ASCII classes Ruby gives them.
/// </summary>
internal static partial class LicensePatterns
{
    private const RegexOptions Ruby = RegexOptions.CultureInvariant | RegexOptions.Multiline;
    private const RegexOptions RubyI = Ruby | RegexOptions.IgnoreCase;
    private const RegexOptions RubyIM = RubyI | RegexOptions.Singleline;

    /// <summary>A leading <c>version …</c> line.</summary>
    [GeneratedRegex(@"\A[\t\n\v\f\r ]*version.*$", RubyI)]
    public static partial Regex Version();

    /// <summary>Emphasis markup (<c>_x_</c>, <c>**x**</c>, <c>~x~</c>), kept as its inner text.</summary>
    [GeneratedRegex(@"[_*~]+(.*?)[_*~]+", Ruby)]
    public static partial Regex SpanMarkup();

    /// <summary>A line framed by <c>*</c> or <c>-</c>, kept as its inner text.</summary>
    [GeneratedRegex(@"^[*-](.*?)[*-]$", Ruby)]
    public static partial Regex BorderMarkup();

    /// <summary>A comment marker (<c>/</c>, <c>//</c>, <c>*</c>, <c>/*</c>, …) at a line's start.</summary>
    [GeneratedRegex(@"^[\t\n\v\f\r ]*?[/*]{1,2}", Ruby)]
    public static partial Regex CommentMarkup();

    /// <summary>A leading URL line.</summary>
    [GeneratedRegex(@"\A[\t\n\v\f\r ]*https?://[^ ]+\n", Ruby)]
    public static partial Regex Url();

    /// <summary>Whitespace between a closing and an opening parenthesis.</summary>
    [GeneratedRegex(@"\)[\t\n\v\f\r ]+\(", Ruby)]
    public static partial Regex ParenthesesGap();

    /// <summary>A leading <c>developed by:</c> paragraph.</summary>
    [GeneratedRegex(@"\A[\t\n\v\f\r ]*developed by:.*?\n\n", RubyIM)]
    public static partial Regex DevelopedBy();

    /// <summary>The Creative Commons dedication preamble.</summary>
    [GeneratedRegex(
        @"The[\t\n\v\f\r ]+text[\t\n\v\f\r ]+of[\t\n\v\f\r ]+the[\t\n\v\f\r ]+Creative[\t\n\v\f\r ]+Commons.*?Public[\t\n\v\f\r ]+Domain[\t\n\v\f\r ]+Dedication.",
        RubyIM)]
    public static partial Regex CreativeCommonsDedication();

    /// <summary>The Creative Commons wiki host.</summary>
    [GeneratedRegex(@"wiki.creativecommons.org", RubyI)]
    public static partial Regex CreativeCommonsWiki();

    /// <summary>The <c>Creative Commons Legal Code</c> heading line.</summary>
    [GeneratedRegex(@"^[\t\n\v\f\r ]*Creative Commons Legal Code[\t\n\v\f\r ]*$", RubyI)]
    public static partial Regex CreativeCommonsLegalCode();

    /// <summary>CC0's "For more information" pointer.</summary>
    [GeneratedRegex(@"For more information, please see[\t\n\v\f\r ]*[^\t\n\v\f\r ]+zero[^\t\n\v\f\r ]+", RubyIM)]
    public static partial Regex Cc0Information();

    /// <summary>CC0's Creative Commons Corporation disclaimer paragraph.</summary>
    [GeneratedRegex(@"CREATIVE COMMONS CORPORATION.*?\n\n", RubyIM)]
    public static partial Regex Cc0Disclaimer();

    /// <summary>The Unlicense's "For more information" pointer.</summary>
    [GeneratedRegex(@"For more information, please.*[^\t\n\v\f\r ]+unlicense[^\t\n\v\f\r ]+", RubyIM)]
    public static partial Regex UnlicenseInformation();

    /// <summary>The MIT licence's optional "(including the next paragraph)".</summary>
    [GeneratedRegex(@"\(including the next paragraph\)", RubyI)]
    public static partial Regex MitOptional();

    /// <summary>
    /// Licensee's copyright notice (<c>Matchers::Copyright::REGEX</c>): from the start, one or more lines that begin
    /// (after <c>_</c>, <c>*</c>, <c>-</c> and whitespace) with <c>copyright</c>, <c>(c)</c> or <c>©</c>; or a leading
    /// <c>all rights reserved</c> line. The union <c>strip_copyright</c> removes while it matches.
    /// </summary>
    [GeneratedRegex(
        @"(?:\A[\t\n\v\f\r ]*(?:[_*\-\t\n\v\f\r ]*(?:copyright|\(c\)|©).*$)+$)|(?:\A[\t\n\v\f\r ]*all rights reserved\.?$)",
        RubyI)]
    public static partial Regex CopyrightOrAllRightsReserved();

    /// <summary>The Copyright matcher: the whole (stripped) file is copyright notice lines.</summary>
    [GeneratedRegex(@"\A(?:\A[\t\n\v\f\r ]*(?:[_*\-\t\n\v\f\r ]*(?:copyright|\(c\)|©).*$)+$)+\z", RubyI)]
    public static partial Regex CopyrightOnly();

    /// <summary>The substitutable fields of a licence template (<c>[year]</c>, <c>[fullname]</c>, …).</summary>
    [GeneratedRegex(@"\[(fullname|login|email|project|description|year|projecturl)\]", Ruby)]
    public static partial Regex Field();

    /// <summary>A line that names a non-open Creative Commons variant (NonCommercial, NoDerivatives).</summary>
    [GeneratedRegex(@"^(?:creative commons )?attribution-(?:noncommercial|noderivatives)", RubyI)]
    public static partial Regex CreativeCommonsFalsePositive();

    /// <summary>
    /// A README's licence section (<c>ReadmeFile::CONTENT_REGEX</c>): a <c># License</c> / <c>= License</c> heading
    /// or an underlined <c>License</c>, then everything up to the next heading or the end.
    /// </summary>
    [GeneratedRegex(
        @"^(?:[#=]+[\t\n\v\f\r ]licen[sc]e:?[\t\n\v\f\r ]*[#=]*|licen[sc]e:?\n[-=]+)$(.*?)(?=^(?:[#=]+|[^\n]+\n[-=]+)|\z)",
        RubyIM)]
    public static partial Regex ReadmeLicenseSection();
}
