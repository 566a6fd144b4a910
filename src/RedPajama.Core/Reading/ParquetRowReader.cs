using Parquet;
using Parquet.Schema;
using RedPajama.Documents;

namespace RedPajama.Reading;

/// <summary>
/// Reads Parquet files one row group at a time: the <c>text</c> column becomes the text and every top-level column
/// the meta schema knows becomes meta. A row whose text is null is yielded dropped as
/// <see cref="ReadDropReasons.MissingText"/>.
/// </summary>
public sealed class ParquetRowReader : IDocumentReader
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
            foreach (Document document in ReadRows(input, meta, reader))
            {
                yield return document;
            }
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static IEnumerable<Document> ReadRows(InputFile input, MetaSchema meta, ParquetReader reader)
    {
        DataField textField = reader.Schema.DataFields.FirstOrDefault(f => f.Path.ToString() == "text")
            ?? throw new InvalidDataException($"{input.Path}: Parquet file has no top-level 'text' column");
        var metaFields = new List<(int Index, DataField Field)>();
        foreach (DataField field in reader.Schema.DataFields)
        {
            int index = meta.IndexOf(field.Path.ToString());
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
            string?[] texts = ReadColumn(rows, textField, count).Select(v => v as string).ToArray();
            var metaColumns = metaFields.Select(m => (m.Index, Values: ReadColumn(rows, m.Field, count))).ToList();
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

    private static object?[] ReadColumn(ParquetRowGroupReader rows, DataField field, int count)
    {
        Type type = field.ClrType;
        if (type == typeof(string))
        {
            string?[] values = new string?[count];
            rows.ReadAsync(field, values.AsMemory()!).AsTask().GetAwaiter().GetResult();
            return values;
        }

        if (type == typeof(long))
        {
            return Box<long>(rows, field, count);
        }

        if (type == typeof(int))
        {
            return Box<int>(rows, field, count);
        }

        if (type == typeof(double))
        {
            return Box<double>(rows, field, count);
        }

        if (type == typeof(float))
        {
            return Box<float>(rows, field, count);
        }

        if (type == typeof(bool))
        {
            return Box<bool>(rows, field, count);
        }

        // Other column types are not meta values RedPajama writes; they read as null.
        return new object?[count];
    }

    private static object?[] Box<T>(ParquetRowGroupReader rows, DataField field, int count)
        where T : struct
    {
        T?[] values = new T?[count];
        rows.ReadAsync(field, values.AsMemory()).AsTask().GetAwaiter().GetResult();
        return values.Select(v => v.HasValue ? (object)v.Value : null).ToArray();
    }
}
