using RedPajama.Documents;

namespace RedPajama.Sources.CommonCrawl;

/// <summary>
/// cc_net's <c>parse_doc</c>: turns one WET record's stripped header and body lines into a document, or a dropped
/// one with the reason cc_net would have skipped it for.
/// </summary>
internal sealed class WetFields(MetaSchema meta, string segment)
{
    private readonly int _url = meta.IndexOf(CommonCrawlMeta.Url);
    private readonly int _date = meta.IndexOf(CommonCrawlMeta.DateDownload);
    private readonly int _digest = meta.IndexOf(CommonCrawlMeta.Digest);
    private readonly int _length = meta.IndexOf(CommonCrawlMeta.Length);
    private readonly int _nlines = meta.IndexOf(CommonCrawlMeta.Nlines);
    private readonly int _domain = meta.IndexOf(CommonCrawlMeta.SourceDomain);
    private readonly int _title = meta.IndexOf(CommonCrawlMeta.Title);
    private readonly int _segment = meta.IndexOf(CommonCrawlMeta.CcSegment);

    public Document Create(OrderKey order, List<string> headers, List<string> body, bool tooLong)
    {
        var document = new Document(order, meta.Count);
        if (tooLong)
        {
            document.Drop(WetDropReasons.TooLarge);
            return document;
        }

        if (headers.Count == 0 || body.Count == 0)
        {
            document.Drop(WetDropReasons.EmptyBody);
            return document;
        }

        // Headers by position, as cc_net reads them: 1 type, 2 URI, 3 date, 6 block digest, 9 or 8 length.
        string? type = Token(headers, 1);
        if (type is null)
        {
            document.Drop(WetDropReasons.BadHeader);
            return document;
        }

        if (type != "conversion")
        {
            document.Drop(WetDropReasons.NotConversion);
            return document;
        }

        string? url = Token(headers, 2);
        string? date = Token(headers, 3);
        string? digest = Token(headers, 6);

        // RedPajama's fix: post-2020 WETs have WARC-Identified-Content-Language before Content-Type, so the length is
        // line 9; before 2020 line 9 is the empty line ending the headers (IndexError) and the length is line 8.
        string? lengthToken = Token(headers, 9) ?? Token(headers, 8);
        long? length = lengthToken is null ? null : WetReader.ParseInt(lengthToken);
        if (url is null || date is null || digest is null || length is null)
        {
            document.Drop(WetDropReasons.BadHeader);
            return document;
        }

        // Two empty last lines separate records; cc_net fails on a one-line empty body, which is dropped here.
        int end = body.Count;
        if (body[^1].Length == 0)
        {
            if (body.Count < 2)
            {
                document.Drop(WetDropReasons.EmptyBody);
                return document;
            }

            if (body[^2].Length == 0)
            {
                end -= 2;
            }
        }

        int lines = Math.Max(0, end - 1);
        document.Text = lines == 0 ? string.Empty : string.Join('\n', body.Skip(1).Take(lines));
        Set(document, _url, url);
        Set(document, _date, date);
        Set(document, _digest, digest);
        Set(document, _length, length.Value);
        Set(document, _nlines, (long)lines);
        Set(document, _domain, WetText.Netloc(url));
        Set(document, _title, body[0]);
        Set(document, _segment, segment);
        return document;
    }

    private static string? Token(List<string> headers, int index) =>
        index < headers.Count ? WetText.SecondToken(headers[index]) : null;

    private static void Set(Document document, int index, object value)
    {
        if (index >= 0)
        {
            document.Meta[index] = value;
        }
    }
}
