namespace RedPajama.Documents;

/// <summary>
/// A <see cref="MetaType.Json"/> value: one JSON value (object, array or scalar) as compact JSON text. Writers emit it as
/// JSON (Python <c>json.dumps</c> style in JSON lines), Parquet and Spark as a string holding the text.
/// </summary>
/// <param name="Value">The compact JSON text.</param>
public sealed record JsonText(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value;
}
