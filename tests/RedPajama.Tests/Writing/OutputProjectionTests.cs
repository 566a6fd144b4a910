using System.Text;
using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Reading;
using RedPajama.Tests.Support;
using RedPajama.Writing;

namespace RedPajama.Tests.Writing;

/// <summary>The written meta fields (a projection of the schema) and the flat layout of RedPajama's released CommonCrawl records.</summary>
public sealed class OutputProjectionTests
{
    private static readonly MetaSchema s_schema = new(
        new MetaField("url", MetaType.Text),
        new MetaField("source", MetaType.Text),
        new MetaField("language", MetaType.Text),
        new MetaField("pred_label", MetaType.Text),
        new MetaField("pred_label_prob", MetaType.Float),
        new MetaField("wiki_prob", MetaType.Float),
        new MetaField("nlines", MetaType.Integer));

    // The released record's keys, in its order (not the schema's).
    private static readonly string[] s_released = ["pred_label", "pred_label_prob", "wiki_prob", "source"];

    [Fact]
    public void The_flat_layout_writes_text_then_the_listed_fields_at_the_top_level_in_list_order_as_json_dumps_does()
    {
        OutputFields fields = Pipeline(JsonLayout.Flat, s_released).ResolveOutput();

        Line(Document("caf\u00e9 \"ok\"\n", "https://x/", "2023-06/en_head", "en", "__label__wiki", 0.75, 1e-05, 3L), fields).Should().Be(
            "{\"text\": \"caf\\u00e9 \\\"ok\\\"\\n\", \"pred_label\": \"__label__wiki\", \"pred_label_prob\": 0.75, \"wiki_prob\": 1e-05, \"source\": \"2023-06/en_head\"}");
        Line(Document("t", null, null, null, null, null, null, null), fields).Should().Be("{\"text\": \"t\"}", "null fields are left out, as in the meta object");
    }

    [Fact]
    public void A_projection_keeps_the_meta_object_of_the_other_layouts_with_only_the_listed_fields()
    {
        Document document = Document("t", "https://x/", "s", "en", "__label__cc", 0.5, 0.5, 2L);

        Line(document, Pipeline(JsonLayout.TextThenMeta, ["nlines", "url"]).ResolveOutput()).Should().Be("{\"text\": \"t\", \"meta\": {\"nlines\": 2, \"url\": \"https://x/\"}}");
        Line(document, Pipeline(JsonLayout.MetaThenText, ["language"]).ResolveOutput()).Should().Be("{\"meta\": {\"language\": \"en\"}, \"text\": \"t\"}");
        Line(document, Pipeline(JsonLayout.TextThenMeta, null).ResolveOutput()).Should().Be(
            "{\"text\": \"t\", \"meta\": {\"url\": \"https://x/\", \"source\": \"s\", \"language\": \"en\", \"pred_label\": \"__label__cc\", \"pred_label_prob\": 0.5, \"wiki_prob\": 0.5, \"nlines\": 2}}",
            "no projection writes every field, as before");
    }

    [Fact]
    public async Task Flat_parquet_has_only_text_and_the_listed_fields_as_top_level_columns()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.Combine("part-00000.parquet");
        PipelineDescription pipeline = Pipeline(JsonLayout.Flat, s_released);
        await using (IDocumentWriter writer = DocumentWriters.Create(OutputFormat.Parquet, path, pipeline, 1 << 20, keepAll: false))
        {
            await writer.WriteAsync(Document("one", "https://x/", "s1", "en", "__label__wiki", 0.75, 0.25, 3L));
            await writer.WriteAsync(Document("two", null, "s2", "de", null, null, null, 1L));
            await writer.CompleteAsync();
        }

        string file = path.Replace("'", "''", StringComparison.Ordinal);
        DuckDb.Query($"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '{file}')").Select(r => $"{r[0]} {r[1]}").Should().Equal(
            "text VARCHAR", "pred_label VARCHAR", "pred_label_prob DOUBLE", "wiki_prob DOUBLE", "source VARCHAR");
        DuckDb.Query($"SELECT text, pred_label, pred_label_prob, source FROM '{file}'").Should().BeEquivalentTo(
            [new object?[] { "one", "__label__wiki", 0.75, "s1" }, new object?[] { "two", null, null, "s2" }], o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task A_list_field_is_a_top_level_parquet_list_in_the_flat_layout()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.Combine("part-00000.parquet");
        var schema = new MetaSchema(new MetaField("line_ids", MetaType.IntegerList), new MetaField("source", MetaType.Text));
        var pipeline = new PipelineDescription("test", schema, new JsonlRowReader(1 << 20), [], JsonLayout.Flat);
        await using (IDocumentWriter writer = DocumentWriters.Create(OutputFormat.Parquet, path, pipeline, 1 << 20, keepAll: false))
        {
            foreach (long[]? ids in new[] { new long[] { 0, 2 }, null, [] })
            {
                var document = new Document(new OrderKey(0, 0), schema.Count) { Text = "t" };
                document.Meta[0] = ids;
                document.Meta[1] = "s";
                await writer.WriteAsync(document);
            }

            await writer.CompleteAsync();
        }

        string file = path.Replace("'", "''", StringComparison.Ordinal);
        DuckDb.Query($"SELECT coalesce(CAST(line_ids AS VARCHAR), 'NULL'), source FROM '{file}'").Select(r => $"{r[0]} {r[1]}").Should().Equal("[0, 2] s", "NULL s", "[] s");
    }

