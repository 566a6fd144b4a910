using RedPajama.Documents;

namespace RedPajama.Pipeline;

/// <summary>One entry of a group, as <see cref="GroupedStep.Decide"/> sees it.</summary>
/// <param name="Order">The document's order key.</param>
/// <param name="Entry">The entry's index among its document's entries.</param>
/// <param name="Payload">The entry's payload (empty when it has none).</param>
public readonly record struct GroupMember(OrderKey Order, int Entry, ReadOnlyMemory<byte> Payload);
