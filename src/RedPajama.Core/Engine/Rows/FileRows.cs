using RedPajama.Reading;

namespace RedPajama.Engine.Rows;

/// <summary>The rows read from one input file and, when it could not be read to its end, why.</summary>
/// <param name="Rows">One row per record read, in file order (those before a failure are kept, as in the local engine).</param>
/// <param name="Error">The input's failure with the records read before it, or null.</param>
public sealed record FileRows(IReadOnlyList<object?[]> Rows, InputError? Error);
