using System.Text.Json;
using RedPajama.Documents;

namespace RedPajama.Reading;

/// <summary>
/// Reads JSON lines (<c>.jsonl</c>, <c>.json</c>, optionally <c>.gz</c>/<c>.zst</c>): one object per line, the
/// <c>text</c> field becomes the text and every field the meta schema knows, top level or inside a <c>meta</c>
/// object (this project's own output), becomes meta (RedPajama keeps "every input field except text"). Blank lines are skipped; a line that is not a JSON object is yielded dropped
/// as <see cref="ReadDropReasons.MalformedJson"/>.
/// </summary>
/// <param name="maxLineBytes">Lines longer than this are yielded dropped as <see cref="ReadDropReasons.TooLarge"/>.</param>
/// <param name="keepSourceLines">Keep each parsed line in <see cref="Document.SourceLine"/>.</param>
/// <param name="refuseDuplicateKeys">
/// Yield an object with a top-level key twice dropped as <see cref="ReadDropReasons.DuplicateKey"/> (otherwise the last
/// value wins, as in Python).
/// </param>
/// <param name="textKey">The field that holds the text (<c>content</c> in BigQuery's GitHub rows).</param>
public sealed class JsonlRowReader(int maxLineBytes, bool keepSourceLines = false, bool refuseDuplicateKeys = false, string textKey = "text") : IDocumentReader
{
    // The top-level keys of the object being parsed, for refuseDuplicateKeys; one set per reading thread.
    [ThreadStatic]
    private static HashSet<string>? _keys;

    /// <inheritdoc />
    public IEnumerable<Document> Read(InputFile input, Stream content, MetaSchema meta)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(meta);
        using Stream stream = InputStreams.Decompress(content, input.Path);
        var lines = new ByteLineReader(stream, maxLineBytes);
        long record = 0;
        long lineNumber = 0;
        while (NextLine(lines, lineNumber, out ReadOnlyMemory<byte> line, out bool tooLong))
        {
            lineNumber++;
            if (!tooLong && IsBlank(line.Span))
            {
                continue;
            }

            var document = new Document(new OrderKey(input.Index, record++), meta.Count) { Line = lineNumber };
            if (tooLong)
            {
                document.Drop(ReadDropReasons.TooLarge);
            }
            else
            {
                Parse(line.Span, meta, document, refuseDuplicateKeys, textKey);
                if (keepSourceLines && !document.IsDropped)
                {
                    document.SourceLine = line.ToArray();
                }
            }

            yield return document;
        }
    }

    /// <summary>Fills <paramref name="document"/> from one JSON object, or drops it with the reason.</summary>
    /// <param name="json">UTF-8 JSON.</param>
    /// <param name="meta">The meta schema.</param>
    /// <param name="document">The document to fill.</param>
    public static void Parse(ReadOnlySpan<byte> json, MetaSchema meta, Document document) => Parse(json, meta, document, refuseDuplicateKeys: false);

    /// <summary>Fills <paramref name="document"/> from one JSON object, or drops it with the reason.</summary>
    /// <param name="json">UTF-8 JSON.</param>
    /// <param name="meta">The meta schema.</param>
    /// <param name="document">The document to fill.</param>
    /// <param name="refuseDuplicateKeys">Drop an object with a top-level key twice as <see cref="ReadDropReasons.DuplicateKey"/>.</param>
    /// <param name="textKey">The field that holds the text.</param>
    public static void Parse(ReadOnlySpan<byte> json, MetaSchema meta, Document document, bool refuseDuplicateKeys, string textKey = "text")
    {
        ArgumentNullException.ThrowIfNull(meta);
        ArgumentNullException.ThrowIfNull(document);
        string? text = null;
        HashSet<string>? keys = null;
        if (refuseDuplicateKeys)
        {
            keys = _keys ??= new HashSet<string>(StringComparer.Ordinal);
            keys.Clear();
        }

        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                document.Drop(ReadDropReasons.MalformedJson);
                return;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                if (keys is not null && !keys.Add(name))
                {
                    document.Drop(ReadDropReasons.DuplicateKey);
                    return;
                }

                reader.Read();
                if (name == textKey)
                {
                    text = reader.TokenType == JsonTokenType.String ? JsonStrings.Read(ref reader) : null;
                    reader.Skip();
                    continue;
                }

                // This project's own output nests the fields in a "meta" object; raw dumps have them at the top level.
                if (name == "meta" && reader.TokenType == JsonTokenType.StartObject && meta.IndexOf("meta") < 0)
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        string nested = reader.GetString()!;
                        reader.Read();
                        SetField(ref reader, meta, document, nested);
                        reader.Skip();
                    }

                    continue;
                }

                SetField(ref reader, meta, document, name);
                reader.Skip();
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                document.Drop(ReadDropReasons.MalformedJson);
                return;
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException)
        {
            // InvalidOperationException: a string value with invalid UTF-8, found only when it is decoded.
            document.Drop(ReadDropReasons.MalformedJson);
            return;
        }

        if (text is null)
        {
            document.Drop(ReadDropReasons.MissingText);
            return;
        }

        document.Text = text;
    }

    private static void SetField(ref Utf8JsonReader reader, MetaSchema meta, Document document, string name)
    {
        int field = meta.IndexOf(name);
        if (field >= 0 && meta.Fields[field].Type == MetaType.Json)
        {
            // The value as it is, whatever its kind, an explicit null included (written back as null, where an absent
            // field is left out); the reader is left on its last token for the caller's Skip.
            using JsonDocument value = JsonDocument.ParseValue(ref reader);
            document.Meta[field] = new JsonText(value.RootElement.GetRawText());
        }
        else if (field >= 0)
        {
            object? value = reader.TokenType == JsonTokenType.StartArray ? IntegerArray(ref reader) : ScalarValue(ref reader);
            document.Meta[field] = MetaValues.Coerce(value, meta.Fields[field].Type);
        }
    }

    // Reads an array to its end; null unless every element is a 64-bit integer.
    private static long[]? IntegerArray(ref Utf8JsonReader reader)
    {
        var values = new List<long>();
        bool integers = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long value))
            {
                values.Add(value);
                continue;
            }

            integers = false;
            reader.Skip();
        }

        return integers ? [.. values] : null;
    }

    private static object? ScalarValue(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => reader.TryGetInt64(out long l) ? l : reader.GetDouble(),
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => null,
    };

    // The next line; an input failure (a truncated gzip) is reported with the line it came after.
    private static bool NextLine(ByteLineReader lines, long lineNumber, out ReadOnlyMemory<byte> line, out bool tooLong)
    {
        try
        {
            return lines.ReadLine(out line, out tooLong);
        }
        catch (Exception exception) when (InputError.IsInputFailure(exception))
        {
            throw new InvalidDataException($"{InputError.Describe(exception)}, after line {lineNumber}", exception);
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t\r"u8).IsEmpty;
}
