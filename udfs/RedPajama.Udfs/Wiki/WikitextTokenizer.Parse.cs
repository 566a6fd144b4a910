using static RedPajama.Udfs.Wiki.WikitextContext;

namespace RedPajama.Udfs.Wiki;

/// <summary>The main loop: dispatch on the segment at the head, and the safety checks of unsafe contexts.</summary>
internal sealed partial class WikitextTokenizer
{
    /// <summary>
    /// Parses a new stack in <paramref name="context"/>; false (and the failed route's context) when the route fails,
    /// at once, without an exception, when it failed before at this position.
    /// </summary>
    private bool TryParse(long context, out ParseResult result, out long failedContext)
    {
        result = default;
        failedContext = context;
        if (_badRoutes.Contains((_head, context)))
        {
            return false;
        }

        try
        {
            result = Parse(context, true);
            return true;
        }
        catch (BadRouteException route)
        {
            failedContext = route.Context;
            return false;
        }
    }

    private ParseResult Parse(long context, bool push)
    {
        if (push)
        {
            Push(context);
        }

        while (true)
        {
            if (--_budget < 0 && _frameCount > 1)
            {
                // Work budget spent (hostile input): every open construct fails at once and stays text.
                if ((Context & DoublePush) != 0)
                {
                    Pop();
                }

                throw FailRoute();
            }

            int self = At();
            if ((Context & Unsafe) != 0 && !VerifySafe(self))
            {
                if ((Context & DoublePush) != 0)
                {
                    Pop();
                }

                throw FailRoute();
            }

            if (!IsMarker(self))
            {
                EmitSegment(self);
                _head++;
                continue;
            }

            if (self == End)
            {
                return HandleEnd();
            }

            char c = _text[_starts[self]];
            int next = At(1);
            bool nextSame = Is(next, c);
            if (c == '{' && nextSame)
            {
                if (CanRecurse())
                {
                    ParseTemplateOrArgument();
                }
                else
                {
                    EmitText("{");
                }
            }
            else if (c == '|' && (Context & Template) != 0)
            {
                HandleTemplateParam();
            }
            else if (c == '=' && (Context & TemplateParamKey) != 0)
            {
                if ((_global & GlobalHeading) == 0 && AtLineStart(-1) && Is(next, '='))
                {
                    ParseHeading();
                }
                else
                {
                    HandleTemplateParamValue();
                }
            }
            else if (c == '}' && nextSame && (Context & Template) != 0)
            {
                return HandleTemplateEnd();
            }
            else if (c == '|' && (Context & ArgumentName) != 0)
            {
                HandleArgumentSeparator();
            }
            else if (c == '}' && nextSame && (Context & Argument) != 0)
            {
                if (IsRead('}', 2))
                {
                    return HandleArgumentEnd();
                }

                EmitText("}");
            }
            else if (c == '[' && nextSame && CanRecurse())
            {
                if ((Context & NoWikilinks) == 0)
                {
                    ParseWikilink();
                }
                else
                {
                    EmitText("[");
                }
            }
            else if (c == '|' && (Context & WikilinkTitle) != 0)
            {
                HandleWikilinkSeparator();
            }
            else if (c == ']' && nextSame && (Context & Wikilink) != 0)
            {
                return HandleWikilinkEnd();
            }
            else if (c == '[')
            {
                ParseExternalLink(true);
            }
            else if (c == ':' && !IsMarker(At(-1)))
            {
                ParseExternalLink(false);
            }
            else if (c == ']' && (Context & ExtLinkTitle) != 0)
            {
                return new ParseResult(Pop(), 0);
            }
            else if (c == '=' && (_global & GlobalHeading) == 0 && (Context & Template) == 0)
            {
                if (AtLineStart(-1))
                {
                    ParseHeading();
                }
                else
                {
                    EmitText("=");
                }
            }
            else if (c == '=' && (Context & Heading) != 0)
            {
                return HandleHeadingEnd();
            }
            else if (c == '\n' && (Context & Heading) != 0)
            {
                throw FailRoute();
            }
            else if (c == '&')
            {
                ParseEntity();
            }
            else if (c == '<' && Is(next, '!'))
            {
                if (IsRead('-', 2) && IsRead('-', 3))
                {
                    ParseComment();
                }
                else
                {
                    EmitText("<");
                }
            }
            else if (c == '<' && Is(next, '/') && At(2) != End)
            {
                if ((Context & TagBody) != 0)
                {
                    HandleTagOpenClose();
                }
                else
                {
                    HandleInvalidTagStart();
                }
            }
            else if (c == '<' && (Context & TagClose) == 0)
            {
                if (CanRecurse())
                {
                    ParseTag();
                }
                else
                {
                    EmitText("<");
                }
            }
            else if (c == '>' && (Context & TagClose) != 0)
            {
                return HandleTagCloseClose();
            }
            else if (c == '\'' && nextSame)
            {
                List<WikitextToken>? result = ParseStyle();
                if (result is not null)
                {
                    return new ParseResult(result, 0);
                }
            }
            else if (AtLineStart(-1) && c is '#' or '*' or ';' or ':')
            {
                HandleList();
            }
            else if (AtLineStart(-1) && c == '-' && nextSame && IsRead('-', 2) && IsRead('-', 3))
            {
                HandleHorizontalRule();
            }
            else if (c is '\n' or ':' && (Context & DlTerm) != 0)
            {
                HandleDlTerm();
                if (c == '\n')
                {
                    Context &= ~TableCellLineContexts;
                }
            }
            else if (c == '{' && Is(next, '|') && (AtLineStart(-1) || (AtLineStart(-2) && SegIsSpace(At(-1)))))
            {
                if (CanRecurse())
                {
                    ParseTable();
                }
                else
                {
                    EmitText("{");
                }
            }
            else if ((Context & TableOpen) != 0)
            {
                ParseResult? result = HandleTableMarkup(c, next, self);
                if (result is not null)
                {
                    return result.Value;
                }
            }
            else
            {
                EmitSegment(self);
            }

            _head++;
        }
    }

