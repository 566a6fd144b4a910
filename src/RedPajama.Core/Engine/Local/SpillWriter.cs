using System.Text;
using RedPajama.Documents;
using ZstdSharp;

namespace RedPajama.Engine.Local;

/// <summary>
/// Writes documents (record index, text, drop reason, meta values, signals, token ids, source line) to a temporary file, optionally zstd-compressed,
/// so the local engine holds no document in memory between its phases.
/// </summary>
internal sealed class SpillWriter : IDisposable
{
    internal const byte PlainTag = 0;
    internal const byte CompressedTag = 1;
    internal const byte RecordTag = 1;
    internal const byte EndTag = 0;
    internal const byte NullValue = 0;
    internal const byte TextValue = 1;
    internal const byte IntegerValue = 2;
    internal const byte FloatValue = 3;
    internal const byte BooleanValue = 4;
    internal const byte IntegerListValue = 5;
    internal const byte JsonValue = 6;

    private readonly FileStream _file;
    private readonly Stream _compression;
    private readonly BinaryWriter _writer;

    /// <param name="path">The spill file.</param>
    /// <param name="zstdLevel">zstd level, or 0 for no compression.</param>
    public SpillWriter(string path, int zstdLevel)
    {
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        // The first byte says whether the rest is compressed, so a reader needs no setting.
        _file.WriteByte(zstdLevel > 0 ? CompressedTag : PlainTag);
        _compression = zstdLevel > 0 ? new CompressionStream(_file, zstdLevel, leaveOpen: true) : _file;
        // The file stream buffers already; only the compressor needs a buffer in front of it.
        Stream target = zstdLevel > 0 ? new BufferedStream(_compression, 1 << 16) : _file;
        _writer = new BinaryWriter(target, Encoding.UTF8, leaveOpen: true);
    }

    public void Write(Document document)
    {
        _writer.Write(RecordTag);
        _writer.Write(document.Order.Record);
        _writer.Write(document.Text);
        _writer.Write(document.DropReason ?? string.Empty);
        foreach (object? value in document.Meta)
        {
            switch (value)
            {
                case null: _writer.Write(NullValue); break;
                case string s: _writer.Write(TextValue); _writer.Write(s); break;
                case long l: _writer.Write(IntegerValue); _writer.Write(l); break;
                case double d: _writer.Write(FloatValue); _writer.Write(d); break;
                case bool b: _writer.Write(BooleanValue); _writer.Write(b); break;
                case JsonText json: _writer.Write(JsonValue); _writer.Write(json.Value); break;
                case long[] list:
                    _writer.Write(IntegerListValue);
                    _writer.Write(list.Length);
                    _writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(list.AsSpan()));
                    break;
                default: throw new InvalidOperationException($"meta value of type {value.GetType().Name} cannot be spilled");
            }
        }

        WriteSignals(document.Signals);
        int[]? ids = document.InputIds;
        _writer.Write(ids?.Length ?? -1);
        if (ids is not null)
        {
            _writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(ids.AsSpan()));
        }

        _writer.Write(document.SourceLine?.Length ?? -1);
        if (document.SourceLine is { } line)
        {
            _writer.Write(line);
        }

        // Where the record was read, so that a drop decided in a later pass is still named by file and line or member.
        _writer.Write(document.Line ?? -1);
        _writer.Write(document.Member is not null);
        if (document.Member is { } member)
        {
            _writer.Write(member);
        }
    }

    private void WriteSignals(Udfs.Quality.QualitySignalValues? signals)
    {
        _writer.Write(signals is not null);
        if (signals is null)
        {
            return;
        }

        _writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(signals.Document.AsSpan()));
        foreach (Udfs.Quality.LineSignalValues? lines in signals.Lines)
        {
            _writer.Write(lines?.Count ?? -1);
            if (lines is not null)
            {
                _writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(lines.Starts.AsSpan(0, lines.Count)));
                _writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(lines.Ends.AsSpan(0, lines.Count)));
                _writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(lines.Values.AsSpan(0, lines.Count)));
            }
        }
    }

    public void Dispose()
    {
        _writer.Write(EndTag);
        _writer.Dispose();
        _compression.Dispose();
        _file.Dispose();
    }
}
