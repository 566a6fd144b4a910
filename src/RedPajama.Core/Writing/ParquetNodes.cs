using ParquetSharp;
using ParquetSharp.Schema;

namespace RedPajama.Writing;

/// <summary>Parquet schema nodes in the shapes the part files use (UTF-8 strings, plain numbers, three-level LISTs).</summary>
internal static class ParquetNodes
{
    public static Node String(string name, Repetition repetition) =>
        new PrimitiveNode(name, repetition, LogicalType.String(), PhysicalType.ByteArray);

    public static Node Primitive(string name, Repetition repetition, PhysicalType type) =>
        new PrimitiveNode(name, repetition, LogicalType.None(), type);

    /// <summary>The standard LIST layout: <c>optional group name (LIST) { repeated group list { element } }</c>.
    /// Definition levels: 0 null list, 1 empty list, 2 an element (more inside an optional element).</summary>
    public static Node List(string name, Node element)
    {
        using var repeated = new GroupNode("list", Repetition.Repeated, [element]);
        element.Dispose();
        return new GroupNode(name, Repetition.Optional, [repeated], LogicalType.List());
    }
}
