using System.Runtime.ExceptionServices;
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
/// </summary>
public sealed class WikipediaDumpReader : IDocumentReader
{
    /// <summary>Default <see cref="MaxPageChars"/>: 64 Mi characters.</summary>
    public const long DefaultMaxPageChars = 64L << 20;

    /// <summary>Creates a reader with <see cref="DefaultMaxPageChars"/>.</summary>
    public WikipediaDumpReader()
        : this(DefaultMaxPageChars)
    {
    }

    /// <summary>Creates a reader.</summary>
    /// <param name="maxPageChars">A page element (its XML as stored, so at least its text) longer than this many
    /// characters is dropped as too large.</param>
    public WikipediaDumpReader(long maxPageChars)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPageChars);
        MaxPageChars = maxPageChars;
    }

    /// <summary>Longest page element kept, in UTF-16 characters of its XML as stored.</summary>
    public long MaxPageChars { get; }

    /// <summary>Whether <paramref name="path"/> looks like an XML dump this reader reads (<c>.xml</c>, optionally compressed).</summary>
    /// <param name="path">A path or name.</param>
    /// <returns>True for <c>.xml</c>, <c>.xml.bz2</c>, <c>.xml.gz</c>, <c>.xml.zst</c> and the multistream names
    /// (<c>…multistream1.xml-p1p41242.bz2</c>).</returns>
    public static bool Accepts(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = Path.GetFileName(path).ToLowerInvariant();
        return name.EndsWith(".xml", StringComparison.Ordinal) || name.Contains(".xml.", StringComparison.Ordinal)
            || name.Contains(".xml-", StringComparison.Ordinal);
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
        return ReadAll(input, content, meta);
    }

    /// <summary>
    /// Reads the pages of one range of a multistream dump (<see cref="Bzip2Blocks.Ranges"/>): the bzip2 streams in
    /// <c>[range.Start, range.End)</c> of the file <paramref name="input"/> names. Pages get order keys
    /// (input index, <see cref="DumpRange.FirstPage"/> + k) when the range knows its first page's ordinal (from the
    /// index), which are the keys a sequential read gives; else (input index, <c>range.Start</c> × 2^24 + k), increasing
    /// in file order but not dense. The range starting at 0 holds the header, others get it from <paramref name="site"/>.
    /// </summary>
    /// <param name="input">The dump file (read by path).</param>
    /// <param name="range">The range of streams.</param>
    /// <param name="site">The dump's header (<see cref="ReadSiteInfo"/>).</param>
    /// <param name="meta">The meta schema.</param>
    /// <returns>The range's pages in order.</returns>
    public IEnumerable<Document> ReadRange(InputFile input, DumpRange range, SiteInfo site, MetaSchema meta)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(meta);
        return ReadRangePages(input, range, site, meta);
    }

    /// <summary>Default compressed size of the ranges <see cref="ReadParallel"/> decodes (16 MiB).</summary>
    public const long DefaultRangeBytes = 16L << 20;

    /// <summary>
    /// Reads a dump file with up to <paramref name="threads"/> threads: a multistream bzip2 dump is split into ranges of
    /// whole streams (<see cref="Bzip2Blocks.Ranges"/>, from the index beside it when there is one) decoded and parsed in
    /// parallel, at most <paramref name="threads"/> + 1 ranges ahead of the consumer; the pages come out in file order with
    /// the order keys of <see cref="Read"/> (renumbered from 0), and a range's failure is thrown after the pages before it,
    /// as <see cref="Read"/> does. Other files (one stream, not bzip2, one thread) are read by <see cref="Read"/>.
    /// </summary>
    /// <param name="input">The dump file (read by path).</param>
    /// <param name="meta">The meta schema.</param>
    /// <param name="threads">Threads (ranges decoded at once).</param>
    /// <param name="rangeBytes">Compressed size of a range.</param>
    /// <param name="index">The dump's index; null to look for it beside the dump (<see cref="MultistreamIndex.FindBeside"/>).</param>
    /// <returns>The pages in file order.</returns>
    public IEnumerable<Document> ReadParallel(InputFile input, MetaSchema meta, int threads, long rangeBytes = DefaultRangeBytes, MultistreamIndex? index = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(meta);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rangeBytes);
        return ReadParallelPages(input, meta, threads, rangeBytes, index);
    }

    private IEnumerable<Document> ReadParallelPages(InputFile input, MetaSchema meta, int threads, long rangeBytes, MultistreamIndex? index)
    {
        IReadOnlyList<DumpRange>? ranges = null;
        if (threads > 1 && Bzip2.IsBzip2(input.Path))
        {
            string? indexPath = index is null ? MultistreamIndex.FindBeside(input.Path) : null;
            index ??= indexPath is null ? null : MultistreamIndex.Load(indexPath);
            ranges = Bzip2Blocks.Ranges(input.Path, rangeBytes, index);
        }

        if (ranges is null || ranges.Count < 2)
        {
            using FileStream file = InputStreams.OpenRaw(input.Path);
            foreach (Document document in ReadAll(input, file, meta))
            {
                yield return document;
            }

            yield break;
        }

        SiteInfo site = ReadSiteInfo(input.Path);
        using var cancel = new CancellationTokenSource();
        var pending = new Queue<Task<RangeResult>>();
        int next = 0;
        long ordinal = 0;
        try
        {
            while (next < ranges.Count || pending.Count > 0)
            {
                while (next < ranges.Count && pending.Count <= threads)
                {
                    DumpRange range = ranges[next++];
                    pending.Enqueue(Task.Run(() => Collect(input, range, site, meta, cancel.Token)));
                }

                RangeResult result = pending.Dequeue().GetAwaiter().GetResult();
                foreach (Document document in result.Documents)
                {
                    yield return Renumber(document, new OrderKey(input.Index, ordinal++), meta.Count);
                }

                result.Failure?.Throw();
            }
        }
        finally
        {
            cancel.Cancel();
            foreach (Task<RangeResult> task in pending)
            {
                try
                {
                    task.Wait();
                }
                catch (AggregateException)
                {
                    // Abandoned ranges: their failures do not matter.
                }
            }
        }
    }

    private RangeResult Collect(InputFile input, DumpRange range, SiteInfo site, MetaSchema meta, CancellationToken cancellation)
    {
        var documents = new List<Document>();
        try
        {
            foreach (Document document in ReadRangePages(input, range, site, meta))
            {
                cancellation.ThrowIfCancellationRequested();
                documents.Add(document);
            }

            return new RangeResult(documents, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new RangeResult(documents, ExceptionDispatchInfo.Capture(e));
        }
    }

    private static Document Renumber(Document document, OrderKey order, int metaCount)
    {
        var copy = new Document(order, metaCount) { Text = document.Text, Member = document.Member };
        Array.Copy(document.Meta, copy.Meta, metaCount);
        if (document.DropReason is { } reason)
        {
            copy.Drop(reason);
        }

        return copy;
    }

    private sealed record RangeResult(List<Document> Documents, ExceptionDispatchInfo? Failure);

    private static StreamReader OpenText(Stream xml) =>
        new StreamReader(xml, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);

    private IEnumerable<Document> ReadAll(InputFile input, Stream content, MetaSchema meta)
    {
        using var xml = new DeferredFailureStream(Decompress(content, input.Path));
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
        SiteInfo site = SiteInfo.Parse(header);
        foreach (Document document in ReadPages(input, splitter, xml, site, meta, ordinal => ordinal, expectRootEnd: true))
        {
            yield return document;
        }
    }

    private IEnumerable<Document> ReadRangePages(InputFile input, DumpRange range, SiteInfo site, MetaSchema meta)
    {
        using var xml = new DeferredFailureStream(Bzip2.OpenRange(input.Path, range.Start, range.End));
        using TextReader text = OpenText(xml);
        var splitter = new PageSplitter(text, MaxPageChars);
        splitter.ReadHeader();
        Func<long, long> order = range.FirstPage is long first
            ? k => first + k
            : k => k < 1L << 24 ? (range.Start << 24) + k : throw new InvalidDataException($"more than 2^24 pages in the range at {range.Start}: read it with its index");
        long length = new FileInfo(input.Path).Length;
        foreach (Document document in ReadPages(input, splitter, xml, site, meta, order, expectRootEnd: range.End >= length))
        {
            yield return document;
        }
    }

    private static IEnumerable<Document> ReadPages(InputFile input, PageSplitter splitter, DeferredFailureStream xml, SiteInfo site, MetaSchema meta, Func<long, long> order, bool expectRootEnd)
    {
        var fields = new Fields(meta, site, input.Path);
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

            var document = new Document(new OrderKey(input.Index, order(ordinal)), meta.Count);
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
            throw new InvalidDataException($"{input.Path}: the dump ends without </mediawiki> after {ordinal} pages (truncated)");
        }
    }

    /// <summary>The meta fields' indexes and the values every page of the input shares.</summary>
    private sealed class Fields(MetaSchema meta, SiteInfo site, string path)
    {
        private readonly int _title = meta.IndexOf(WikipediaReadMeta.Title);
        private readonly int _pageId = meta.IndexOf(WikipediaReadMeta.PageId);
        private readonly int _language = meta.IndexOf(WikipediaReadMeta.Language);
        private readonly int _timestamp = meta.IndexOf(WikipediaReadMeta.Timestamp);
        private readonly int _namespaces = meta.IndexOf(WikipediaReadMeta.WikiNamespaces);
        private readonly string? _languageValue = DumpNames.LanguageOf(site.DbName, path);
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