    private ParseResult HandleEnd()
    {
        if ((Context & Fail) != 0)
        {
            if ((Context & TagBody) != 0 && WikitextTagNames.IsSingle(OpenTagName()))
            {
                return new ParseResult(HandleSingleTagEnd(), 0);
            }

            if ((Context & TableCellOpen) != 0)
            {
                Pop();
            }

            if ((Context & DoublePush) != 0)
            {
                Pop();
            }

            throw FailRoute();
        }

        return new ParseResult(Pop(), 0);
    }

    /// <summary>Whether the segment may be written in the current (unsafe) context; may set flags for the next one.</summary>
    private bool VerifySafe(int self)
    {
        long context = Context;
        if ((context & FailNext) != 0)
        {
            return false;
        }

        char c = self >= 0 && Seg(self).Length == 1 ? _text[_starts[self]] : '\0';
        bool single = self >= 0 && IsMarker(self);
        if ((context & WikilinkTitle) != 0)
        {
            if (single && c is ']' or '{')
            {
                Context |= FailNext;
            }
            else if (single && c is '\n' or '[' or '}' or '>')
            {
                return false;
            }
            else if (single && c == '<')
            {
                if (IsRead('!', 1))
                {
                    Context |= FailNext;
                }
                else
                {
                    return false;
                }
            }

            return true;
        }

        if ((context & ExtLinkTitle) != 0)
        {
            return !(single && c == '\n');
        }

        if ((context & TemplateName) != 0)
        {
            if (single && c == '{')
            {
                Context |= HasTemplate | FailNext;
                return true;
            }

            if (single && (c == '}' || (c == '<' && IsRead('!', 1))))
            {
                Context |= FailNext;
                return true;
            }

            if (single && c is '[' or ']' or '<' or '>')
            {
                return false;
            }

            if (single && c == '|')
            {
                return true;
            }

            if ((context & HasText) != 0)
            {
                if ((context & FailOnText) != 0)
                {
                    if (self == End || !SegIsSpace(self))
                    {
                        return false;
                    }
                }
                else if (single && c == '\n')
                {
                    Context |= FailOnText;
                }
            }
            else if (self == End || !SegIsSpace(self))
            {
                Context |= HasText;
            }

            return true;
        }

        if ((context & TagClose) != 0)
        {
            return !(single && c == '<');
        }

        if ((context & FailOnEquals) != 0)
        {
            if (single && c == '=')
            {
                return false;
            }
        }
        else if ((context & FailOnLeftBrace) != 0)
        {
            if ((single && c == '{') || (IsRead('{', -1) && IsRead('{', -2)))
            {
                Context |= (context & Template) != 0 ? FailOnEquals : FailNext;
                return true;
            }

            Context ^= FailOnLeftBrace;
        }
        else if ((context & FailOnRightBrace) != 0)
        {
            if (single && c == '}')
            {
                Context |= FailNext;
                return true;
            }

            Context ^= FailOnRightBrace;
        }
        else if (single && c == '{')
        {
            Context |= FailOnLeftBrace;
        }
        else if (single && c == '}')
        {
            Context |= FailOnRightBrace;
        }

        return true;
    }
}
