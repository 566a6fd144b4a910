using Parquet;
using Parquet.Schema;
using RedPajama.Documents;
using RedPajama.Udfs.Quality;

namespace RedPajama.Writing;

/// <summary>
/// The quality-signal columns of a Parquet part: one nullable int64 or double column per document signal, and one
/// <c>LIST&lt;STRUCT&lt;start: int64, end: int64, value: double&gt;&gt;</c> column per line signal (RedPajama-V2's
/// spans, offsets in code points), named as <see cref="SignalCatalog"/> names them. A document without signals
/// (dropped before scoring, in a keep-all run) gets nulls.
/// </summary>
internal sealed class ParquetSignalColumns
{
    private readonly DataField[] _documentFields;
    private readonly (DataField Start, DataField End, DataField Value)[] _lineFields;
    private readonly List<QualitySignalValues?> _rows = [];

    /// <param name="lines">Whether the line signals' span lists are written too.</param>
    public ParquetSignalColumns(bool lines)
    {
        _documentFields = [.. SignalCatalog.DocumentSignals.Select(d => d.Kind == SignalValueKind.Integer
            ? (DataField)new DataField<long?>(d.Name, true)
            : new DataField<double?>(d.Name, true))];
        _lineFields = !lines ? [] : [.. SignalCatalog.LineSignals.Select(_ =>
            (Start: (DataField)new DataField<long>("start", false), End: (DataField)new DataField<long>("end", false), Value: (DataField)new DataField<double?>("value", true)))];
        Fields = [.. _documentFields, .. SignalCatalog.LineSignals.Take(_lineFields.Length).Select((d, i) =>
            (Field)new ListField(d.Name, new StructField("element", _lineFields[i].Start, _lineFields[i].End, _lineFields[i].Value)))];
    }

    /// <summary>The schema fields, in output order.</summary>
    public IReadOnlyList<Field> Fields { get; }

    /// <summary>Approximate bytes a row adds to the buffer.</summary>
    public static long EstimateBytes(Document document) =>
        document.Signals is not { } signals ? 0 : (8L * signals.Document.Length) + (24L * signals.Lines.Sum(l => l?.Count ?? 0));

    public void Add(Document document) => _rows.Add(document.Signals);

    public void Clear() => _rows.Clear();

    public async Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken)
    {
        for (int s = 0; s < _documentFields.Length; s++)
        {
            if (SignalCatalog.DocumentSignals[s].Kind == SignalValueKind.Integer)
            {
                long?[] column = [.. _rows.Select(r => r is null || double.IsNaN(r.Document[s]) ? (long?)null : (long)r.Document[s])];
                await group.WriteAsync<long>(_documentFields[s], column, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            else
            {
                double?[] column = [.. _rows.Select(r => r is null || double.IsNaN(r.Document[s]) ? (double?)null : r.Document[s])];
                await group.WriteAsync<double>(_documentFields[s], column, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }

        for (int s = 0; s < _lineFields.Length; s++)
        {
            await WriteSpansAsync(group, s, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes one line signal's three leaves with explicit levels: null list 0, empty list 1, then elements.</summary>
    private async Task WriteSpansAsync(ParquetRowGroupWriter group, int signal, CancellationToken cancellationToken)
    {
        (DataField startField, DataField endField, DataField valueField) = _lineFields[signal];
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
        var definitions = new int[levelCount];
        var valueDefinitions = new int[levelCount];
        var repetitions = new int[levelCount];
        int present = startField.MaxDefinitionLevel;
        int valuePresent = valueField.MaxDefinitionLevel;
        int l = 0;
        foreach (QualitySignalValues? row in _rows)
        {
            LineSignalValues? lines = row?.Lines[signal];
            if (lines is not { Count: > 0 })
            {
                int level = lines is null ? 0 : 1;
                definitions[l] = level;
                valueDefinitions[l] = level;
                repetitions[l++] = 0;
                continue;
            }

            lines.Starts.AsSpan(0, lines.Count).CopyTo(starts.AsSpan(s));
            lines.Ends.AsSpan(0, lines.Count).CopyTo(ends.AsSpan(s));
            s += lines.Count;
            for (int i = 0; i < lines.Count; i++)
            {
                definitions[l] = present;
                if (double.IsNaN(lines.Values[i]))
                {
                    valueDefinitions[l] = valuePresent - 1;
                }
                else
                {
                    values[v++] = lines.Values[i];
                    valueDefinitions[l] = valuePresent;
                }

                repetitions[l++] = i == 0 ? 0 : 1;
            }
        }

        await group.WriteAllPartsAsync<long>(startField, starts, definitions, repetitions, cancellationToken).ConfigureAwait(false);
        await group.WriteAllPartsAsync<long>(endField, ends, definitions, repetitions, cancellationToken).ConfigureAwait(false);
        await group.WriteAllPartsAsync<double>(valueField, values, valueDefinitions, repetitions, cancellationToken).ConfigureAwait(false);
    }
}
