using System.Globalization;
using System.Numerics;
using static RedPajama.Udfs.Wiki.WikitextContext;

namespace RedPajama.Udfs.Wiki;

/// <summary>Headings, HTML entities, comments, bold and italics, lists, horizontal rules and description terms.</summary>
internal sealed partial class WikitextTokenizer
{
    private void ParseHeading()
    {
        _global |= GlobalHeading;
        int reset = _head;
        _head++;
        int best = 1;
        while (IsRead('='))
        {
            best++;
            _head++;
        }

        long context = HeadingLevel1 << Math.Min(best - 1, 5);
        try
        {
            if (!TryParse(context, out ParseResult result, out _))
            {
                _head = reset + best - 1;
                EmitText(new string('=', best));
                return;
            }

            Emit(new WikitextToken(WikitextTokenKind.HeadingStart, level: result.Level));
            if (result.Level < best)
            {
                EmitText(new string('=', best - result.Level));
            }

            EmitAll(result.Stack);
            Emit(WikitextTokenKind.HeadingEnd);
        }
        finally
        {
            _global &= ~GlobalHeading;
        }
    }

    private ParseResult HandleHeadingEnd()
    {
        int reset = _head;
        _head++;
        int best = 1;
        while (IsRead('='))
        {
            best++;
            _head++;
        }

        long headingBits = Context >> 9;
        int current = 64 - BitOperations.LeadingZeroCount((ulong)headingBits);
        int level = Math.Min(current, Math.Min(best, 6));
        bool closed;
        ParseResult after = default;
        try
        {
            closed = ++_headingClosures <= MaxHeadingClosures && TryParse(Context, out after, out _);
        }
        finally
        {
            _headingClosures--;
        }

        if (!closed)
        {
            if (level < best)
            {
                EmitText(new string('=', best - level));
            }

            _head = reset + best - 1;
            return new ParseResult(Pop(), level);
        }

        EmitText(new string('=', best));
        EmitAll(after.Stack);
        return new ParseResult(Pop(), after.Level);
    }

    /// <summary>
    /// Parses an entity at the head (an <c>&amp;</c>), or writes the ampersand as text: named (HTML 4's names),
    /// decimal or hexadecimal between 1 and U+10FFFF, closed by a semicolon, one segment for the name or digits.
    /// </summary>
    private void ParseEntity()
    {
        int reset = _head;
        if (_badRoutes.Contains((_head, HtmlEntity)) || !TryEntity(out string? value, out bool numeric, out string? hexChar))
        {
            _badRoutes.Add((reset, HtmlEntity));
            _head = reset;
            EmitText("&");
            return;
        }

        Emit(WikitextTokenKind.HtmlEntityStart);
        if (numeric)
        {
            Emit(WikitextTokenKind.HtmlEntityNumeric);
            if (hexChar is not null)
            {
                Emit(new WikitextToken(WikitextTokenKind.HtmlEntityHex, hexChar));
            }
        }

        Emit(new WikitextToken(WikitextTokenKind.Text, value));
        Emit(WikitextTokenKind.HtmlEntityEnd);
    }

    private bool TryEntity(out string? value, out bool numeric, out string? hexChar)
    {
        value = null;
        hexChar = null;
        numeric = false;
        _head++;
        int self = At();
        if (self == End)
        {
            return false;
        }

        string segment = SegString(self);
        bool hexadecimal = false;
        if (segment == "#")
        {
            numeric = true;
            _head++;
            self = At();
            if (self == End)
            {
                return false;
            }

            segment = SegString(self);
            if (segment[0] is 'x' or 'X')
            {
                hexadecimal = true;
                hexChar = segment[..1];
                segment = segment[1..];
                if (segment.Length == 0)
                {
                    return false;
                }
            }
        }

        foreach (char ch in segment)
        {
            bool ok = hexadecimal ? char.IsAsciiHexDigit(ch) : numeric ? char.IsAsciiDigit(ch) : char.IsAsciiLetterOrDigit(ch);
            if (!ok)
            {
                return false;
            }
        }

        _head++;
        if (!IsRead(';'))
        {
            return false;
        }

        if (numeric)
        {
            string digits = hexadecimal ? "0" + segment : segment;
            if (!BigInteger.TryParse(digits, hexadecimal ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out BigInteger number))
            {
                return false;
            }

            if (number < 1 || number > 0x10FFFF)
            {
                return false;
            }
        }
        else if (!HtmlEntityNames.TryGet(segment, out _))
        {
            return false;
        }

        value = segment;
        return true;
    }

    private void ParseComment()
    {
        _head += 4;
        int reset = _head - 1;
        if (_head >= _unclosedCommentFrom)
        {
            _head = reset;
            EmitText("<!--");
            return;
        }

        Push();
        while (true)
        {
            int self = At();
            if (self == End)
            {
                _unclosedCommentFrom = Math.Min(_unclosedCommentFrom, reset + 1);
                Pop();
                _head = reset;
                EmitText("<!--");
                return;
            }

            if (Is(self, '-') && IsRead('-', 1) && IsRead('>', 2))
            {
                EmitFirst(WikitextToken.Bare(WikitextTokenKind.CommentStart));
                Emit(WikitextTokenKind.CommentEnd);
                EmitAll(Pop());
                _head += 2;
                if ((Context & FailNext) != 0)
                {
                    Context ^= FailNext;
                }

                return;
            }

            EmitSegment(self);
            _head++;
        }
    }

