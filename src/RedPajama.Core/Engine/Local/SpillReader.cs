using System.Text;
using RedPajama.Documents;
using ZstdSharp;

namespace RedPajama.Engine.Local;

/// <summary>Reads back what <see cref="SpillWriter"/> wrote, in the same order.</summary>
internal static class SpillReader
{
    public static IEnumerable<Document> Read(string path, int input, int metaFieldCount)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        // The file stream buffers already; only the decompressor needs a buffer after it.
        using Stream body = file.ReadByte() == SpillWriter.CompressedTag ? new BufferedStream(new DecompressionStream(file), 1 << 16) : file;
        using var reader = new BinaryReader(body, Encoding.UTF8);
        while (reader.ReadByte() == SpillWriter.RecordTag)
        {
            long record = reader.ReadInt64();
            var document = new Document(new OrderKey(input, record), metaFieldCount) { Text = reader.ReadString() };
            string dropReason = reader.ReadString();
            if (dropReason.Length > 0)
            {
                document.Drop(dropReason);
            }

            for (int i = 0; i < metaFieldCount; i++)
            {
                document.Meta[i] = reader.ReadByte() switch
                {
                    SpillWriter.NullValue => null,
                    SpillWriter.TextValue => reader.ReadString(),
                    SpillWriter.IntegerValue => reader.ReadInt64(),
                    SpillWriter.FloatValue => reader.ReadDouble(),
                    SpillWriter.BooleanValue => reader.ReadBoolean(),
                    SpillWriter.IntegerListValue => ReadIntegers(reader),
                    SpillWriter.JsonValue => new JsonText(reader.ReadString()),
                    byte tag => throw new InvalidDataException($"{path}: unknown spill value tag {tag}"),
                };
            }

            document.Signals = ReadSignals(reader);
            int idCount = reader.ReadInt32();
            if (idCount >= 0)
            {
                var ids = new int[idCount];
                reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(ids.AsSpan()));
                document.InputIds = ids;
            }

            int lineBytes = reader.ReadInt32();
            if (lineBytes >= 0)
            {
                document.SourceLine = reader.ReadBytes(lineBytes);
            }

            long sourceLine = reader.ReadInt64();
            document.Line = sourceLine >= 0 ? sourceLine : null;
            document.Member = reader.ReadBoolean() ? reader.ReadString() : null;

            yield return document;
        }
    }

    private static long[] ReadIntegers(BinaryReader reader)
    {
        var values = new long[reader.ReadInt32()];
        reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    private static Udfs.Quality.QualitySignalValues? ReadSignals(BinaryReader reader)
    {
        if (!reader.ReadBoolean())
        {
            return null;
        }

        var signals = new Udfs.Quality.QualitySignalValues();
        reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(signals.Document.AsSpan()));
        for (int s = 0; s < signals.Lines.Length; s++)
        {
            int count = reader.ReadInt32();
            if (count < 0)
            {
                continue;
            }

            var starts = new long[count];
            var ends = new long[count];
            var values = new double[count];
            reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(starts.AsSpan()));
            reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(ends.AsSpan()));
            reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
            signals.Lines[s] = Udfs.Quality.LineSignalValues.FromArrays(starts, ends, values);
        }

        return signals;
    }
}
