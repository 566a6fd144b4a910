using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Udfs.Dedup;
using RedPajama.Udfs.Quality;

namespace RedPajama.Steps;

/// <summary>
/// CCNet's paragraph dedup (<c>cc_net/dedup.py</c>: <c>HashesCollector</c>, then <c>DuplicatesRemover</c>) as a grouped
/// step. Each document gives one entry per distinct line hash (<see cref="CcnetLineHash"/>, SHA-1 of the normalised
/// line); a hash whose group spans two or more documents marks that line in all of them, the first included. Every
/// document then keeps the lines that are not marked, whose hash is not 0 and that did not occur earlier in the same
/// document; a document left without lines is dropped as <c>no_line_left</c>. One entry per distinct hash is
/// CCNet's batching per document: a line repeated inside one document only is not a cross-document duplicate.
/// <para>
/// The group is the whole run, or each input file (<see cref="PerInput"/>; RedPajama ran cc_net with
/// <c>--hash_in_mem 1</c>, one group per shard). The meta fields cc_net's <c>finalize_doc</c> sets are set when the schema
/// has them: <c>nlines</c> and <c>length</c> (kept lines, kept code points), <c>original_nlines</c> and
/// <c>original_length</c> (the document's <c>nlines</c> and <c>length</c> before, or its line and code-point counts when
/// it has none), and <c>line_ids</c> (the indices of the kept lines).
/// </para>
/// </summary>
public sealed class CcnetLineDedupStep : GroupedStep
{
    /// <summary>The drop reason of a document left without lines.</summary>
    public const string Reason = "no_line_left";

    private readonly int _keptLinesField;
    private readonly int _originalLinesField;
    private readonly int _lengthField;
    private readonly int _originalLengthField;
    private readonly int _lineIdsField;

    /// <summary>Creates the step.</summary>
    /// <param name="meta">The pipeline's meta schema (for cc_net's <c>finalize_doc</c> fields, when present).</param>
    /// <param name="perInput">Whether each input file is its own group instead of the whole run.</param>
    public CcnetLineDedupStep(MetaSchema meta, bool perInput)
    {
        ArgumentNullException.ThrowIfNull(meta);
        PerInput = perInput;
        _keptLinesField = IntegerField(meta, "nlines");
        _originalLinesField = IntegerField(meta, "original_nlines");
        _lengthField = IntegerField(meta, "length");
        _originalLengthField = IntegerField(meta, "original_length");
        int lineIds = meta.IndexOf("line_ids");
        _lineIdsField = lineIds >= 0 && meta.Fields[lineIds].Type == MetaType.IntegerList ? lineIds : -1;
    }

    /// <summary>Whether each input file is its own group.</summary>
    public bool PerInput { get; }

    /// <inheritdoc />
    public override string Name => "line_dedup";

    /// <inheritdoc />
    public override string DropReason => Reason;

    /// <inheritdoc />
    public override bool EditsDocuments => true;

    /// <inheritdoc />
    public override bool AppliesToEveryDocument => true;

    /// <inheritdoc />
    public override void EmitKeys(Document document, GroupKeys keys)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(keys);
        ulong scope = PerInput ? (ulong)document.Order.Input + 1 : 0;
        foreach (ulong hash in DistinctHashes([.. document.Text.Split('\n').Select(CcnetLineHash.Of)]))
        {
            keys.Add(new UInt128(scope, hash));
        }
    }

    /// <inheritdoc />
    public override void Decide(ReadOnlySpan<GroupMember> members, GroupVerdicts verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        // A document gives a hash once, so a group of two or more spans that many documents.
        for (int i = 0; i < members.Length; i++)
        {
            verdicts.Edit(i);
        }
    }

    /// <inheritdoc />
    public override void Apply(Document document, IReadOnlyList<GroupEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(edits);
        string[] lines = document.Text.Split('\n');
        ulong[] lineHashes = [.. lines.Select(CcnetLineHash.Of)];
        List<ulong> hashes = DistinctHashes(lineHashes);
        var duplicated = new HashSet<ulong>(edits.Select(e => hashes[e.Entry]));
        var seenHere = new HashSet<ulong>();
        var kept = new List<string>(lines.Length);
        var keptIds = new List<long>(lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            ulong hash = lineHashes[i];
            if (hash != 0 && !duplicated.Contains(hash) && seenHere.Add(hash))
            {
                kept.Add(lines[i]);
                keptIds.Add(i);
            }
        }

        // finalize_doc keeps original values already there; otherwise they are the reader's nlines and length (the WET
        // Content-Length, in bytes), or the line and code-point counts.
        if (Count(document, _originalLinesField) is null)
        {
            SetCount(document, _originalLinesField, Count(document, _keptLinesField) ?? lines.Length);
        }

        if (Count(document, _originalLengthField) is null)
        {
            SetCount(document, _originalLengthField, Count(document, _lengthField) ?? PythonText.CodePointCount(document.Text));
        }

        if (kept.Count == 0)
        {
            // cc_net returns None before finalize_doc; a keep-all run shows nlines 0 and the original counts.
            SetCount(document, _keptLinesField, 0);
            document.Drop(Reason);
            return;
        }

        document.Text = string.Join('\n', kept);
        SetCount(document, _keptLinesField, kept.Count);
        SetCount(document, _lengthField, PythonText.CodePointCount(document.Text));
        if (_lineIdsField >= 0)
        {
            document.Meta[_lineIdsField] = keptIds.ToArray();
        }
    }

    // The distinct non-zero hashes of the lines, in first-seen order: entry e is the e-th of them.
    private static List<ulong> DistinctHashes(ulong[] lineHashes)
    {
        var seen = new HashSet<ulong>();
        var hashes = new List<ulong>();
        foreach (ulong hash in lineHashes)
        {
            if (hash != 0 && seen.Add(hash))
            {
                hashes.Add(hash);
            }
        }

        return hashes;
    }

    private static int IntegerField(MetaSchema meta, string name)
    {
        int index = meta.IndexOf(name);
        return index >= 0 && meta.Fields[index].Type == MetaType.Integer ? index : -1;
    }

    private static long? Count(Document document, int field) => field >= 0 ? document.Meta[field] as long? : null;

    private static void SetCount(Document document, int field, long count)
    {
        if (field >= 0)
        {
            document.Meta[field] = count;
        }
    }
}
