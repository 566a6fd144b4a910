using RedPajama.Udfs.Quality;
using static RedPajama.Udfs.Wiki.WikitextContext;

namespace RedPajama.Udfs.Wiki;

/// <summary>Templates, template arguments, wikilinks and external links.</summary>
internal sealed partial class WikitextTokenizer
{
    private static readonly Dictionary<string, bool> s_uriSchemes = new(StringComparer.Ordinal)
    {
        ["bitcoin"] = false, ["ftp"] = true, ["ftps"] = true, ["geo"] = false, ["git"] = true, ["gopher"] = true,
        ["http"] = true, ["https"] = true, ["irc"] = true, ["ircs"] = true, ["magnet"] = false, ["mailto"] = false,
        ["mms"] = true, ["news"] = false, ["nntp"] = true, ["redis"] = true, ["sftp"] = true, ["sip"] = false,
        ["sips"] = false, ["sms"] = false, ["ssh"] = true, ["svn"] = true, ["tel"] = false, ["telnet"] = true,
        ["urn"] = false, ["worldwind"] = true, ["xmpp"] = false,
    };

    /// <summary>Whether a scheme makes an external link: with slashes any known scheme, without only slash-less ones.</summary>
    private static bool IsScheme(string scheme, bool slashes)
    {
        if (!s_uriSchemes.TryGetValue(scheme.ToLowerInvariant(), out bool needsSlashes))
        {
            return false;
        }

        return slashes || !needsSlashes;
    }

    private bool TryParseTemplate(bool hasContent)
    {
        int reset = _head;
        long context = TemplateName | (hasContent ? HasTemplate : 0);
        if (!TryParse(context, out ParseResult template, out _))
        {
            _head = reset;
            return false;
        }

        EmitFirst(WikitextToken.Bare(WikitextTokenKind.TemplateOpen));
        EmitAll(template.Stack);
        Emit(WikitextTokenKind.TemplateClose);
        return true;
    }

    private bool TryParseArgument()
    {
        int reset = _head;
        if (!TryParse(ArgumentName, out ParseResult argument, out _))
        {
            _head = reset;
            return false;
        }

        EmitFirst(WikitextToken.Bare(WikitextTokenKind.ArgumentOpen));
        EmitAll(argument.Stack);
        Emit(WikitextTokenKind.ArgumentClose);
        return true;
    }

    private void ParseTemplateOrArgument()
    {
        _head += 2;
        int braces = 2;
        while (IsRead('{'))
        {
            _head++;
            braces++;
        }

        bool hasContent = false;
        Push();
        while (braces > 0)
        {
            if (braces == 1)
            {
                EmitTextThenStack("{");
                return;
            }

            if (braces == 2)
            {
                if (!TryParseTemplate(hasContent))
                {
                    EmitTextThenStack("{{");
                    return;
                }

                break;
            }

            if (TryParseArgument())
            {
                braces -= 3;
            }
            else if (TryParseTemplate(hasContent))
            {
                braces -= 2;
            }
            else
            {
                EmitTextThenStack(new string('{', braces));
                return;
            }

            if (braces > 0)
            {
                hasContent = true;
                _head++;
            }
        }

        EmitAll(Pop());
        if ((Context & FailNext) != 0)
        {
            Context ^= FailNext;
        }
    }

    private void HandleTemplateParam()
    {
        if ((Context & TemplateName) != 0)
        {
            if ((Context & (HasText | HasTemplate)) == 0)
            {
                throw FailRoute();
            }

            Context ^= TemplateName;
        }
        else if ((Context & TemplateParamValue) != 0)
        {
            Context ^= TemplateParamValue;
        }
        else
        {
            EmitAll(Pop());
        }

        Context |= TemplateParamKey;
        Emit(WikitextTokenKind.TemplateParamSeparator);
        Push(Context);
    }

