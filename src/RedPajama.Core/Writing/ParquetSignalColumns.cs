using ParquetSharp;
using ParquetSharp.Schema;
using RedPajama.Documents;
using RedPajama.Udfs.Quality;

namespace RedPajama.Writing;

/// <summary>
/// The quality-signal columns of a Parquet part: one nullable int64 or double column per document signal, and one
/// <c>LIST&lt;STRUCT&lt;start: int64, end: int64, value: double&gt;&gt;</c> column per line signal (RedPajama-V2's
/// spans, offsets in code points), named as <see cref="SignalCatalog"/> names them. A document without signals
/// (dropped before scoring, in a keep-all run) gets nulls.
/// </summary>
/// <param name="lines">Whether the line signals' span lists are written too.</param>
internal sealed class ParquetSignalColumns(bool lines)
{
    private readonly List<QualitySignalValues?> _rows = [];

    /// <summary>Approximate bytes a row adds to the buffer.</summary>
    public static long EstimateBytes(Document document) =>
        document.Signals is not { } signals ? 0 : (8L * signals.Document.Length) + (24L * signals.Lines.Sum(l => l?.Count ?? 0));

    /// <summary>The schema nodes, in output order; the caller disposes them.</summary>
    public IEnumerable<Node> CreateNodes()
    {
        foreach (SignalDefinition signal in SignalCatalog.DocumentSignals)
        {
            yield return ParquetNodes.Primitive(signal.Name, Repetition.Optional, signal.Kind == SignalValueKind.Integer ? PhysicalType.Int64 : PhysicalType.Double);
        }

        if (!lines)
        {
            yield break;
        }

        foreach (SignalDefinition signal in SignalCatalog.LineSignals)
        {
            var span = new GroupNode("element", Repetition.Required, [
                ParquetNodes.Primitive("start", Repetition.Required, PhysicalType.Int64),
                ParquetNodes.Primitive("end", Repetition.Required, PhysicalType.Int64),
                ParquetNodes.Primitive("value", Repetition.Optional, PhysicalType.Double)]);
            yield return ParquetNodes.List(signal.Name, span);
        }
    }

    /// <summary>The span offset columns (<c>name.list.element.start</c>, <c>.end</c>): increasing numbers, which
    /// delta encoding stores in a few bits each where plain encoding spends 8 bytes.</summary>
    public IEnumerable<string> OffsetColumnPaths() => !lines ? [] :
        SignalCatalog.LineSignals.SelectMany(signal => (string[])[$"{signal.Name}.list.element.start", $"{signal.Name}.list.element.end"]);

    public void Add(Document document) => _rows.Add(document.Signals);

    public void Clear() => _rows.Clear();

    /// <summary>Writes the buffered rows' signal columns.</summary>
    /// <param name="nextColumn">The row group's next column (a buffered row group has no <c>NextColumn</c>).</param>
    public void Write(Func<ColumnWriter> nextColumn)
    {
        for (int s = 0; s < SignalCatalog.DocumentSignals.Count; s++)
        {
            using ColumnWriter column = nextColumn();
            if (SignalCatalog.DocumentSignals[s].Kind == SignalValueKind.Integer)
            {
                using LogicalColumnWriter<long?> writer = column.LogicalWriter<long?>();
                writer.WriteBatch([.. _rows.Select(r => r is null || double.IsNaN(r.Document[s]) ? (long?)null : (long)r.Document[s])]);
            }
            else
            {
                using LogicalColumnWriter<double?> writer = column.LogicalWriter<double?>();
                writer.WriteBatch([.. _rows.Select(r => r is null || double.IsNaN(r.Document[s]) ? (double?)null : r.Document[s])]);
            }
        }

        for (int s = 0; lines && s < SignalCatalog.LineSignals.Count; s++)
        {
            WriteSpans(nextColumn, s);
        }
    }

    /// <summary>Writes one line signal's three leaves with explicit levels: null list 0, empty list 1, a span 2 (its value 3, or 2 when NaN).</summary>
    private void WriteSpans(Func<ColumnWriter> nextColumn, int signal)
    {
        int levelCount = 0;
        int spanCount = 0;
        int valueCount = 0;
        foreach (QualitySignalValues? row in _rows)
        {
            LineSignalValues? counted = row?.Lines[signal];
            int count = counted?.Count ?? 0;
            levelCount += Math.Max(count, 1);
            spanCount += count;
            for (int i = 0; i < count; i++)
            {
                valueCount += double.IsNaN(counted!.Values[i]) ? 0 : 1;
            }
        }

        var starts = new long[spanCount];
        var ends = new long[spanCount];
        var values = new double[valueCount];
        int s = 0;
        int v = 0;
        var definitions = new short[levelCount];
        var valueDefinitions = new short[levelCount];
        var repetitions = new short[levelCount];
        const short present = 2;
        const short valuePresent = 3;
        int l = 0;
        foreach (QualitySignalValues? row in _rows)
        {
            LineSignalValues? spans = row?.Lines[signal];
            if (spans is not { Count: > 0 })
            {
                short level = (short)(spans is null ? 0 : 1);
                definitions[l] = level;
                valueDefinitions[l] = level;
                repetitions[l++] = 0;
                continue;
            }

            spans.Starts.AsSpan(0, spans.Count).CopyTo(starts.AsSpan(s));
            spans.Ends.AsSpan(0, spans.Count).CopyTo(ends.AsSpan(s));
            s += spans.Count;
            for (int i = 0; i < spans.Count; i++)
            {
                definitions[l] = present;
                if (double.IsNaN(spans.Values[i]))
                {
                    valueDefinitions[l] = valuePresent - 1;
                }
                else
                {
                    values[v++] = spans.Values[i];
                    valueDefinitions[l] = valuePresent;
                }

                repetitions[l++] = (short)(i == 0 ? 0 : 1);
            }
        }

        using (var startColumn = (ColumnWriter<long>)nextColumn())
        {
            startColumn.WriteBatch(levelCount, definitions, repetitions, starts);
        }

        using (var endColumn = (ColumnWriter<long>)nextColumn())
        {
            endColumn.WriteBatch(levelCount, definitions, repetitions, ends);
        }

        using var valueColumn = (ColumnWriter<double>)nextColumn();
        valueColumn.WriteBatch(levelCount, valueDefinitions, repetitions, values);
    }
}
