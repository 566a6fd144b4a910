using System.Text;
using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Udfs.Hashing;

namespace RedPajama.Tests.Spark;

/// <summary>
/// A test-only editing grouped step, CCNet's line dedup in miniature: one entry per non-blank line (its hash, with the
/// line's length as payload), a line shared by two or more documents is marked in each of them, and the marked lines
/// are removed; a document left with no text is dropped.
/// </summary>
internal sealed class SharedLinesStep : GroupedStep
{
    public const string EmptiedReason = "all_lines_shared";

    public override string Name => "shared_lines";

    public override string DropReason => "shared_lines";

    public override bool EditsDocuments => true;

    public override void EmitKeys(Document document, GroupKeys keys)
    {
        foreach (string line in document.Text.Split('\n'))
        {
            if (line.Trim().Length > 0)
            {
                keys.Add(ContentHash.Of(line), BitConverter.GetBytes(line.Length));
            }
        }
    }

    public override void Decide(ReadOnlySpan<GroupMember> members, GroupVerdicts verdicts)
    {
        if (members[0].Order == members[^1].Order)
        {
            return; // a line repeated inside one document only
        }

        for (int m = 0; m < members.Length; m++)
        {
            // The payload travels: the value is the line's length, which Apply checks.
            verdicts.Edit(m, members[m].Payload.Span);
        }
    }

    public override void Apply(Document document, IReadOnlyList<GroupEdit> edits)
    {
        var marked = edits.ToDictionary(e => e.Entry, e => BitConverter.ToInt32(e.Value.Span));
        var kept = new StringBuilder();
        int entry = 0;
        foreach (string line in document.Text.Split('\n'))
        {
            if (line.Trim().Length > 0)
            {
                if (marked.TryGetValue(entry++, out int length))
                {
                    if (length != line.Length)
                    {
                        throw new InvalidOperationException("an edit came back to the wrong entry");
                    }

                    continue;
                }
            }

            kept.Append(line).Append('\n');
        }

        document.Text = kept.ToString().Trim();
        if (document.Text.Length == 0)
        {
            document.Drop(EmptiedReason);
        }
    }
}