    private void HandleTemplateParamValue()
    {
        EmitAll(Pop());
        Context ^= TemplateParamKey;
        Context |= TemplateParamValue;
        Emit(WikitextTokenKind.TemplateParamEquals);
    }

    private ParseResult HandleTemplateEnd()
    {
        if ((Context & TemplateName) != 0)
        {
            if ((Context & (HasText | HasTemplate)) == 0)
            {
                throw FailRoute();
            }
        }
        else if ((Context & TemplateParamKey) != 0)
        {
            EmitAll(Pop());
        }

        _head++;
        return new ParseResult(Pop(), 0);
    }

    private void HandleArgumentSeparator()
    {
        Context ^= ArgumentName;
        Context |= ArgumentDefault;
        Emit(WikitextTokenKind.ArgumentSeparator);
    }

    private ParseResult HandleArgumentEnd()
    {
        _head += 2;
        return new ParseResult(Pop(), 0);
    }

    private void ParseWikilink()
    {
        int reset = _head + 1;
        _head += 2;
        List<WikitextToken>? link = null;
        if (BracketedSchemeCanParse())
        {
            try
            {
                link = ReallyParseExternalLink(true).Link;
            }
            catch (BadRouteException)
            {
                link = null;
            }
        }

        if (link is null)
        {
            _head = reset + 1;
            if (!TryParse(WikilinkTitle, out ParseResult wikilink, out _))
            {
                _head = reset;
                EmitText("[[");
                return;
            }

            Emit(WikitextTokenKind.WikilinkOpen);
            EmitAll(wikilink.Stack);
            Emit(WikitextTokenKind.WikilinkClose);
            return;
        }

        if ((Context & ExtLinkTitle) != 0)
        {
            _head = reset;
            EmitText("[[");
            return;
        }

        EmitText("[");
        Emit(new WikitextToken(WikitextTokenKind.ExternalLinkOpen, flag: true));
        EmitAll(link);
        Emit(WikitextTokenKind.ExternalLinkClose);
    }

    private void HandleWikilinkSeparator()
    {
        Context ^= WikilinkTitle;
        Context |= WikilinkText;
        Emit(WikitextTokenKind.WikilinkSeparator);
    }

    private ParseResult HandleWikilinkEnd()
    {
        _head++;
        return new ParseResult(Pop(), 0);
    }

