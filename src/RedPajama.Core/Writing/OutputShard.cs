using Parquet;
using Parquet.Schema;
using RedPajama.Reading;

namespace RedPajama.Writing;

/// <summary>
/// A part file this project wrote, loaded for exploration (a notebook, a test): every row's text, meta fields (from the
/// <c>meta</c> struct, the top-level columns of the flat layout, and the Hive partition directories the file sits in),
/// document quality signals, <c>drop_reason</c>, <c>keep</c> and <c>cluster_id</c>, whichever the run wrote. List
/// columns (line-signal spans, <c>input_ids</c>) are not loaded. Loads the whole file: meant for one shard.
/// </summary>
public sealed class OutputShard
{
    private OutputShard(IReadOnlyList<ShardRow> rows, IReadOnlyList<string> signalNames)
    {
        Rows = rows;
        SignalNames = signalNames;
    }

    /// <summary>The rows, in file order.</summary>
    public IReadOnlyList<ShardRow> Rows { get; }

    /// <summary>The document signals the file has, in column order.</summary>
    public IReadOnlyList<string> SignalNames { get; }

    /// <summary>Reads a Parquet part file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The shard.</returns>
    /// <exception cref="InvalidDataException">The file has no <c>text</c> column.</exception>
    public static OutputShard Load(string path)
    {
        using FileStream stream = File.OpenRead(path);
        ParquetReader reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        try
        {
            return Load(path, reader);
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static OutputShard Load(string path, ParquetReader reader)
    {
        DataField[] fields = [.. reader.Schema.DataFields.Where(f => f.MaxRepetitionLevel == 0)];
        DataField text = fields.FirstOrDefault(f => f.Path.ToString() == "text")
            ?? throw new InvalidDataException($"{path}: no top-level 'text' column; not an output shard");
        DataField[] meta = [.. fields.Where(f => f.Path.ToString().StartsWith("meta", StringComparison.Ordinal) && f.Path.ToString() != "meta")];
        HashSet<string> known = [.. Udfs.Quality.SignalCatalog.DocumentSignals.Select(d => d.Name)];
        if (meta.Length == 0)
        {
            // The flat layout: the meta fields are the top-level columns that are not the output's own.
            meta = [.. fields.Where(f => f.Path.ToString() == f.Name && !Pipeline.OutputFields.ReservedNames.Contains(f.Name))];
        }

        KeyValuePair<string, string?>[] partitions = [.. HivePartitions.FromPath(path).Where(p => !meta.Any(f => f.Name == p.Key))];
        DataField[] signals = [.. fields.Where(f => known.Contains(f.Path.ToString()))];
        DataField? dropReason = fields.FirstOrDefault(f => f.Path.ToString() == "drop_reason");
        DataField? clusterId = fields.FirstOrDefault(f => f.Path.ToString() == "cluster_id");

        var rows = new List<ShardRow>();
        for (int group = 0; group < reader.RowGroupCount; group++)
        {
            using ParquetRowGroupReader columns = reader.OpenRowGroupReader(group);
            int count = checked((int)columns.RowCount);
            object?[] texts = ParquetColumns.Read(columns, text, count);
            object?[][] metaValues = [.. meta.Select(f => ParquetColumns.Read(columns, f, count))];
            object?[][] signalValues = [.. signals.Select(f => ParquetColumns.Read(columns, f, count))];
            object?[] reasons = dropReason is null ? new object?[count] : ParquetColumns.Read(columns, dropReason, count);
            object?[] clusters = clusterId is null ? new object?[count] : ParquetColumns.Read(columns, clusterId, count);
            for (int row = 0; row < count; row++)
            {
                var metaRow = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (int m = 0; m < meta.Length; m++)
                {
                    metaRow[meta[m].Name] = metaValues[m][row];
                }

                foreach ((string column, string? value) in partitions)
                {
                    metaRow[column] = HivePartitions.ValueOf(value, HivePartitions.InferType(value));
                }

                var signalRow = new Dictionary<string, double?>(StringComparer.Ordinal);
                for (int s = 0; s < signals.Length; s++)
                {
                    signalRow[signals[s].Name] = signalValues[s][row] is { } value ? Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture) : null;
                }

                rows.Add(new ShardRow((string?)texts[row] ?? string.Empty, metaRow, signalRow, (string?)reasons[row], (long?)clusters[row]));
            }
        }

        return new OutputShard(rows, [.. signals.Select(f => f.Name)]);
    }

    /// <summary>One signal's values over the rows (null where the signal is undefined for a document).</summary>
    /// <param name="name">A name from <see cref="SignalNames"/>.</param>
    /// <returns>The values, in row order.</returns>
    /// <exception cref="KeyNotFoundException">The file has no such signal column.</exception>
    public IReadOnlyList<double?> Signal(string name)
    {
        if (!SignalNames.Contains(name))
        {
            throw new KeyNotFoundException($"the shard has no signal '{name}' (it has: {string.Join(", ", SignalNames)})");
        }

        return [.. Rows.Select(r => r.Signals[name])];
    }
}
