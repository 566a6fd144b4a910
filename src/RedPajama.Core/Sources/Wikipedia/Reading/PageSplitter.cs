using System.Text;

namespace RedPajama.Sources.Wikipedia.Reading;

/// <summary>One <c>&lt;page&gt;</c> element's text as cut from a dump by <see cref="PageSplitter"/>.</summary>
/// <param name="Xml">The element from <c>&lt;page</c> to its <c>&lt;/page&gt;</c>; null when it was too large.</param>
/// <param name="Prefix">Its first characters (to name a skipped page by its title).</param>
/// <param name="TooLarge">Whether it exceeded the limit (then only <paramref name="Prefix"/> was kept).</param>
/// <param name="CutShort">Whether another <c>&lt;page&gt;</c> began before its end tag (so it is malformed).</param>
internal readonly record struct PageChunk(string? Xml, string Prefix, bool TooLarge, bool CutShort);

/// <summary>
/// Cuts a dump's character stream into its header (the text before the first <c>&lt;page&gt;</c>) and page elements,
/// by their tags alone, so one malformed page costs only itself and a huge page is skipped without being held.
/// <c>&lt;page</c> and <c>&lt;/page&gt;</c> cannot occur inside a well-formed page's text (<c>&lt;</c> is escaped there);
/// only a CDATA section or comment holding them would be cut wrongly (MediaWiki writes neither).
/// </summary>
internal sealed class PageSplitter
{
    /// <summary>Longest header (root start tag and siteinfo) accepted.</summary>
    public const int MaxHeaderChars = 16 << 20;

    private const int PrefixChars = 4096;
    private const int Lookahead = 12;

    private readonly TextReader _reader;
    private readonly long _maxPageChars;
    private readonly char[] _buffer = new char[1 << 16];
    private readonly StringBuilder _page = new();
    private readonly StringBuilder _prefix = new();
    private int _position;
    private int _length;
    private bool _endOfInput;
    private bool _headerRead;
    private long _pageChars;
    private bool _tooLarge;

    public PageSplitter(TextReader reader, long maxPageChars)
    {
        _reader = reader;
        _maxPageChars = maxPageChars;
    }

    /// <summary>Whether the root's end tag <c>&lt;/mediawiki&gt;</c> was seen.</summary>
    public bool RootEnded { get; private set; }

    /// <summary>Pages cut so far.</summary>
    public long Pages { get; private set; }

    /// <summary>Reads the text before the first page (or the end). Call once, first.</summary>
    /// <returns>The header.</returns>
    public string ReadHeader()
    {
        var header = new StringBuilder();
        _headerRead = true;
        while (true)
        {
            if (!FindLessThan(header, null))
            {
                return header.ToString();
            }

            if (header.Length > MaxHeaderChars)
            {
                throw new InvalidDataException($"the dump header (before the first <page>) is longer than {MaxHeaderChars} characters");
            }

            if (IsTag("page"))
            {
                return header.ToString();
            }

            if (IsTag("/mediawiki"))
            {
                RootEnded = true;
            }

            header.Append('<');
            _position++;
        }
    }

    /// <summary>Cuts the next page.</summary>
    /// <param name="chunk">The page.</param>
    /// <returns>False at the end of the input.</returns>
    /// <exception cref="InvalidDataException">The input ends inside a page (truncated).</exception>
    public bool Next(out PageChunk chunk)
    {
        if (!_headerRead)
        {
            ReadHeader();
        }

        chunk = default;

        // Between pages: skip to the next <page>.
        while (true)
        {
            if (!FindLessThan(null, null))
            {
                return false;
            }

            if (IsTag("page"))
            {
                break;
            }

            if (IsTag("/mediawiki"))
            {
                RootEnded = true;
            }

            _position++;
        }

        StartPage();
        AppendPage(_buffer.AsSpan(_position, 1));
        _position++;
        while (true)
        {
            if (!FindLessThan(null, _page))
            {
                throw new InvalidDataException($"the input ends inside page {Pages + 1} (truncated)");
            }

            if (IsTag("page"))
            {
                // The next page starts before this one ended: this one is malformed, the next is read as usual.
                chunk = FinishPage(cutShort: true);
                return true;
            }

            bool end = IsTag("/page");
            AppendPage(_buffer.AsSpan(_position, 1));
            _position++;
            if (end)
            {
                if (!ConsumeThroughGreaterThan())
                {
                    throw new InvalidDataException($"the input ends inside page {Pages + 1} (truncated)");
                }

                chunk = FinishPage(cutShort: false);
                return true;
            }
        }
    }

