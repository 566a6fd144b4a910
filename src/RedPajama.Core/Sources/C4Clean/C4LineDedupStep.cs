using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Udfs.C4;
using RedPajama.Udfs.Text;

namespace RedPajama.Sources.C4Clean;

/// <summary>
/// TFDS C4's cross-page line dedup (<c>remove_duplicate_text</c>): every line (<c>text.split("\n")</c>) is keyed by the
/// MD5 of its stripped, lower-cased form; of the pages holding a key, the one whose normalized URL has the smallest
/// MD5 keeps the line (Beam <c>Top.PerKey(1, key=_hash_text, reverse=True)</c>) and the others lose it; within a page a
/// repeated line keeps its first copy. A page left empty, or with fewer Punkt sentences than the minimum, is dropped.
/// The shuffle is keyed on the line hash, so it scales as the corpus does.
/// </summary>
public sealed class C4LineDedupStep : TfdsOwnedKeyStep
{
    private readonly PunktSentenceTokenizer _sentences;
    private readonly int _minSentences;

    /// <summary>Creates the step.</summary>
    /// <param name="meta">The pipeline's meta schema, holding <see cref="C4CleanMeta.NormalizedUrl"/>.</param>
    /// <param name="sentences">Counts a deduplicated page's sentences.</param>
    /// <param name="minSentences">Pages with fewer sentences after dedup are dropped; 0 keeps every non-empty page (TFDS without cleaning).</param>
    public C4LineDedupStep(MetaSchema meta, PunktSentenceTokenizer sentences, int minSentences)
        : base(meta)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        _sentences = sentences;
        _minSentences = minSentences;
    }

    /// <inheritdoc />
    public override string Name => "c4_line_dedup";

    /// <inheritdoc />
    public override string DropReason => TfdsDropReasons.DedupedPageEmpty;

    /// <inheritdoc />
    public override void Decide(ReadOnlySpan<GroupMember> members, GroupVerdicts verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        ReadOnlySpan<byte> owner = members[Owner(members)].Payload.Span;

        // Every copy on another page loses the line; the owner's own repeats are left to Apply (first copy stays).
        for (int i = 0; i < members.Length; i++)
        {
            if (!members[i].Payload.Span.SequenceEqual(owner))
            {
                verdicts.Edit(i);
            }
        }
    }

    /// <inheritdoc />
    protected override IReadOnlyList<UInt128> Keys(string text)
    {
        var keys = new List<UInt128>();
        for (int start = 0, end; start <= text.Length; start = end + 1)
        {
            end = LineEnd(text, start);
            keys.Add(TfdsLineHash.Of(text.AsSpan(start, end - start)));
        }

        return keys;
    }

    /// <summary>The end of the <c>split("\n")</c> piece starting at <paramref name="start"/>: its <c>\n</c> or the text's end.</summary>
    private static int LineEnd(string text, int start)
    {
        int newline = text.IndexOf('\n', start);
        return newline < 0 ? text.Length : newline;
    }

    /// <inheritdoc />
    public override void Apply(Document document, IReadOnlyList<GroupEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(edits);
        var lost = new HashSet<int>(edits.Count);
        foreach (GroupEdit edit in edits)
        {
            lost.Add(edit.Entry);
        }

        string text = document.Text;
        var seen = new HashSet<UInt128>();
        var kept = new List<string>();
        int entry = 0;
        bool changed = false;
        for (int start = 0, end; start <= text.Length; start = end + 1)
        {
            end = LineEnd(text, start);
            ReadOnlySpan<char> line = text.AsSpan(start, end - start);
            bool keep = !lost.Contains(entry++) && seen.Add(TfdsLineHash.Of(line));
            changed |= !keep;
            if (keep)
            {
                kept.Add(line.ToString());
            }
        }

        string deduplicated = changed ? string.Join('\n', kept) : document.Text;
        if (deduplicated.Length == 0)
        {
            document.Drop(TfdsDropReasons.DedupedPageEmpty);
            return;
        }

        if (_minSentences > 0 && _sentences.CountSentences(deduplicated) < _minSentences)
        {
            document.Drop(TfdsDropReasons.DedupedTooFewSentences);
            return;
        }

        document.Text = deduplicated;
    }
}