    private void EmitStyleTag(string tag, string markup, List<WikitextToken> body)
    {
        Emit(new WikitextToken(WikitextTokenKind.TagOpenOpen, markup));
        EmitText(tag);
        Emit(WikitextTokenKind.TagCloseOpen);
        EmitAll(body);
        Emit(WikitextTokenKind.TagOpenClose);
        EmitText(tag);
        Emit(WikitextTokenKind.TagCloseClose);
    }

    private void ParseItalics()
    {
        int reset = _head;
        if (!TryParse(StyleItalics, out ParseResult italics, out long failed))
        {
            _head = reset;
            if ((failed & StylePassAgain) == 0 || !TryParse(StyleItalics | StyleSecondPass, out italics, out _))
            {
                _head = reset;
                EmitText("''");
                return;
            }
        }

        EmitStyleTag("i", "''", italics.Stack);
    }

    private bool ParseBold()
    {
        int reset = _head;
        if (!TryParse(StyleBold, out ParseResult bold, out _))
        {
            _head = reset;
            if ((Context & StyleSecondPass) != 0)
            {
                EmitText("'");
                return true;
            }

            if ((Context & StyleItalics) != 0)
            {
                Context |= StylePassAgain;
                EmitText("'''");
            }
            else
            {
                EmitText("'");
                ParseItalics();
            }

            return false;
        }

        EmitStyleTag("b", "'''", bold.Stack);
        return false;
    }

    private void ParseItalicsAndBold()
    {
        int reset = _head;
        if (TryParse(StyleBold, out ParseResult bold, out _))
        {
            ParseSecondStyle(bold.Stack, "b", "'''", StyleItalics, "i", "''");
            return;
        }

        _head = reset;
        if (!TryParse(StyleItalics, out ParseResult italics, out _))
        {
            _head = reset;
            EmitText("'''''");
            return;
        }

        ParseSecondStyle(italics.Stack, "i", "''", StyleBold, "b", "'''");
    }

    /// <summary>
    /// After five apostrophes opened a style that closed: the other style, around both when it closes too, else its
    /// markup stays text before the first.
    /// </summary>
    private void ParseSecondStyle(List<WikitextToken> first, string firstTag, string firstMarkup, long secondContext, string secondTag, string secondMarkup)
    {
        int reset = _head;
        if (!TryParse(secondContext, out ParseResult second, out _))
        {
            _head = reset;
            EmitText(secondMarkup);
            EmitStyleTag(firstTag, firstMarkup, first);
            return;
        }

        Push();
        EmitStyleTag(firstTag, firstMarkup, first);
        EmitAll(second.Stack);
        EmitStyleTag(secondTag, secondMarkup, Pop());
    }

    /// <summary>Handles a run of apostrophes; returns the stack when it closes the current bold or italics.</summary>
    private List<WikitextToken>? ParseStyle()
    {
        _head += 2;
        int ticks = 2;
        while (IsRead('\''))
        {
            _head++;
            ticks++;
        }

        bool italics = (Context & StyleItalics) != 0;
        bool bold = (Context & StyleBold) != 0;
        if (ticks > 5)
        {
            EmitText(new string('\'', ticks - 5));
            ticks = 5;
        }
        else if (ticks == 4)
        {
            EmitText("'");
            ticks = 3;
        }

        if ((italics && ticks is 2 or 5) || (bold && ticks is 3 or 5))
        {
            if (ticks == 5)
            {
                _head -= italics ? 3 : 2;
            }

            return Pop();
        }

        if (!CanRecurse())
        {
            if (ticks == 3)
            {
                if ((Context & StyleSecondPass) != 0)
                {
                    EmitText("'");
                    return Pop();
                }

                if ((Context & StyleItalics) != 0)
                {
                    Context |= StylePassAgain;
                }
            }

            EmitText(new string('\'', ticks));
        }
        else if (ticks == 2)
        {
            ParseItalics();
        }
        else if (ticks == 3)
        {
            if (ParseBold())
            {
                return Pop();
            }
        }
        else
        {
            ParseItalicsAndBold();
        }

        _head--;
        return null;
    }

    private void HandleListMarker()
    {
        char markup = Seg(At())[0];
        if (markup == ';')
        {
            Context |= DlTerm;
        }

        Emit(new WikitextToken(WikitextTokenKind.TagOpenOpen, markup.ToString()));
        EmitText(markup is '#' or '*' ? "li" : markup == ';' ? "dt" : "dd");
        Emit(WikitextTokenKind.TagCloseSelfclose);
    }

    private void HandleList()
    {
        HandleListMarker();
        while (IsRead('#', 1) || IsRead('*', 1) || IsRead(';', 1) || IsRead(':', 1))
        {
            _head++;
            HandleListMarker();
        }
    }

    private void HandleHorizontalRule()
    {
        int length = 4;
        _head += 3;
        while (IsRead('-', 1))
        {
            length++;
            _head++;
        }

        Emit(new WikitextToken(WikitextTokenKind.TagOpenOpen, new string('-', length)));
        EmitText("hr");
        Emit(WikitextTokenKind.TagCloseSelfclose);
    }

    private void HandleDlTerm()
    {
        Context ^= DlTerm;
        if (IsRead(':'))
        {
            HandleListMarker();
        }
        else
        {
            EmitText("\n");
        }
    }
}