    [Fact]
    public async Task A_projected_meta_struct_holds_only_the_listed_fields()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.Combine("part-00000.parquet");
        await using (IDocumentWriter writer = DocumentWriters.Create(OutputFormat.Parquet, path, Pipeline(JsonLayout.TextThenMeta, ["source", "url"]), 1 << 20, keepAll: false))
        {
            await writer.WriteAsync(Document("one", "https://x/", "s1", "en", "__label__wiki", 0.75, 0.25, 3L));
            await writer.CompleteAsync();
        }

        string file = path.Replace("'", "''", StringComparison.Ordinal);
        DuckDb.Query($"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '{file}')").Select(r => $"{r[0]} {r[1]}").Should().Equal(
            "text VARCHAR", "meta STRUCT(\"source\" VARCHAR, url VARCHAR)");
    }

    [Fact]
    public async Task Flat_output_reads_back_through_the_documents_reader_and_output_shard()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.Combine("part-00000.parquet");
        await using (IDocumentWriter writer = DocumentWriters.Create(OutputFormat.Parquet, path, Pipeline(JsonLayout.Flat, s_released), 1 << 20, keepAll: false))
        {
            await writer.WriteAsync(Document("one", "https://x/", "s1", "en", "__label__wiki", 0.75, 0.25, 3L));
            await writer.CompleteAsync();
        }

        OutputShard.Load(path).Rows.Single().Meta.Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["pred_label"] = "__label__wiki",
            ["pred_label_prob"] = 0.75,
            ["wiki_prob"] = 0.25,
            ["source"] = "s1",
        });
        RedPajama.Sources.Documents.DocumentsMetaInference.Infer(path).Should().Equal("pred_label:text", "pred_label_prob:float", "wiki_prob:float", "source:text");
    }

    [Fact]
    public void Unknown_repeated_or_clashing_fields_are_refused_when_the_output_is_resolved()
    {
        FluentActions.Invoking(() => Pipeline(JsonLayout.Flat, ["pred_label", "nope"]).ResolveOutput()).Should().Throw<ArgumentException>().WithMessage("*'nope' is not a meta field*url, source*");
        FluentActions.Invoking(() => Pipeline(JsonLayout.Flat, ["url", "url"]).ResolveOutput()).Should().Throw<ArgumentException>().WithMessage("*'url' is listed twice*");
        FluentActions.Invoking(() => (Pipeline(JsonLayout.Flat, null) with { PartitionBy = ["wiki_prob"] }).ResolveOutput()).Should().Throw<ArgumentException>().WithMessage("*partition by 'wiki_prob'*float*");
        FluentActions.Invoking(() => (Pipeline(JsonLayout.Flat, null) with { PartitionBy = ["missing"] }).ResolveOutput()).Should().Throw<ArgumentException>().WithMessage("*partition field 'missing'*");
        var clash = new PipelineDescription("t", new MetaSchema(new MetaField("keep", MetaType.Boolean)), new JsonlRowReader(1 << 20), [], JsonLayout.Flat);
        FluentActions.Invoking(clash.ResolveOutput).Should().Throw<ArgumentException>().WithMessage("*'keep'*flat layout*");
        (clash with { JsonLayout = JsonLayout.TextThenMeta }).ResolveOutput().WrittenFields.Should().ContainSingle("inside a meta object the name is free");
    }

    [Fact]
    public void Partition_fields_are_not_written_inside_the_files_even_when_listed()
    {
        OutputFields fields = (Pipeline(JsonLayout.Flat, ["language", "source"]) with { PartitionBy = ["language"] }).ResolveOutput();

        fields.WrittenFields.Select(f => f.Name).Should().Equal("source");
        fields.PartitionDirectory(Document("t", null, "s", "en", null, null, null, null)).Should().Be("language=en");
        Line(Document("t", null, "s", "en", null, null, null, null), fields).Should().Be("{\"text\": \"t\", \"source\": \"s\"}");
    }

    private static PipelineDescription Pipeline(JsonLayout layout, IReadOnlyList<string>? written) =>
        new("test", s_schema, new JsonlRowReader(1 << 20), [], layout) { WrittenMeta = written };

    private static string Line(Document document, OutputFields fields)
    {
        var line = new StringBuilder();
        JsonlDocumentWriter.Format(line, document, fields);
        return line.ToString();
    }

    private static Document Document(string text, params object?[] meta)
    {
        var document = new Document(new OrderKey(0, 0), s_schema.Count) { Text = text };
        meta.CopyTo(document.Meta, 0);
        return document;
    }
}
