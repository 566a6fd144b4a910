using System.Text;
using System.Xml;
using RedPajama.Documents;
using RedPajama.Reading;

namespace RedPajama.Sources.Wikipedia.Reading;

/// <summary>
/// Reads MediaWiki XML dumps (<c>*-pages-articles*.xml.bz2</c>, multistream or not, <c>.xml</c>, <c>.xml.gz</c>,
/// <c>.xml.zst</c>) as the HuggingFace <c>wikipedia</c> builder reads them: one document per <c>&lt;page&gt;</c> in file
/// order, order key (input index, page ordinal from 0); the text is the raw wikitext of the page's last
/// <c>&lt;revision&gt;</c>'s <c>&lt;text&gt;</c>, character entities decoded as XML requires (pages-articles dumps hold one
/// revision a page; the builder takes the first, which is then the same). Pages the builder skips are yielded dropped,
/// in its order of tests: <see cref="WikipediaDropReasons.NotArticle"/> (<c>&lt;ns&gt;</c> not exactly <c>0</c>),
/// <see cref="WikipediaDropReasons.Redirect"/>, <see cref="WikipediaDropReasons.EmptyPage"/>; and
/// <see cref="WikipediaDropReasons.MalformedXml"/> (the next page is read as usual) and
/// <see cref="WikipediaDropReasons.TooLarge"/> (over <see cref="MaxPageChars"/>, never held in memory).
/// Meta (fields the schema has): <see cref="WikipediaReadMeta"/>; dropped pages get title and page id when known.
/// <para>
/// Bad input: a DOCTYPE (entity definitions) fails the input, nothing is expanded or fetched; an input that ends
/// inside a page or without <c>&lt;/mediawiki&gt;</c>, or a truncated or corrupt bzip2 file, fails after the pages
/// before; bytes that are not UTF-8 become U+FFFD (a UTF-16 file with a byte order mark is read as such); control
/// characters are kept.
/// </para>
/// <para>
/// A multistream bzip2 dump larger than twice <see cref="RangeBytes"/> is split into ranges of whole streams
/// (<see cref="Split"/>), which the engines read as separate inputs: in parallel, one Spark task each.
/// </para>
/// </summary>
public sealed class WikipediaDumpReader : IDocumentReader, IInputSplitter
{
    /// <summary>Default <see cref="MaxPageChars"/>: 64 Mi characters.</summary>
    public const long DefaultMaxPageChars = 64L << 20;

    /// <summary>Default <see cref="RangeBytes"/>: 8 MiB of bzip2 (about 35 MB of XML, 8,000 enwiki pages).</summary>
    public const long DefaultRangeBytes = 8L << 20;

    /// <summary>Creates a reader with <see cref="DefaultMaxPageChars"/> and <see cref="DefaultRangeBytes"/>.</summary>
    public WikipediaDumpReader()
        : this(DefaultMaxPageChars)
    {
    }

