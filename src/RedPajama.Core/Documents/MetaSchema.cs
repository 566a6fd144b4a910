using System.Collections.ObjectModel;

namespace RedPajama.Documents;

/// <summary>
/// The ordered fields of a source's <c>meta</c> record: the Parquet struct's fields and the JSON key order.
/// When a source reads several layouts (PG-19 rows, Books3 rows), the schema is their union and each document
/// fills the fields its layout has.
/// </summary>
public sealed class MetaSchema
{
    private readonly Dictionary<string, int> _index;

    /// <summary>Creates a schema from fields in output order.</summary>
    /// <param name="fields">Fields with distinct names.</param>
    public MetaSchema(params MetaField[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Fields = new ReadOnlyCollection<MetaField>([.. fields]);
        _index = new Dictionary<string, int>(fields.Length, StringComparer.Ordinal);
        for (int i = 0; i < fields.Length; i++)
        {
            if (!_index.TryAdd(fields[i].Name, i))
            {
                throw new ArgumentException($"meta field '{fields[i].Name}' appears twice", nameof(fields));
            }
        }
    }

    /// <summary>The fields, in output order.</summary>
    public ReadOnlyCollection<MetaField> Fields { get; }

    /// <summary>Number of fields.</summary>
    public int Count => Fields.Count;

    /// <summary>Index of the field called <paramref name="name"/>, or -1.</summary>
    /// <param name="name">A field name.</param>
    /// <returns>The index or -1.</returns>
    public int IndexOf(string name) => _index.TryGetValue(name, out int i) ? i : -1;

    /// <summary>Index of the field called <paramref name="name"/>; throws when the schema lacks it.</summary>
    /// <param name="name">A field name.</param>
    /// <returns>The index.</returns>
    public int Require(string name) =>
        _index.TryGetValue(name, out int i) ? i : throw new KeyNotFoundException($"meta has no field '{name}'");
}
