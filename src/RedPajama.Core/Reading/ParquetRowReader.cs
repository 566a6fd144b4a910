using Parquet;
using Parquet.Schema;
using RedPajama.Documents;

namespace RedPajama.Reading;

/// <summary>
/// Reads Parquet files one row group at a time: the <c>text</c> column becomes the text and every column the meta
/// schema knows, top level or inside a <c>meta</c> struct, becomes meta. A row whose text is null is yielded dropped as
/// <see cref="ReadDropReasons.MissingText"/>.
/// </summary>
/// <param name="textKey">The column that holds the text (<c>content</c> in BigQuery's GitHub rows).</param>
public sealed class ParquetRowReader(string textKey = "text") : IDocumentReader
{
    /// <inheritdoc />
    public IEnumerable<Document> Read(InputFile input, Stream content, MetaSchema meta)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(meta);
        ParquetReader reader = ParquetReader.CreateAsync(content, leaveStreamOpen: true).GetAwaiter().GetResult();
        try
        {
            foreach (Document document in ReadRows(input, meta, reader, textKey))
            {
                yield return document;
            }
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static IEnumerable<Document> ReadRows(InputFile input, MetaSchema meta, ParquetReader reader, string textKey)
    {
        DataField textField = reader.Schema.DataFields.FirstOrDefault(f => f.Path.ToString() == textKey)
            ?? throw new InvalidDataException($"{input.Path}: Parquet file has no top-level '{textKey}' column");
        var metaFields = new List<(int Index, DataField Field)>();
        foreach (DataField field in reader.Schema.DataFields)
        {
            int index = IsTopLevelOrInMeta(field) ? meta.IndexOf(field.Name) : -1;
            if (index >= 0)
            {
                metaFields.Add((index, field));
            }
        }

        long record = 0;
        for (int group = 0; group < reader.RowGroupCount; group++)
        {
            using ParquetRowGroupReader rows = reader.OpenRowGroupReader(group);
            int count = checked((int)rows.RowCount);
            string?[] texts = ParquetColumns.Read(rows, textField, count).Select(v => v as string).ToArray();
            var metaColumns = metaFields.Select(m => (m.Index, Values: ParquetColumns.Read(rows, m.Field, count))).ToList();
            for (int row = 0; row < count; row++)
            {
                var document = new Document(new OrderKey(input.Index, record++), meta.Count);
                foreach ((int index, object?[] values) in metaColumns)
                {
                    document.Meta[index] = MetaValues.Coerce(values[row], meta.Fields[index].Type);
                }

                if (texts[row] is { } text)
                {
                    document.Text = text;
                }
                else
                {
                    document.Drop(ReadDropReasons.MissingText);
                }

                yield return document;
            }
        }
    }

    // A column is a meta value when it is top level (the PG-19 and Books3 layouts) or a field of a "meta" struct
    // (this project's own output).
    private static bool IsTopLevelOrInMeta(DataField field)
    {
        string path = field.Path.ToString();
        return path == field.Name || path.Length == "meta".Length + 1 + field.Name.Length && path.StartsWith("meta", StringComparison.Ordinal) && path.EndsWith(field.Name, StringComparison.Ordinal);
    }
}