    private bool SegAllScheme(int index)
    {
        foreach (char ch in Seg(index))
        {
            if (!UriSchemeChars.Contains(ch, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether the bracketed URI scheme at the head would be accepted: a cheap look-ahead so that the common failure
    /// (an ordinary wikilink, a bracket in prose) needs no failed route. The route is remembered as failed either way.
    /// </summary>
    private bool BracketedSchemeCanParse()
    {
        if (_badRoutes.Contains((_head, ExtLinkUri)))
        {
            return false;
        }

        bool ok = BracketedSchemeLooksValid();
        if (!ok)
        {
            _badRoutes.Add((_head, ExtLinkUri));
        }

        return ok;
    }

    private bool BracketedSchemeLooksValid()
    {
        int position = _head;
        if (Is(At(0), '/') && Is(At(1), '/'))
        {
            return true;
        }

        var scheme = new System.Text.StringBuilder();
        int index = position;
        while (index < _count && SegAllScheme(index))
        {
            scheme.Append(Seg(index));
            index++;
        }

        if (!Is(index < _count ? index : End, ':'))
        {
            return false;
        }

        index++;
        bool slashes = index + 1 < _count && Is(index, '/') && Is(index + 1, '/');
        return IsScheme(scheme.ToString(), slashes);
    }

    private void ParseBracketedUriScheme()
    {
        Push(ExtLinkUri);
        if (IsRead('/') && IsRead('/', 1))
        {
            EmitText("//");
            _head += 2;
            return;
        }

        var scheme = new System.Text.StringBuilder();
        while (At() != End && SegAllScheme(At()))
        {
            scheme.Append(Seg(At()));
            EmitSegment(At());
            _head++;
        }

        if (!IsRead(':'))
        {
            throw FailRoute();
        }

        EmitText(":");
        _head++;
        bool slashes = IsRead('/') && IsRead('/', 1);
        if (slashes)
        {
            EmitText("//");
            _head += 2;
        }

        if (!IsScheme(scheme.ToString(), slashes))
        {
            throw FailRoute();
        }
    }

    /// <summary>The free link's scheme read back from the text buffer, or null when it is not a valid scheme.</summary>
    private string? FreeUriScheme()
    {
        WikitextTextBuffer buffer = TextBuffer;
        int i = buffer.Length;
        while (i > 0)
        {
            char ch = buffer[i - 1];
            int codePoint = ch;
            if (char.IsLowSurrogate(ch) && i > 1 && char.IsHighSurrogate(buffer[i - 2]))
            {
                codePoint = char.ConvertToUtf32(buffer[i - 2], ch);
            }

            if (!PythonText.IsWordChar(codePoint))
            {
                break;
            }

            if (!UriSchemeChars.Contains(ch, StringComparison.Ordinal))
            {
                return null;
            }

            i--;
        }

        string scheme = buffer.ToString(i);
        bool slashes = IsRead('/') && IsRead('/', 1);
        return IsScheme(scheme, slashes) ? scheme : null;
    }

    private void ParseFreeUriScheme(string scheme)
    {
        bool slashes = IsRead('/') && IsRead('/', 1);
        Push(Context | ExtLinkUri);
        EmitText(scheme);
        EmitText(":");
        if (slashes)
        {
            EmitText("//");
            _head += 2;
        }
    }

    private const string FreeLinkPunctuation = ",;\\.:!?)";

    private void HandleFreeLinkText(ref string punctuation, ref string tail, string self)
    {
        if (self.Contains('(', StringComparison.Ordinal) && punctuation.Contains(')', StringComparison.Ordinal))
        {
            punctuation = punctuation[..^1];
        }

        if (self.Length > 0 && punctuation.Contains(self[^1], StringComparison.Ordinal))
        {
            int i = self.Length - 1;
            while (i > 0 && punctuation.Contains(self[i - 1], StringComparison.Ordinal))
            {
                i--;
            }

            string stripped = self[..i];
            if (stripped.Length > 0 && tail.Length > 0)
            {
                EmitText(tail);
                tail = string.Empty;
            }

            tail += self[i..];
            self = stripped;
        }
        else if (tail.Length > 0)
        {
            EmitText(tail);
            tail = string.Empty;
        }

        EmitText(self);
    }

    private bool IsUriEnd(int self, int next)
    {
        long context = Context;
        if (self == End)
        {
            return true;
        }

        if (Is(self, '\n') || Is(self, '[') || Is(self, ']') || Is(self, '<') || Is(self, '>') || Is(self, '"'))
        {
            return true;
        }

        if (Seg(self).Contains(' '))
        {
            return true;
        }

        return (Is(self, '\'') && Is(next, '\''))
            || (Is(self, '|') && (context & Template) != 0)
            || (Is(self, '=') && (context & (TemplateParamKey | Heading)) != 0)
            || (Is(self, '}') && Is(next, '}') && (context & Template) != 0)
            || (Is(self, '}') && Is(next, '}') && Is(At(2), '}') && (context & Argument) != 0);
    }

    private (List<WikitextToken> Link, string? Tail) ReallyParseExternalLink(bool brackets, string? freeScheme = null)
    {
        string punctuation;
        if (brackets)
        {
            ParseBracketedUriScheme();
            punctuation = string.Empty;
        }
        else
        {
            ParseFreeUriScheme(freeScheme!);
            punctuation = FreeLinkPunctuation;
        }

        int first = At();
        if (first == End)
        {
            throw FailRoute();
        }

        char firstChar = Seg(first)[0];
        if (firstChar is '\n' or ' ' or ']' || (!brackets && firstChar == '['))
        {
            throw FailRoute();
        }

        string tail = string.Empty;
        while (true)
        {
            int self = At();
            int next = At(1);
            if (Is(self, '&'))
            {
                if (tail.Length > 0)
                {
                    EmitText(tail);
                    tail = string.Empty;
                }

                ParseEntity();
            }
            else if (Is(self, '<') && Is(next, '!') && IsRead('-', 2) && IsRead('-', 3))
            {
                if (tail.Length > 0)
                {
                    EmitText(tail);
                    tail = string.Empty;
                }

                ParseComment();
            }
            else if (Is(self, '{') && Is(next, '{') && CanRecurse())
            {
                if (tail.Length > 0)
                {
                    EmitText(tail);
                    tail = string.Empty;
                }

                ParseTemplateOrArgument();
            }
            else if (brackets)
            {
                if (self == End || Is(self, '\n'))
                {
                    throw FailRoute();
                }

                if (Is(self, ']'))
                {
                    return (Pop(), null);
                }

                if (IsUriEnd(self, next))
                {
                    ReadOnlySpan<char> segment = Seg(self);
                    int space = segment.IndexOf(' ');
                    if (space >= 0)
                    {
                        EmitText(segment[..space]);
                        Emit(WikitextTokenKind.ExternalLinkSeparator);
                        if (space + 1 < segment.Length)
                        {
                            EmitText(segment[(space + 1)..]);
                        }

                        _head++;
                    }
                    else
                    {
                        Emit(WikitextTokenKind.ExternalLinkSeparator);
                    }

                    Context ^= ExtLinkUri;
                    Context |= ExtLinkTitle;
                    return (Parse(0, false).Stack, null);
                }

                EmitSegment(self);
            }
            else
            {
                if (IsUriEnd(self, next))
                {
                    if (self != End && Seg(self).Contains(' '))
                    {
                        string segment = SegString(self);
                        int space = segment.IndexOf(' ', StringComparison.Ordinal);
                        HandleFreeLinkText(ref punctuation, ref tail, segment[..space]);
                        tail += " " + segment[(space + 1)..];
                    }
                    else
                    {
                        _head--;
                    }

                    return (Pop(), tail);
                }

                HandleFreeLinkText(ref punctuation, ref tail, SegString(self));
            }

            _head++;
        }
    }

    private void RemoveUriSchemeFromTextBuffer(string scheme) => TextBuffer.Truncate(TextBuffer.Length - scheme.Length);

    private void ParseExternalLink(bool brackets)
    {
        if ((Context & NoExtLinks) != 0 || !CanRecurse())
        {
            FailedExternalLink(brackets);
            return;
        }

        int reset = _head;
        _head++;
        string? scheme = null;
        bool viable = brackets ? BracketedSchemeCanParse() : (scheme = FreeUriScheme()) is not null;
        List<WikitextToken>? link = null;
        string? extra = null;
        if (viable)
        {
            try
            {
                (link, extra) = ReallyParseExternalLink(brackets, scheme);
            }
            catch (BadRouteException)
            {
                link = null;
            }
        }

        if (link is null)
        {
            _head = reset;
            FailedExternalLink(brackets);
            return;
        }

        if (!brackets)
        {
            RemoveUriSchemeFromTextBuffer(scheme!);
        }

        Emit(new WikitextToken(WikitextTokenKind.ExternalLinkOpen, flag: brackets));
        EmitAll(link);
        Emit(WikitextTokenKind.ExternalLinkClose);
        if (!string.IsNullOrEmpty(extra))
        {
            EmitText(extra);
        }
    }

    private void FailedExternalLink(bool brackets)
    {
        if (!brackets && (Context & DlTerm) != 0)
        {
            HandleDlTerm();
        }
        else
        {
            EmitSegment(At());
        }
    }
}
