using System.Security.Cryptography;
using System.Text;
using ICSharpCode.SharpZipLib.BZip2;
using RedPajama.Documents;
using RedPajama.Reading;
using RedPajama.Sources.Wikipedia.Reading;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Wiki.Reading;

/// <summary>Helpers for the dump reader tests: the meta schema, reading files, building dumps.</summary>
internal static class WikiDumps
{
    public static MetaSchema Meta { get; } = new(
        new MetaField(WikipediaReadMeta.Title, MetaType.Text),
        new MetaField(WikipediaReadMeta.PageId, MetaType.Integer),
        new MetaField(WikipediaReadMeta.Language, MetaType.Text),
        new MetaField(WikipediaReadMeta.Timestamp, MetaType.Text),
        new MetaField(WikipediaReadMeta.WikiNamespaces, MetaType.Text));

    public static string Fixture(string name) => TestData.Fixture(Path.Combine("wikipedia-dumps", name));

    public static List<Document> ReadFile(string path, WikipediaDumpReader? reader = null, int index = 0)
    {
        using FileStream stream = File.OpenRead(path);
        return [.. (reader ?? new WikipediaDumpReader()).Read(new InputFile(index, path, stream.Length), stream, Meta)];
    }

    /// <summary>Reads until the reader throws; returns the documents before and the exception.</summary>
    public static (List<Document> Documents, Exception? Error) ReadUntilError(string path, WikipediaDumpReader? reader = null)
    {
        var documents = new List<Document>();
        try
        {
            using FileStream stream = File.OpenRead(path);
            foreach (Document document in (reader ?? new WikipediaDumpReader()).Read(new InputFile(0, path, stream.Length), stream, Meta))
            {
                documents.Add(document);
            }

            return (documents, null);
        }
        catch (Exception e) when (InputError.IsInputFailure(e))
        {
            return (documents, e);
        }
    }

    public static string? Title(Document d) => (string?)d.Meta[0];

    public static long? PageId(Document d) => (long?)d.Meta[1];

    public static string? Language(Document d) => (string?)d.Meta[2];

    public static string? Timestamp(Document d) => (string?)d.Meta[3];

    public static string? Namespaces(Document d) => (string?)d.Meta[4];

#pragma warning disable CA5350 // a content fingerprint to compare with the Python reference, not security
    public static string Sha1(string text) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5350

    public const string Header = """
        <mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10" xml:lang="bg">
          <siteinfo>
            <dbname>bgwiki</dbname>
            <namespaces>
              <namespace key="0" case="first-letter" />
              <namespace key="6" case="first-letter">Файл</namespace>
              <namespace key="14" case="first-letter">Категория</namespace>
            </namespaces>
          </siteinfo>

        """;

    public const string Footer = "</mediawiki>\n";

    public static string Page(string title, long id, string text, int ns = 0, bool redirect = false) =>
        $"  <page>\n    <title>{title}</title>\n    <ns>{ns}</ns>\n    <id>{id}</id>\n"
        + (redirect ? "    <redirect title=\"x\" />\n" : string.Empty)
        + $"    <revision>\n      <id>{id * 10}</id>\n      <text xml:space=\"preserve\">{text}</text>\n    </revision>\n  </page>\n";

    /// <summary>Some varied pages: articles with pseudo-random words, every 7th a redirect, every 11th a talk page.</summary>
    public static List<string> Pages(int count, int seed = 1)
    {
        var random = new Random(seed);
        string[] words = ["wiki", "страница", "Berlin", "[[link]]", "{{template}}", "&amp;", "'''bold'''", "München", "text", "\n== Section ==\n"];
        var pages = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            var text = new StringBuilder();
            int n = random.Next(20, 400);
            for (int w = 0; w < n; w++)
            {
                text.Append(words[random.Next(words.Length)]).Append(' ').Append(random.Next(100000));
                text.Append(' ');
            }

            pages.Add(Page($"Page {i}", i + 1, text.ToString(), ns: i % 11 == 10 ? 1 : 0, redirect: i % 7 == 6));
        }

        return pages;
    }

    /// <summary>
    /// Writes a multistream dump as Wikimedia does: stream 0 = header, then one bzip2 stream per
    /// <paramref name="pagesPerStream"/> pages, then a stream with the footer; and its index (<c>offset:id:title</c>).
    /// </summary>
    public static void WriteMultistream(string path, string indexPath, IReadOnlyList<string> pages, int pagesPerStream)
    {
        using var file = File.Create(path);
        var index = new StringBuilder();
        WriteStream(file, Header);
        for (int first = 0; first < pages.Count; first += pagesPerStream)
        {
            long offset = file.Position;
            var chunk = pages.Skip(first).Take(pagesPerStream).ToList();
            for (int k = 0; k < chunk.Count; k++)
            {
                index.Append(offset).Append(':').Append(first + k + 1).Append(":Page ").Append(first + k).Append('\n');
            }

            WriteStream(file, string.Concat(chunk));
        }

        WriteStream(file, Footer);
        using var indexFile = File.Create(indexPath);
        WriteStream(indexFile, index.ToString());
    }

    public static void WriteStream(Stream file, string text)
    {
        using var bzip = new BZip2OutputStream(file, 9) { IsStreamOwner = false };
        bzip.Write(Encoding.UTF8.GetBytes(text));
    }

    public static void WriteBzip2(string path, string text)
    {
        using var file = File.Create(path);
        WriteStream(file, text);
    }
}