    /// <summary>Creates a reader.</summary>
    /// <param name="maxPageChars">A page element (its XML as stored, so at least its text) longer than this many
    /// characters is dropped as too large.</param>
    /// <param name="rangeBytes">Compressed size of the ranges a multistream dump is split into.</param>
    public WikipediaDumpReader(long maxPageChars, long rangeBytes = DefaultRangeBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPageChars);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rangeBytes);
        MaxPageChars = maxPageChars;
        RangeBytes = rangeBytes;
    }

    /// <summary>Longest page element kept, in UTF-16 characters of its XML as stored.</summary>
    public long MaxPageChars { get; }

    /// <summary>Wanted compressed size of the ranges <see cref="Split"/> makes.</summary>
    public long RangeBytes { get; }

    /// <summary>
    /// The language every page gets, for a dump whose <c>&lt;dbname&gt;</c> is wrong (test mini-dumps copy enwiki's
    /// header); null takes it from the dump (<see cref="DumpNames.LanguageOf"/>).
    /// </summary>
    public string? Language { get; init; }

    /// <summary>Whether <paramref name="path"/> looks like an XML dump this reader reads (<c>.xml</c>, optionally compressed).</summary>
    /// <param name="path">A path or name.</param>
    /// <returns>True for <c>.xml</c>, <c>.xml.bz2</c>, <c>.xml.gz</c>, <c>.xml.zst</c> and the multistream names
    /// (<c>…multistream1.xml-p1p41242.bz2</c>).</returns>
    public static bool Accepts(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = InputStreams.InnerName(path);
        if (Bzip2.IsBzip2(name))
        {
            name = name[..^".bz2".Length];
        }

        if (name.EndsWith(".xml", StringComparison.Ordinal))
        {
            return true;
        }

        // Wikimedia's split dumps end in the pages they hold: …-pages-articles1.xml-p1p41242.
        int split = name.LastIndexOf(".xml-p", StringComparison.Ordinal);
        if (split < 0)
        {
            return false;
        }

        ReadOnlySpan<char> pages = name.AsSpan(split + ".xml-p".Length);
        int p = pages.IndexOf('p');
        return p > 0 && p < pages.Length - 1 && !pages[..p].ContainsAnyExceptInRange('0', '9') && !pages[(p + 1)..].ContainsAnyExceptInRange('0', '9');
    }

    /// <summary>Opens the decompressed bytes of a dump: bzip2 (every stream), else by <see cref="InputStreams.Decompress"/>.</summary>
    /// <param name="content">The stored bytes.</param>
    /// <param name="path">The file's path or name.</param>
    /// <returns>The XML bytes; disposing it disposes <paramref name="content"/>.</returns>
    public static Stream Decompress(Stream content, string path) =>
        Bzip2.IsBzip2(path) ? Bzip2.OpenRead(content) : InputStreams.Decompress(content, path);

    /// <summary>Reads the header (siteinfo) of a dump file: only the bytes before its first page are decoded.</summary>
    /// <param name="path">A dump file.</param>
    /// <returns>The site information.</returns>
    public static SiteInfo ReadSiteInfo(string path)
    {
        using Stream raw = InputStreams.OpenRaw(path);
        using Stream xml = Decompress(raw, path);
        using TextReader text = OpenText(xml);
        return SiteInfo.Parse(new PageSplitter(text, DefaultMaxPageChars).ReadHeader());
    }

    /// <inheritdoc />
    public IEnumerable<Document> Read(InputFile input, Stream content, MetaSchema meta)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(meta);
        return input.Range is { } range ? ReadRangePages(input, range, content, meta) : ReadAll(input, content, meta);
    }

    /// <summary>
    /// Splits a multistream bzip2 dump of more than twice <see cref="RangeBytes"/> into ranges of whole streams of about
    /// that size (<see cref="Bzip2Blocks.Ranges"/>): from the index beside it when there is one
    /// (<see cref="MultistreamIndex.FindBeside"/>), else by scanning for stream starts. Anything else is read whole.
    /// </summary>
    /// <param name="path">A dump file.</param>
    /// <returns>The ranges, or none.</returns>
    public IReadOnlyList<InputRange> Split(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!Bzip2.IsBzip2(path) || new FileInfo(path).Length < 2 * RangeBytes)
        {
            return [];
        }

        MultistreamIndex? index = MultistreamIndex.FindBeside(path) is { } indexPath ? MultistreamIndex.Load(indexPath) : null;
        IReadOnlyList<InputRange> ranges = Bzip2Blocks.Ranges(path, RangeBytes, index);
        return ranges.Count >= 2 ? ranges : [];
    }

    private static StreamReader OpenText(Stream xml) =>
        new StreamReader(xml, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);

    private IEnumerable<Document> ReadAll(InputFile input, Stream content, MetaSchema meta) =>
        ReadDecoded(input, Decompress(content, input.Path), null, meta, expectRootEnd: true);

    // A range of whole streams (the engines' unit for a split dump): pages numbered from 0; the header comes from the
    // range when it starts the file, else from the file's first stream.
    private IEnumerable<Document> ReadRangePages(InputFile input, InputRange range, Stream content, MetaSchema meta)
    {
        SiteInfo? site = range.Start == 0 ? null : ReadSiteInfo(input.Path);
        bool last = range.End >= new FileInfo(input.Path).Length;
        foreach (Document document in ReadDecoded(input, Bzip2.OpenRange(content, range.Length), site, meta, expectRootEnd: last))
        {
            yield return document;
        }
    }

    // The pages of decompressed XML, after its header (the siteinfo, unless given).
    private IEnumerable<Document> ReadDecoded(InputFile input, Stream decoded, SiteInfo? site, MetaSchema meta, bool expectRootEnd)
    {
        using var xml = new FailureDeferringStream(decoded, rethrowOnNextRead: false);
        using TextReader text = OpenText(xml);
        var splitter = new PageSplitter(text, MaxPageChars);
        string header;
        try
        {
            header = splitter.ReadHeader();
        }
        catch (InvalidDataException)
        {
            xml.ThrowIfFailed();
            throw;
        }

        xml.ThrowIfFailed();
        site ??= SiteInfo.Parse(header);
        foreach (Document document in ReadPages(input, splitter, xml, site, meta, expectRootEnd))
        {
            yield return document;
        }
    }

    private IEnumerable<Document> ReadPages(InputFile input, PageSplitter splitter, FailureDeferringStream xml, SiteInfo site, MetaSchema meta, bool expectRootEnd)
    {
        var fields = new Fields(meta, site, Language ?? DumpNames.LanguageOf(site.DbName, input.Path), input.Path);
        XmlParserContext context = PageParser.Context(site);
        long ordinal = 0;
        while (true)
        {
            PageChunk chunk;
            try
            {
                if (!splitter.Next(out chunk))
                {
                    break;
                }
            }
            catch (InvalidDataException)
            {
                // The decompressed stream broke inside a page: its failure is the input's error.
                xml.ThrowIfFailed();
                throw;
            }

            var document = new Document(new OrderKey(input.Index, ordinal), meta.Count);
            ordinal++;
            if (chunk.TooLarge || chunk.Xml is null)
            {
                string? title = PageParser.TitleFromPrefix(chunk.Prefix);
                document.Member = title ?? $"page {ordinal}";
                fields.Set(document, title, null);
                document.Drop(WikipediaDropReasons.TooLarge);
                yield return document;
                continue;
            }

            ParsedPage? page = null;
            if (!chunk.CutShort)
            {
                try
                {
                    page = PageParser.Parse(chunk.Xml, context);
                }
                catch (XmlException)
                {
                    page = null;
                }
            }

            if (page is null)
            {
                string? title = PageParser.TitleFromPrefix(chunk.Prefix);
                document.Member = title ?? $"page {ordinal}";
                fields.Set(document, title, null);
                document.Drop(WikipediaDropReasons.MalformedXml);
                yield return document;
                continue;
            }

            document.Member = page.Title ?? $"page {ordinal}";
            fields.Set(document, page.Title, PageParser.ParseId(page.Id));
            string? reason = page.Namespace != "0" ? WikipediaDropReasons.NotArticle
                : page.Redirect ? WikipediaDropReasons.Redirect
                : page.Text is null ? WikipediaDropReasons.EmptyPage
                : null;
            if (reason is not null)
            {
                document.Drop(reason);
            }
            else
            {
                document.Text = page.Text!;
            }

            yield return document;
        }

        xml.ThrowIfFailed();
        if (expectRootEnd && !splitter.RootEnded)
        {
            throw new InvalidDataException($"{input.Name}: the dump ends without </mediawiki> after {ordinal} pages (truncated)");
        }
    }

    /// <summary>The meta fields' indexes and the values every page of the input shares.</summary>
    private sealed class Fields(MetaSchema meta, SiteInfo site, string? language, string path)
    {
        private readonly int _title = meta.IndexOf(WikipediaReadMeta.Title);
        private readonly int _pageId = meta.IndexOf(WikipediaReadMeta.PageId);
        private readonly int _language = meta.IndexOf(WikipediaReadMeta.Language);
        private readonly int _timestamp = meta.IndexOf(WikipediaReadMeta.Timestamp);
        private readonly int _namespaces = meta.IndexOf(WikipediaReadMeta.WikiNamespaces);
        private readonly string? _languageValue = language;
        private readonly string? _timestampValue = DumpNames.DateOf(path);
        private readonly string? _namespacesValue = site.EncodeMediaCategoryNamespaces();

        public void Set(Document document, string? title, long? pageId)
        {
            SetValue(document, _title, title);
            SetValue(document, _pageId, pageId);
            SetValue(document, _language, _languageValue);
            SetValue(document, _timestamp, _timestampValue);
            SetValue(document, _namespaces, _namespacesValue);
        }

        private static void SetValue(Document document, int index, object? value)
        {
            if (index >= 0)
            {
                document.Meta[index] = value;
            }
        }
    }
}
