namespace RedPajama.Pipeline;

/// <summary>An edit a group sent back to one document: which of its entries it is about, and a value.</summary>
/// <param name="Entry">The entry index (as <see cref="GroupKeys"/> numbered it).</param>
/// <param name="Value">The value from <see cref="GroupVerdicts.Edit"/> (empty for a mark).</param>
public readonly record struct GroupEdit(int Entry, ReadOnlyMemory<byte> Value);
