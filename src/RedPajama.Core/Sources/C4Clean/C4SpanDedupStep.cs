using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Udfs.C4;

namespace RedPajama.Sources.C4Clean;

/// <summary>
/// The original C4's dedup (T5 paper: "discarded all but one of any three-sentence span occurring more than once";
/// TFDS <c>15cd71bf</c> <c>remove_duplicate_text</c>), shuffled on the span hash: of the pages holding a window of three
/// sentences (<see cref="TfdsSentenceWindows"/>), the one whose normalized URL has the smallest MD5 keeps it
/// (<c>sorted(urls, key=md5)</c>, first skipped) and every other page loses every copy of it. As upstream, a page
/// holding a window twice is listed twice and so loses it even when no other page has it. Every page's lines are
/// rejoined from their sentences.
/// </summary>
public sealed class C4SpanDedupStep : TfdsOwnedKeyStep
{
    private readonly TfdsSentenceWindows _windows;
    private readonly int _minSentences;

    /// <summary>Creates the step.</summary>
    /// <param name="meta">The pipeline's meta schema, holding <see cref="C4CleanMeta.NormalizedUrl"/>.</param>
    /// <param name="windows">Cuts pages into sentence windows.</param>
    /// <param name="minSentences">Pages left with fewer sentences are dropped.</param>
    public C4SpanDedupStep(MetaSchema meta, TfdsSentenceWindows windows, int minSentences)
        : base(meta)
    {
        ArgumentNullException.ThrowIfNull(windows);
        _windows = windows;
        _minSentences = minSentences;
    }

    /// <inheritdoc />
    public override string Name => "c4_span_dedup";

    /// <inheritdoc />
    public override string DropReason => TfdsDropReasons.DedupedTooFewSentences;

    /// <inheritdoc />
    public override void Decide(ReadOnlySpan<GroupMember> members, GroupVerdicts verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);

        // del sorted_urls[:1]: one listing of the first URL is spared, every other listing loses the window.
        int owner = Owner(members);
        for (int i = 0; i < members.Length; i++)
        {
            if (i != owner)
            {
                verdicts.Edit(i);
            }
        }
    }

    /// <inheritdoc />
    protected override IReadOnlyList<UInt128> Keys(string text) => _windows.Windows(text);

    /// <inheritdoc />
    public override void Apply(Document document, IReadOnlyList<GroupEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(edits);
        string text = _windows.Remove(document.Text, [.. edits.Select(e => e.Entry)], out int remaining);
        if (remaining < _minSentences)
        {
            document.Drop(TfdsDropReasons.DedupedTooFewSentences);
            return;
        }

        document.Text = text;
    }
}
