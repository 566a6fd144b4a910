namespace RedPajama.Pipeline;

/// <summary>
/// The answers of <see cref="GroupedStep.Decide"/> for one group, by member index. An engine clears it before each
/// group and reads it after.
/// </summary>
public sealed class GroupVerdicts
{
    private readonly List<int> _drops = [];
    private readonly List<(int Member, int Offset, int Length)> _edits = [];
    private readonly List<(int A, int B)> _links = [];
    private readonly ByteArena _values = new();

    /// <summary>Members to drop with the step's <see cref="GroupedStep.DropReason"/>.</summary>
    public IReadOnlyList<int> Drops => _drops;

    /// <summary>Members linked to each other (their documents end up in one component).</summary>
    public IReadOnlyList<(int A, int B)> Links => _links;

    /// <summary>Number of edits.</summary>
    public int EditCount => _edits.Count;

    /// <summary>Drops a member's document.</summary>
    /// <param name="member">The member index.</param>
    public void Drop(int member) => _drops.Add(member);

    /// <summary>Sends an edit back to a member's document, for <see cref="GroupedStep.Apply"/>.</summary>
    /// <param name="member">The member index.</param>
    /// <param name="value">A value for the edit (copied); empty for a plain mark.</param>
    public void Edit(int member, ReadOnlySpan<byte> value = default) => _edits.Add((member, _values.Append(value), value.Length));

    /// <summary>Links two members' documents: of every linked component only the earliest document stays.</summary>
    /// <param name="a">A member index.</param>
    /// <param name="b">Another member index.</param>
    public void Link(int a, int b) => _links.Add((a, b));

    /// <summary>The member an edit is for.</summary>
    /// <param name="edit">The edit index.</param>
    /// <returns>The member index.</returns>
    public int EditMember(int edit) => _edits[edit].Member;

    /// <summary>The value of an edit.</summary>
    /// <param name="edit">The edit index.</param>
    /// <returns>The bytes, valid until <see cref="Clear"/>.</returns>
    public ReadOnlySpan<byte> EditValue(int edit)
    {
        (_, int offset, int length) = _edits[edit];
        return _values.Slice(offset, length);
    }

    /// <summary>Forgets every answer.</summary>
    public void Clear()
    {
        _drops.Clear();
        _edits.Clear();
        _links.Clear();
        _values.Clear();
    }
}
