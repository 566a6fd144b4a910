namespace RedPajama.Documents;

/// <summary>One field of a source's <c>meta</c> record. Every field is nullable: a null value is left out of JSON.</summary>
/// <param name="Name">The key, exactly as RedPajama writes it.</param>
/// <param name="Type">The value type.</param>
public sealed record MetaField(string Name, MetaType Type);
