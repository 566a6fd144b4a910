using Parquet;
using Parquet.Schema;
using RedPajama.Documents;

namespace RedPajama.Reading;

/// <summary>
/// Reads Parquet files one row group at a time: the <c>text</c> column becomes the text and every column the meta
/// schema knows, top level or inside a <c>meta</c> struct, becomes meta. A row whose text is null is yielded dropped as
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

    // A column is a meta value when it is top level (the PG-19 and Books3 layouts) or a field of a "meta" struct
    // (this project's own output).
    private static bool IsTopLevelOrInMeta(DataField field)
    {
        string path = field.Path.ToString();
        return path == field.Name || path.Length == "meta".Length + 1 + field.Name.Length && path.StartsWith("meta", StringComparison.Ordinal) && path.EndsWith(field.Name, StringComparison.Ordinal);
    }

    // Values are read "raw" — non-null values packed, plus definition levels — because Parquet.Net 6.1's
    // ReadAsync(field, Memory<string>) packs the non-null values of a nullable column without placing its nulls.
    private static object?[] ReadColumn(ParquetRowGroupReader rows, DataField field, int count)
    {
        Type type = field.ClrType;
        // Parquet.Net reports UTF-8 columns as string or as ReadOnlyMemory<char>, depending on the writer's schema.
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            return ReadRaw<ReadOnlyMemory<char>>(rows, field, count, static v => v.ToString());
        }

        if (type == typeof(long))
        {
            return ReadRaw<long>(rows, field, count, static v => v);
        }

        if (type == typeof(int))
        {
            return ReadRaw<int>(rows, field, count, static v => v);
        }

        if (type == typeof(double))
        {
            return ReadRaw<double>(rows, field, count, static v => v);
        }

        if (type == typeof(float))
        {
            return ReadRaw<float>(rows, field, count, static v => v);
        }

        if (type == typeof(bool))
        {
            return ReadRaw<bool>(rows, field, count, static v => v);
        }

        // Other column types are not meta values RedPajama writes; they read as null.
        return new object?[count];
    }

    private static object?[] ReadRaw<T>(ParquetRowGroupReader rows, DataField field, int count, Func<T, object> box)
        where T : struct
    {
        T[] values = new T[count];
        int maxLevel = field.MaxDefinitionLevel;
        int[] levels = new int[count];
        rows.ReadRawAsync<T>(field, values, levels, null).AsTask().GetAwaiter().GetResult();
        object?[] result = new object?[count];
        int next = 0;
        for (int row = 0; row < count; row++)
        {
            if (levels[row] == maxLevel)
            {
                result[row] = box(values[next++]);
            }
        }

        return result;
    }
}
