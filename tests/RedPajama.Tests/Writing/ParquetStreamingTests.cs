using System.Text;
using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Tests.Support;
using RedPajama.Writing;

namespace RedPajama.Tests.Writing;

/// <summary>
/// The Parquet writer hands rows to a buffered row group 1024 at a time and encodes strings to UTF-8 on arrival:
/// every row must come back in order with its values, whatever the batch and row-group boundaries (a group closed
/// by a flush or the completion right after a full batch, by the byte budget mid-batch) and whatever the strings
/// (empty, null, a lone surrogate, one longer than an encoding chunk).
/// </summary>
public sealed class ParquetStreamingTests
{
    [Theory]
    [InlineData(JsonLayout.TextThenMeta)]
    [InlineData(JsonLayout.Flat)]
    public async Task Rows_come_back_in_order_across_batches_and_row_groups(JsonLayout layout)
    {
        using var directory = new TemporaryDirectory();
        string path = directory.Combine("part-00000.parquet");
        var meta = new MetaSchema([new MetaField("url", MetaType.Text), new MetaField("n", MetaType.Integer)]);
        var expected = new List<(string Text, string? Url, long? N)>();
        const int budget = 600_000;
        await using (var writer = new ParquetDocumentWriter(path, OutputFields.All(meta, layout), budget, keepAll: true))
        {
            for (int i = 0; i < 5000; i++)
            {
                string text = i switch
                {
                    7 => string.Empty,
                    8 => "caf\u00e9 \ud800 lone",
                    2000 => new string('x', ParquetUtf8Column.ChunkBytes + 10),
                    _ => $"document {i} " + new string((char)('a' + (i % 26)), i % 300),
                };
                var document = new Document(new OrderKey(0, i), meta.Count) { Text = text };
                document.Meta[0] = i % 3 == 0 ? null : $"https://example.com/{i}";
                document.Meta[1] = i % 5 == 0 ? null : (long)i;
                if (i % 7 == 0)
                {
                    document.Drop("test");
                }

                expected.Add((Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)), (string?)document.Meta[0], (long?)document.Meta[1]));
                await writer.WriteAsync(document);
                if (i == 1023)
                {
                    // A flush right after a full batch closes the group with an empty last batch.
                    await writer.FlushBufferAsync();
                }
            }

            await writer.CompleteAsync();
        }

        string url = layout == JsonLayout.Flat ? "url" : "meta.url";
        string n = layout == JsonLayout.Flat ? "n" : "meta.n";
        List<object?[]> rows = DuckDb.Query($"SELECT text, {url}, {n}, keep, drop_reason FROM '{path}'");
        rows.Should().HaveCount(expected.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            rows[i][0].Should().Be(expected[i].Text, $"row {i}");
            rows[i][1].Should().Be(expected[i].Url, $"row {i}");
            rows[i][2].Should().Be(expected[i].N, $"row {i}");
            rows[i][3].Should().Be(i % 7 != 0, $"row {i}");
            rows[i][4].Should().Be(i % 7 == 0 ? "test" : null, $"row {i}");
        }

        List<object?[]> groups = DuckDb.Query($"SELECT row_group_id, max(row_group_num_rows) FROM parquet_metadata('{path}') GROUP BY row_group_id ORDER BY row_group_id");
        groups.Count.Should().BeGreaterThan(2, "the flush and the byte budget both close row groups");
        groups[0][1].Should().Be(1024L, "the flush closed the first group after one full batch");
    }
}
