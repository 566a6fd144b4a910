using static RedPajama.Udfs.Wiki.WikitextContext;

namespace RedPajama.Udfs.Wiki;

/// <summary>Wiki tables (<c>{| … |}</c>): rows, header and data cells, and their style attributes.</summary>
internal sealed partial class WikitextTokenizer
{
    private void EmitTableTag(string openMarkup, string tag, List<WikitextToken>? style, string? closeOpenMarkup, List<WikitextToken>? contents, string closeMarkup)
    {
        Emit(new WikitextToken(WikitextTokenKind.TagOpenOpen, openMarkup));
        EmitText(tag);
        if (style is { Count: > 0 })
        {
            EmitAll(style);
        }

        Emit(new WikitextToken(WikitextTokenKind.TagCloseOpen, closeOpenMarkup));
        if (contents is { Count: > 0 })
        {
            EmitAll(contents);
        }

        Emit(new WikitextToken(WikitextTokenKind.TagOpenClose, closeMarkup));
        EmitText(tag);
        Emit(WikitextTokenKind.TagCloseClose);
    }

    /// <summary>Reads style attributes up to <paramref name="end"/> (a newline or a pipe).</summary>
    private void HandleTableStyle(char end)
    {
        var data = new TagData { Context = CxAttrReady };
        while (true)
        {
            int self = At();
            bool canExit = (data.Context & CxQuoted) == 0 || (data.Context & CxNoteSpace) != 0;
            if (Is(self, end) && canExit)
            {
                if ((data.Context & (CxAttrName | CxAttrValue)) != 0)
                {
                    PushTagBuffer(data);
                }

                return;
            }

            if (self == End || Is(self, end))
            {
                ReadQuotedValueAgainOrFail(data);
                continue;
            }

            HandleTagData(data, self);
            _head++;
        }
    }

    private void ParseTable()
    {
        int reset = _head;
        _head += 2;
        List<WikitextToken> style;
        if (_badRoutes.Contains((_head, TableOpen)))
        {
            _head = reset;
            EmitText("{");
            return;
        }

        try
        {
            Push(TableOpen);
            HandleTableStyle('\n');
        }
        catch (BadRouteException)
        {
            _head = reset;
            EmitText("{");
            return;
        }

        style = Pop();
        _head++;
        int restoreDepth = _frameCount;
        if (!TryParse(TableOpen, out ParseResult table, out _))
        {
            while (_frameCount > restoreDepth)
            {
                MemoizeBadRoute();
                Pop();
            }

            _head = reset;
            EmitText("{");
            return;
        }

        EmitTableTag("{|", "table", style, null, table.Stack, "|}");
        _head--;
    }

    private void HandleTableRow()
    {
        _head += 2;
        if (!CanRecurse())
        {
            EmitText("|-");
            _head--;
            return;
        }

        Push(TableOpen | TableRowOpen);
        HandleTableStyle('\n');
        List<WikitextToken> style = Pop();
        _head++;
        List<WikitextToken> row = Parse(TableOpen | TableRowOpen, true).Stack;
        EmitTableTag("|-", "tr", style, null, row, string.Empty);
        _head--;
    }

    private void HandleTableCell(string markup, string tag, long lineContext)
    {
        long oldContext = Context;
        List<WikitextToken>? style = null;
        _head += markup.Length;
        int reset = _head;
        if (!CanRecurse())
        {
            EmitText(markup);
            _head--;
            return;
        }

        List<WikitextToken> cell = Parse(TableOpen | TableCellOpen | lineContext | TableCellStyle, true).Stack;
        long cellContext = Context;
        Context = oldContext;
        bool resetForStyle = (cellContext & TableCellStyle) != 0;
        if (resetForStyle)
        {
            _head = reset;
            Push(TableOpen | TableCellOpen | lineContext);
            HandleTableStyle('|');
            style = Pop();
            _head++;
            cell = Parse(TableOpen | TableCellOpen | lineContext, true).Stack;
            cellContext = Context;
            Context = oldContext;
        }

        EmitTableTag(markup, tag, style, resetForStyle ? "|" : null, cell, string.Empty);
        Context |= cellContext & (TableThLine | TableTdLine);
        _head--;
    }

    private ParseResult HandleTableCellEnd(bool resetForStyle = false)
    {
        if (resetForStyle)
        {
            Context |= TableCellStyle;
        }
        else
        {
            Context &= ~TableCellStyle;
        }

        return new ParseResult(Pop(keepContext: true), 0);
    }

    /// <summary>Table markup inside a table: cells, rows and the end; null when the loop goes on.</summary>
    private ParseResult? HandleTableMarkup(char c, int next, int self)
    {
        long context = Context;
        bool nextSame = Is(next, c);
        if (c == '|' && nextSame && (context & TableTdLine) != 0)
        {
            if ((context & TableCellOpen) != 0)
            {
                return HandleTableCellEnd();
            }

            HandleTableCell("||", "td", TableTdLine);
        }
        else if (c == '|' && nextSame && (context & TableThLine) != 0)
        {
            if ((context & TableCellOpen) != 0)
            {
                return HandleTableCellEnd();
            }

            HandleTableCell("||", "th", TableThLine);
        }
        else if (c == '!' && nextSame && (context & TableThLine) != 0)
        {
            if ((context & TableCellOpen) != 0)
            {
                return HandleTableCellEnd();
            }

            HandleTableCell("!!", "th", TableThLine);
        }
        else if (c == '|' && (context & TableCellStyle) != 0)
        {
            return HandleTableCellEnd(resetForStyle: true);
        }
        else if (c == '\n' && (context & TableCellLineContexts) != 0)
        {
            Context &= ~TableCellLineContexts;
            EmitSegment(self);
        }
        else if (AtLineStart(-1) || (AtLineStart(-2) && SegIsSpace(At(-1))))
        {
            if (c == '|' && Is(next, '}'))
            {
                if ((context & TableCellOpen) != 0)
                {
                    return HandleTableCellEnd();
                }

                if ((context & TableRowOpen) != 0)
                {
                    return new ParseResult(Pop(), 0);
                }

                _head += 2;
                return new ParseResult(Pop(), 0);
            }

            if (c == '|' && Is(next, '-'))
            {
                if ((context & TableCellOpen) != 0)
                {
                    return HandleTableCellEnd();
                }

                if ((context & TableRowOpen) != 0)
                {
                    return new ParseResult(Pop(), 0);
                }

                HandleTableRow();
            }
            else if (c == '|')
            {
                if ((context & TableCellOpen) != 0)
                {
                    return HandleTableCellEnd();
                }

                HandleTableCell("|", "td", TableTdLine);
            }
            else if (c == '!')
            {
                if ((context & TableCellOpen) != 0)
                {
                    return HandleTableCellEnd();
                }

                HandleTableCell("!", "th", TableThLine);
            }
            else
            {
                EmitSegment(self);
            }
        }
        else
        {
            EmitSegment(self);
        }

        return null;
    }
}
