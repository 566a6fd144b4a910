namespace RedPajama.Engine;

/// <summary>How many documents one step dropped for one reason (a row of an engine's group-by).</summary>
/// <param name="Step">The step that dropped them, or null for documents that were kept.</param>
/// <param name="Reason">The drop reason, or null for documents that were kept.</param>
/// <param name="Count">How many.</param>
public sealed record DropCount(string? Step, string? Reason, long Count);
