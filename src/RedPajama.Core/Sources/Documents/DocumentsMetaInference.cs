using System.Text.Json;
using Parquet;
using Parquet.Schema;
using RedPajama.Documents;
using RedPajama.Reading;

namespace RedPajama.Sources.Documents;

/// <summary>
/// Finds the meta fields of a documents input from its first file: the fields of a <c>meta</c> object (JSON) or
/// struct (Parquet) when there is one, else every top-level scalar field but <c>text</c>; then the partition columns of
/// a file in Hive partition directories (<c>language=en/…</c>: text, or integer for a whole number). Columns this project adds
/// to its outputs (signals, <c>drop_reason</c>, <c>keep</c>, <c>cluster_id</c>, <c>input_ids</c>) are not meta.
/// </summary>
public static class DocumentsMetaInference
{
    // The type names of documents.meta entries, one per meta type: Parse reads them, Infer writes them.
    private static readonly Dictionary<string, MetaType> TypeNames = new(StringComparer.Ordinal)
    {
        ["text"] = MetaType.Text,
        ["integer"] = MetaType.Integer,
        ["float"] = MetaType.Float,
        ["boolean"] = MetaType.Boolean,
        ["integer_list"] = MetaType.IntegerList,
        ["json"] = MetaType.Json,
    };

    private static readonly HashSet<string> s_outputColumns =
    [
        "text", "drop_reason", "keep", "cluster_id", "input_ids", "quality_signals",
        .. Udfs.Quality.SignalCatalog.DocumentSignals.Select(d => d.Name),
        .. Udfs.Quality.SignalCatalog.LineSignals.Select(d => d.Name),
    ];

    /// <summary>Infers the meta fields, as <c>name:type</c> entries for <see cref="DocumentsConfig.Meta"/>.</summary>
    /// <param name="path">The first input file.</param>
    /// <returns>The fields, in file order.</returns>
    /// <exception cref="InvalidDataException">The file has no readable first record or schema.</exception>
    public static IReadOnlyList<string> Infer(string path) => Infer(path, "text", MetaType.Text);

    /// <summary>Infers the meta fields of rows whose text is in another field (<c>content</c> in GitHub rows).</summary>
    /// <param name="path">The first input file.</param>
    /// <param name="textKey">The field holding the text, which is not meta.</param>
    /// <param name="nullType">
    /// The type of a field whose first value is null: text, or JSON, which also writes an explicit null back (RedPajama
    /// copies every input column, nulls included).
    /// </param>
    /// <returns>The fields, in file order.</returns>
    /// <exception cref="InvalidDataException">The file has no readable first record or schema.</exception>
    public static IReadOnlyList<string> Infer(string path, string textKey, MetaType nullType)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(textKey);
        try
        {
            List<MetaField> fields = [.. (DocumentsReader.IsParquet(path) ? FromParquet(path) : FromJsonLines(path, nullType)).Where(f => f.Name != textKey)];

            // Partition columns of a Hive-partitioned output live in its directory names, after the file's own fields.
            foreach ((string name, string? value) in Writing.HivePartitions.FromPath(path))
            {
                if (!fields.Any(f => f.Name == name) && !s_outputColumns.Contains(name))
                {
                    fields.Add(new MetaField(name, Writing.HivePartitions.InferType(value)));
                }
            }

            return [.. fields.Select(Entry)];
        }
        catch (Exception exception) when (exception is not (InvalidDataException or OutOfMemoryException))
        {
            // A truncated gzip, a corrupt Parquet footer, an unreadable file: say which file and why.
            throw new InvalidDataException($"{path}: cannot take the meta fields from it ({exception.Message}); set documents.meta or fix the file", exception);
        }
    }

    /// <summary>A field as a <c>name:type</c> entry, as <see cref="Parse"/> reads it.</summary>
    /// <param name="field">The field.</param>
    /// <returns>The entry.</returns>
    public static string Entry(MetaField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return $"{field.Name}:{TypeNames.First(n => n.Value == field.Type).Key}";
    }

    /// <summary>Parses <c>name:type</c> entries into a schema.</summary>
    /// <param name="entries">The entries.</param>
    /// <returns>The schema.</returns>
    /// <exception cref="ArgumentException">An entry is not <c>name:text|integer|float|boolean|integer_list</c>.</exception>
    public static MetaSchema Parse(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var fields = new List<MetaField>();
        foreach (string entry in entries)
        {
            int colon = entry.LastIndexOf(':');
            MetaType? type = colon > 0 && TypeNames.TryGetValue(entry[(colon + 1)..].Trim(), out MetaType named) ? named : null;
            fields.Add(type is { } known
                ? new MetaField(entry[..colon].Trim(), known)
                : throw new ArgumentException($"documents.meta: '{entry}' is not name:text|integer|float|boolean|integer_list"));
        }

        return new MetaSchema([.. fields]);
    }

    private static IEnumerable<MetaField> FromJsonLines(string path, MetaType nullType)
    {
        using Stream stream = InputStreams.Decompress(File.OpenRead(path), path);
        using var reader = new StreamReader(stream);
        string? line;
        while ((line = reader.ReadLine()) is not null && line.Trim().Length == 0)
        {
        }

        JsonElement root;
        try
        {
            root = JsonDocument.Parse(line ?? throw new InvalidDataException($"{path}: no record to take the meta fields from")).RootElement;
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{path}: the first record is not JSON: {exception.Message}", exception);
        }

        JsonElement fields = root.TryGetProperty("meta", out JsonElement nested) && nested.ValueKind == JsonValueKind.Object ? nested : root;
        foreach (JsonProperty property in fields.EnumerateObject())
        {
            MetaType? type = property.Value.ValueKind switch
            {
                JsonValueKind.String => MetaType.Text,
                JsonValueKind.Number => property.Value.TryGetInt64(out _) ? MetaType.Integer : MetaType.Float,
                JsonValueKind.True or JsonValueKind.False => MetaType.Boolean,
                JsonValueKind.Null => nullType,
                JsonValueKind.Array when property.Value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out _)) => MetaType.IntegerList,
                JsonValueKind.Array or JsonValueKind.Object => MetaType.Json,
                _ => null,
            };
            if (type is { } known && !s_outputColumns.Contains(property.Name))
            {
                yield return new MetaField(property.Name, known);
            }
        }
    }

    private static List<MetaField> FromParquet(string path)
    {
        using FileStream stream = File.OpenRead(path);
        ParquetReader reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        try
        {
            DataField[] flat = [.. reader.Schema.DataFields.Where(f => f.MaxRepetitionLevel == 0)];
            DataField[] nested = [.. flat.Where(f => f.Path.ToString().StartsWith("meta", StringComparison.Ordinal) && f.Path.ToString() != "meta")];
            IEnumerable<DataField> chosen = nested.Length > 0 ? nested : flat.Where(f => f.Path.ToString() == f.Name && !s_outputColumns.Contains(f.Name));
            var fields = new List<MetaField>();
            foreach (DataField field in chosen)
            {
                Type type = field.ClrType;
                MetaType? meta = type == typeof(string) || type == typeof(ReadOnlyMemory<char>) ? MetaType.Text
                    : type == typeof(long) || type == typeof(int) ? MetaType.Integer
                    : type == typeof(double) || type == typeof(float) ? MetaType.Float
                    : type == typeof(bool) ? MetaType.Boolean
                    : null;
                if (meta is { } known)
                {
                    fields.Add(new MetaField(field.Name, known));
                }
            }

            return fields;
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
