using RedPajama.Udfs.Quality;
using static RedPajama.Udfs.Wiki.WikitextContext;

namespace RedPajama.Udfs.Wiki;

/// <summary>HTML-style tags: the open tag and its attributes, the body, the close tag, parser-blacklisted bodies.</summary>
internal sealed partial class WikitextTokenizer
{
    private const int CxName = 1 << 0;
    private const int CxAttrReady = 1 << 1;
    private const int CxAttrName = 1 << 2;
    private const int CxAttrValue = 1 << 3;
    private const int CxQuoted = 1 << 4;
    private const int CxNoteSpace = 1 << 5;
    private const int CxNoteEquals = 1 << 6;
    private const int CxNoteQuote = 1 << 7;

    /// <summary>The state of an open tag being read (<c>&lt;ref name="x"&gt;</c>).</summary>
    private sealed class TagData
    {
        public int Context { get; set; } = CxName;

        public string Quoter { get; set; } = string.Empty;

        public int Reset { get; set; }
    }

    private static bool IsMarkerString(string chunk) =>
        chunk.Length == 1 && MarkerChars.Contains(chunk[0], StringComparison.Ordinal);

    private static bool IsSpaceString(string chunk)
    {
        if (chunk.Length == 0)
        {
            return false;
        }

        foreach (char c in chunk)
        {
            if (!PythonText.IsSpace(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A segment cut into runs of whitespace and runs of anything else.</summary>
    private static List<string> SplitTagChunks(ReadOnlySpan<char> segment)
    {
        var chunks = new List<string>();
        int i = 0;
        while (i < segment.Length)
        {
            bool space = PythonText.IsSpace(segment[i]) || segment[i] is '"' or '\'' or '\\';
            int j = i + 1;
            while (j < segment.Length && (PythonText.IsSpace(segment[j]) || segment[j] is '"' or '\'' or '\\') == space)
            {
                j++;
            }

            chunks.Add(segment[i..j].ToString());
            i = j;
        }

        return chunks;
    }

    /// <summary>
    /// The text (or a table's style line) ended inside a tag's attributes: an open quoted value is read again as
    /// unquoted from where it started (this returns), anything else fails the route (this throws).
    /// </summary>
    private void ReadQuotedValueAgainOrFail(TagData data)
    {
        if ((Context & TagAttr) != 0)
        {
            if ((data.Context & CxQuoted) != 0)
            {
                data.Context = CxAttrValue;
                MemoizeBadRoute();
                Pop();
                _head = data.Reset;
                return;
            }

            Pop();
        }

        throw FailRoute();
    }

    private void PushTagBuffer(TagData data)
    {
        if ((data.Context & CxQuoted) != 0)
        {
            EmitFirst(new WikitextToken(WikitextTokenKind.TagAttrQuote, data.Quoter));
            EmitAll(Pop());
        }

        EmitFirst(WikitextToken.Bare(WikitextTokenKind.TagAttrStart));
        EmitAll(Pop());
    }

    private void HandleTagSpace(TagData data, string text)
    {
        int context = data.Context;
        bool endOfValue = (context & CxAttrValue) != 0 && (context & (CxQuoted | CxNoteQuote)) == 0;
        if (endOfValue || ((context & CxQuoted) != 0 && (context & CxNoteSpace) != 0))
        {
            PushTagBuffer(data);
            data.Context = CxAttrReady;
        }
        else if ((context & CxNoteSpace) != 0)
        {
            data.Context = CxAttrReady;
        }
        else if ((context & CxAttrName) != 0)
        {
            data.Context |= CxNoteEquals;
        }

        if ((context & CxQuoted) != 0 && (context & CxNoteSpace) == 0)
        {
            EmitText(text);
        }
    }

    private void HandleTagText(string text)
    {
        if (!CanRecurse() || !IsMarkerString(text))
        {
            EmitText(text);
        }
        else if (text == "{" && IsRead('{', 1))
        {
            ParseTemplateOrArgument();
        }
        else if (text == "[" && IsRead('[', 1))
        {
            ParseWikilink();
        }
        else if (text == "<")
        {
            ParseTag();
        }
        else
        {
            EmitText(text);
        }
    }

    private void HandleTagData(TagData data, int segment)
    {
        foreach (string chunk in SplitTagChunks(Seg(segment)))
        {
            if ((data.Context & CxName) != 0)
            {
                // As mwparserfromhell's C tokenizer (the one that runs): the name goes on until white space; a marker
                // in it fails the tag, but '"' and '\\' are no markers there, so they belong to the name.
                bool first = (data.Context & CxNoteSpace) == 0;
                bool marker = IsMarkerString(chunk) && chunk != "\"";
                if (marker || (first && IsSpaceString(chunk)))
                {
                    throw FailRoute();
                }

                if (first)
                {
                    data.Context |= CxNoteSpace;
                }
                else if (IsSpaceString(chunk))
                {
                    data.Context = CxAttrReady;
                    HandleTagSpace(data, chunk);
                    continue;
                }
            }
            else if (IsSpaceString(chunk))
            {
                HandleTagSpace(data, chunk);
                continue;
            }
            else if ((data.Context & CxNoteSpace) != 0)
            {
                if ((data.Context & CxQuoted) != 0)
                {
                    data.Context = CxAttrValue;
                    MemoizeBadRoute();
                    Pop();
                    _head = data.Reset - 1;
                    return;
                }

                throw FailRoute();
            }
            else if ((data.Context & CxAttrReady) != 0)
            {
                data.Context = CxAttrName;
                Push(TagAttr);
            }
            else if ((data.Context & CxAttrName) != 0)
            {
                if (chunk == "=")
                {
                    data.Context = CxAttrValue | CxNoteQuote;
                    Emit(WikitextTokenKind.TagAttrEquals);
                    continue;
                }

                if ((data.Context & CxNoteEquals) != 0)
                {
                    PushTagBuffer(data);
                    data.Context = CxAttrName;
                    Push(TagAttr);
                }
            }
            else
            {
                bool escaped = IsRead('\\', -1) && !IsRead('\\', -2);
                if ((data.Context & CxNoteQuote) != 0)
                {
                    data.Context ^= CxNoteQuote;
                    if (chunk is "'" or "\"" && !escaped)
                    {
                        data.Context |= CxQuoted;
                        data.Quoter = chunk;
                        data.Reset = _head;
                        try
                        {
                            Push(Context);
                        }
                        catch (BadRouteException)
                        {
                            data.Context = CxAttrValue;
                            _head--;
                            return;
                        }

                        continue;
                    }
                }
                else if ((data.Context & CxQuoted) != 0 && chunk == data.Quoter && !escaped)
                {
                    data.Context |= CxNoteSpace;
                    continue;
                }
            }

            HandleTagText(chunk);
        }
    }

    private void HandleTagCloseOpen(TagData data, WikitextTokenKind kind)
    {
        if ((data.Context & (CxAttrName | CxAttrValue)) != 0)
        {
            PushTagBuffer(data);
        }

        Emit(kind);
        _head++;
    }

    private void HandleTagOpenClose()
    {
        Emit(WikitextTokenKind.TagOpenClose);
        Push(TagClose);
        _head++;
    }

    private static string TagNameKey(string name) => PythonText.RightStrip(name.AsSpan()).ToString().ToLowerInvariant();

    private string OpenTagName() => Stack.Count > 1 && Stack[1].Kind == WikitextTokenKind.Text ? Stack[1].Text! : string.Empty;

    private ParseResult HandleTagCloseClose()
    {
        List<WikitextToken> closing = Pop();
        if (closing.Count != 1 || closing[0].Kind != WikitextTokenKind.Text || TagNameKey(closing[0].Text!) != TagNameKey(OpenTagName()))
        {
            throw FailRoute();
        }

        EmitAll(closing);
        Emit(WikitextTokenKind.TagCloseClose);
        return new ParseResult(Pop(), 0);
    }

    private List<WikitextToken> HandleBlacklistedTag()
    {
        string name = TagNameKey(OpenTagName());
        while (true)
        {
            int self = At();
            if (self == End)
            {
                throw FailRoute();
            }

            if (Is(self, '<') && IsRead('/', 1))
            {
                _head += 3;
                if (!IsRead('>') || TagNameKey(SegString(At(-1))) != name)
                {
                    _head--;
                    EmitText("</");
                    continue;
                }

                Emit(WikitextTokenKind.TagOpenClose);
                EmitSegment(At(-1));
                Emit(WikitextTokenKind.TagCloseClose);
                return Pop();
            }

            if (Is(self, '&'))
            {
                ParseEntity();
            }
            else
            {
                EmitSegment(self);
            }

            _head++;
        }
    }

    private List<WikitextToken> HandleSingleOnlyTagEnd()
    {
        Stack.RemoveAt(Stack.Count - 1);
        Emit(new WikitextToken(WikitextTokenKind.TagCloseSelfclose, flag: true));
        _head--;
        return Pop();
    }

    private List<WikitextToken> HandleSingleTagEnd()
    {
        List<WikitextToken> stack = Stack;
        int depth = 1;
        for (int index = 2; index < stack.Count; index++)
        {
            WikitextTokenKind kind = stack[index].Kind;
            if (kind == WikitextTokenKind.TagOpenOpen)
            {
                depth++;
            }
            else if (kind is WikitextTokenKind.TagCloseOpen or WikitextTokenKind.TagCloseSelfclose)
            {
                depth--;
                if (depth == 0)
                {
                    if (kind == WikitextTokenKind.TagCloseSelfclose)
                    {
                        throw new InvalidOperationException("a single tag's end met an unexpected self-closing token");
                    }

                    stack[index] = new WikitextToken(WikitextTokenKind.TagCloseSelfclose, flag: true);
                    return Pop();
                }
            }
        }

        throw new InvalidOperationException("a single tag's end found no close of its open tag");
    }

    private List<WikitextToken> ReallyParseTag()
    {
        var data = new TagData();
        Push(TagOpen);
        Emit(WikitextTokenKind.TagOpenOpen);
        while (true)
        {
            int self = At();
            bool canExit = (data.Context & (CxQuoted | CxName)) == 0 || (data.Context & CxNoteSpace) != 0;
            if (self == End)
            {
                ReadQuotedValueAgainOrFail(data);
                continue;
            }

            if (Is(self, '>') && canExit)
            {
                HandleTagCloseOpen(data, WikitextTokenKind.TagCloseOpen);
                Context = TagBody;
                string name = OpenTagName();
                if (WikitextTagNames.IsSingleOnly(name))
                {
                    return HandleSingleOnlyTagEnd();
                }

                if (WikitextTagNames.IsParsable(name))
                {
                    return Parse(0, false).Stack;
                }

                return HandleBlacklistedTag();
            }

            if (Is(self, '/') && IsRead('>', 1) && canExit)
            {
                HandleTagCloseOpen(data, WikitextTokenKind.TagCloseSelfclose);
                return Pop();
            }

            HandleTagData(data, self);
            _head++;
        }
    }

    private void HandleInvalidTagStart()
    {
        int reset = _head + 1;
        _head += 2;
        List<string> chunks = SplitTagChunks(Seg(At()));
        string first = chunks.Count > 0 && !IsSpaceString(chunks[0]) ? chunks[0] : string.Empty;
        List<WikitextToken>? tag = TryReallyParseTag(WikitextTagNames.IsSingleOnly(first));

        if (tag is null)
        {
            _head = reset;
            EmitText("</");
            return;
        }

        tag[0] = tag[0].WithFlag();
        EmitAll(tag);
    }

    /// <summary>The tag at the head, or null when it cannot start there, failed there before, or fails now.</summary>
    private List<WikitextToken>? TryReallyParseTag(bool canStart)
    {
        if (!canStart || _badRoutes.Contains((_head, TagOpen)))
        {
            return null;
        }

        try
        {
            return ReallyParseTag();
        }
        catch (BadRouteException)
        {
            return null;
        }
    }

    /// <summary>Whether an open tag can start at the head: its first chunk is text, not a marker or whitespace.</summary>
    private bool TagNameCanStart()
    {
        int self = At();
        if (self == End || (IsMarker(self) && !Is(self, '"')))
        {
            return false;
        }

        return !PythonText.IsSpace(Seg(self)[0]);
    }

    private void ParseTag()
    {
        int reset = _head;
        _head++;
        List<WikitextToken>? tag = TryReallyParseTag(TagNameCanStart());

        if (tag is null)
        {
            _head = reset;
            EmitText("<");
            return;
        }

        EmitAll(tag);
    }
}