    private void StartPage()
    {
        _page.Clear();
        _prefix.Clear();
        _pageChars = 0;
        _tooLarge = false;
    }

    private PageChunk FinishPage(bool cutShort)
    {
        Pages++;
        string? xml = _tooLarge ? null : _page.ToString();
        var chunk = new PageChunk(xml, _prefix.ToString(), _tooLarge, cutShort);
        _page.Clear();
        if (_page.Capacity > 1 << 20)
        {
            _page.Capacity = 1 << 16;
        }

        return chunk;
    }

    private void AppendPage(ReadOnlySpan<char> span)
    {
        if (_prefix.Length < PrefixChars)
        {
            _prefix.Append(span[..Math.Min(span.Length, PrefixChars - _prefix.Length)]);
        }

        _pageChars += span.Length;
        if (_tooLarge)
        {
            return;
        }

        if (_pageChars > _maxPageChars)
        {
            _tooLarge = true;
            _page.Clear();
            return;
        }

        _page.Append(span);
    }

    /// <summary>
    /// Moves to the next <c>&lt;</c> (appending what it passes to <paramref name="text"/> or the page) and makes the
    /// lookahead after it available. False at the end of the input.
    /// </summary>
    private bool FindLessThan(StringBuilder? text, StringBuilder? page)
    {
        while (true)
        {
            int found = _buffer.AsSpan(_position, _length - _position).IndexOf('<');
            int stop = found < 0 ? _length : _position + found;
            if (stop > _position)
            {
                ReadOnlySpan<char> passed = _buffer.AsSpan(_position, stop - _position);
                text?.Append(passed);
                if (page is not null)
                {
                    AppendPage(passed);
                }

                if (text is not null && text.Length > MaxHeaderChars)
                {
                    throw new InvalidDataException($"the dump header (before the first <page>) is longer than {MaxHeaderChars} characters");
                }

                _position = stop;
            }

            if (found >= 0)
            {
                Ensure(Lookahead);
                return true;
            }

            if (Ensure(1) == 0)
            {
                return false;
            }
        }
    }

    private bool ConsumeThroughGreaterThan()
    {
        while (true)
        {
            int found = _buffer.AsSpan(_position, _length - _position).IndexOf('>');
            int stop = found < 0 ? _length : _position + found + 1;
            AppendPage(_buffer.AsSpan(_position, stop - _position));
            _position = stop;
            if (found >= 0)
            {
                return true;
            }

            if (Ensure(1) == 0)
            {
                return false;
            }
        }
    }

    /// <summary>Whether the text at the current <c>&lt;</c> is the tag <paramref name="name"/> (then a delimiter).</summary>
    private bool IsTag(string name)
    {
        int available = _length - _position;
        if (available < name.Length + 2)
        {
            return false;
        }

        ReadOnlySpan<char> after = _buffer.AsSpan(_position + 1, name.Length + 1);
        if (!after[..name.Length].SequenceEqual(name))
        {
            return false;
        }

        char next = after[name.Length];
        return next is '>' or '/' or ' ' or '\t' or '\n' or '\r';
    }

    /// <summary>Reads until at least <paramref name="count"/> characters are buffered or the input ends.</summary>
    private int Ensure(int count)
    {
        while (_length - _position < count && !_endOfInput)
        {
            if (_position > 0)
            {
                Array.Copy(_buffer, _position, _buffer, 0, _length - _position);
                _length -= _position;
                _position = 0;
            }

            int read = _reader.Read(_buffer, _length, _buffer.Length - _length);
            if (read == 0)
            {
                _endOfInput = true;
            }
            else
            {
                _length += read;
            }
        }

        return _length - _position;
    }
}
