using RedPajama.Documents;

namespace RedPajama.Engine.Rows;

/// <summary>A column of the row form of a document (what a Spark UDF returns).</summary>
/// <param name="Name">Column name.</param>
/// <param name="Type">Value type.</param>
public sealed record RowColumn(string Name, MetaType Type);
