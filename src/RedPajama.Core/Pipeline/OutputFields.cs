using RedPajama.Documents;
using RedPajama.Writing;

namespace RedPajama.Pipeline;

/// <summary>
/// Which meta fields an output writes and where: inside each part file (<see cref="Written"/>, in order) or as Hive
/// partition directories (<see cref="Partitions"/>, outermost first, never inside the files, as Spark does). Resolved
/// from a <see cref="PipelineDescription"/> by <see cref="Resolve"/> once the schema is final (global steps add fields
/// after a source's <c>Describe</c>), so a source may name fields a later step adds.
/// </summary>
public sealed class OutputFields
{
    /// <summary>Top-level names a part file uses besides the meta fields: a flat field or a partition may not take one.</summary>
    public static IReadOnlySet<string> ReservedNames { get; } = new HashSet<string>(
        ["text", "meta", "drop_reason", "keep", "cluster_id", "input_ids", "quality_signals",
         .. Udfs.Quality.SignalCatalog.DocumentSignals.Select(d => d.Name),
         .. Udfs.Quality.SignalCatalog.LineSignals.Select(d => d.Name)],
        StringComparer.Ordinal);

    private OutputFields(MetaSchema meta, JsonLayout layout, IReadOnlyList<int> written, IReadOnlyList<int> partitions)
    {
        Meta = meta;
        Layout = layout;
        Written = written;
        Partitions = partitions;
    }

    /// <summary>The pipeline's whole meta schema (documents carry every field).</summary>
    public MetaSchema Meta { get; }

    /// <summary>The record layout.</summary>
    public JsonLayout Layout { get; }

    /// <summary>Schema indices of the fields written inside part files, in output order.</summary>
    public IReadOnlyList<int> Written { get; }

    /// <summary>Schema indices of the partition fields, outermost directory first.</summary>
    public IReadOnlyList<int> Partitions { get; }

    /// <summary>The fields written inside part files, in output order.</summary>
    public IReadOnlyList<MetaField> WrittenFields => [.. Written.Select(i => Meta.Fields[i])];

    /// <summary>Whether the output is partitioned into directories.</summary>
    public bool IsPartitioned => Partitions.Count > 0;

    /// <summary>Every field, in schema order, inside the files: the shape before projections existed.</summary>
    /// <param name="meta">The schema.</param>
    /// <param name="layout">The layout.</param>
    /// <returns>The fields.</returns>
    public static OutputFields All(MetaSchema meta, JsonLayout layout)
    {
        ArgumentNullException.ThrowIfNull(meta);
        return new OutputFields(meta, layout, [.. Enumerable.Range(0, meta.Count)], []);
    }

    /// <summary>Resolves a pipeline's <see cref="PipelineDescription.WrittenMeta"/> and <see cref="PipelineDescription.PartitionBy"/> against its schema.</summary>
    /// <param name="pipeline">The pipeline.</param>
    /// <returns>The fields.</returns>
    /// <exception cref="ArgumentException">A name is unknown, repeated, reserved, or a partition field is a float or hidden.</exception>
    public static OutputFields Resolve(PipelineDescription pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        MetaSchema meta = pipeline.Meta;
        int[] projected = pipeline.WrittenMeta is { } names ? Indices(meta, names, "written meta") : [.. Enumerable.Range(0, meta.Count)];
        int[] partitions = Indices(meta, pipeline.PartitionBy, "partition");
        foreach (int p in partitions)
        {
            MetaField field = meta.Fields[p];
            if (field.Type is not (MetaType.Text or MetaType.Integer or MetaType.Boolean))
            {
                throw new ArgumentException($"cannot partition by '{field.Name}': a {(field.Type == MetaType.Float ? "float's text differs between engines" : "list is not a directory name")} (partition by text, integer or boolean fields)");
            }

            if (field.Name[0] is '_' or '.' || ReservedNames.Contains(field.Name))
            {
                throw new ArgumentException($"cannot partition by '{field.Name}': readers skip directories starting with _ or . and the part files already have a column of that name");
            }
        }

        int[] written = [.. projected.Where(i => !partitions.Contains(i))];
        if (pipeline.JsonLayout == JsonLayout.Flat && written.Select(i => meta.Fields[i].Name).FirstOrDefault(ReservedNames.Contains) is { } clash)
        {
            throw new ArgumentException($"meta field '{clash}' cannot be a top-level column of the flat layout: the output has its own '{clash}'");
        }

        return new OutputFields(meta, pipeline.JsonLayout, written, partitions);
    }

    /// <summary>A document's partition directory, relative, <c>/</c>-separated (<c>language=en/bucket=head</c>); empty when not partitioned.</summary>
    /// <param name="document">The document.</param>
    /// <returns>The directory.</returns>
    public string PartitionDirectory(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Partitions.Count switch
        {
            0 => string.Empty,
            1 => HivePartitions.DirectoryName(Meta.Fields[Partitions[0]].Name, document.Meta[Partitions[0]]),
            _ => string.Join('/', Partitions.Select(i => HivePartitions.DirectoryName(Meta.Fields[i].Name, document.Meta[i]))),
        };
    }

    private static int[] Indices(MetaSchema meta, IReadOnlyList<string> names, string what)
    {
        var indices = new List<int>(names.Count);
        foreach (string name in names)
        {
            int index = meta.IndexOf(name);
            if (index < 0)
            {
                throw new ArgumentException($"{what} field '{name}' is not a meta field (meta has: {string.Join(", ", meta.Fields.Select(f => f.Name))})");
            }

            if (indices.Contains(index))
            {
                throw new ArgumentException($"{what} field '{name}' is listed twice");
            }

            indices.Add(index);
        }

        return [.. indices];
    }
}
