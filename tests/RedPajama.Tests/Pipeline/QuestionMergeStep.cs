using System.Text;
using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Udfs.Hashing;

namespace RedPajama.Tests.Pipeline;

/// <summary>
/// A StackExchange-like merge for the tests: posts carry a question id (<c>qid</c>) and a <c>kind</c>; the question of
/// each group gets "question + answers" as its text (an edit with a value), answers are dropped, a question without
/// answers is decided too (it is prefixed), an answer without a question stays alone.
/// </summary>
internal sealed class QuestionMergeStep(MetaSchema meta) : GroupedStep
{
    private readonly int _question = meta.Require("qid");
    private readonly int _kind = meta.Require("kind");

    public override string Name => "qa_merge";

    public override string DropReason => "merged";

    public override bool EditsDocuments => true;

    public override bool DecidesSingletons => true;

    public override void EmitKeys(Document document, GroupKeys keys)
    {
        bool isQuestion = (string?)document.Meta[_kind] == "question";
        keys.Add(ContentHash.Of((string)document.Meta[_question]!), Encoding.UTF8.GetBytes((isQuestion ? "Q:" : "A:") + document.Text));
    }

    public override void Decide(ReadOnlySpan<GroupMember> members, GroupVerdicts verdicts)
    {
        int question = -1;
        var merged = new StringBuilder();
        for (int i = 0; i < members.Length; i++)
        {
            string post = Encoding.UTF8.GetString(members[i].Payload.Span);
            if (post.StartsWith("Q:", StringComparison.Ordinal) && question < 0)
            {
                question = i;
                merged.Insert(0, post);
            }
            else
            {
                merged.Append('\n').Append(post);
            }
        }

        if (question < 0)
        {
            return;
        }

        verdicts.Edit(question, Encoding.UTF8.GetBytes(merged.ToString()));
        for (int i = 0; i < members.Length; i++)
        {
            if (i != question)
            {
                verdicts.Drop(i);
            }
        }
    }

    public override void Apply(Document document, IReadOnlyList<GroupEdit> edits) =>
        document.Text = Encoding.UTF8.GetString(edits.Single().Value.Span);
}
