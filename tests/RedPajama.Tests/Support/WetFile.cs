using System.Globalization;
using System.Text;

namespace RedPajama.Tests.Support;

/// <summary>Writes WET files in CommonCrawl's layout (a warcinfo record, then conversion records with their headers in CommonCrawl's order).</summary>
internal static class WetFile
{
    /// <summary>A conversion record: URL, block digest, title and body lines.</summary>
    public sealed record Record(string Url, string Digest, string Title, params string[] Lines);

    /// <summary>Writes the records to <paramref name="path"/>.</summary>
    public static string Write(string path, params Record[] records)
    {
        var text = new StringBuilder();
        text.Append("WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Date: 2019-03-27T06:10:48Z\r\nContent-Type: application/warc-fields\r\nContent-Length: 12\r\n\r\nisPartOf: x\r\n\r\n\r\n");
        for (int i = 0; i < records.Length; i++)
        {
            Record record = records[i];
            string body = string.Join("\n", [record.Title, .. record.Lines]);
            text.Append(CultureInfo.InvariantCulture, $"WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: {record.Url}\r\nWARC-Date: 2019-03-18T00:00:{i % 60:D2}Z\r\n")
                .Append(CultureInfo.InvariantCulture, $"WARC-Record-ID: <urn:uuid:{i:D8}-0000-0000-0000-000000000000>\r\nWARC-Refers-To: <urn:uuid:{i:D8}-1111-0000-0000-000000000000>\r\n")
                .Append(CultureInfo.InvariantCulture, $"WARC-Block-Digest: {record.Digest}\r\nContent-Type: text/plain\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n")
                .Append(body).Append("\r\n\r\n\r\n");
        }

        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
        return path;
    }
}
