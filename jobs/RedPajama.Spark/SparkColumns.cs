using RedPajama.Engine.Rows;

namespace RedPajama.Spark;

/// <summary>
/// Columns the Spark job adds beside a document row. All carry <see cref="SegmentRows.ReservedPrefix"/>, as the
/// row's own engine columns do, so none can replace or be dropped with a meta field of the same name.
/// </summary>
public static class SparkColumns
{
    /// <summary>The input file's path (for input errors and group members; the order key is (input, record)).</summary>
    public const string Path = SegmentRows.ReservedPrefix + "path";

    /// <summary>A file's input index, joined to its <c>binaryFile</c> row before the read UDF.</summary>
    public const string InputIndex = SegmentRows.ReservedPrefix + "input_index";

    /// <summary>The UDF's struct before it is flattened.</summary>
    public const string Document = SegmentRows.ReservedPrefix + "document";

    /// <summary>Whether a grouped step drops the document.</summary>
    public const string Loses = SegmentRows.ReservedPrefix + "loses";

    /// <summary>Input index of a losing document, in the join that marks losers (or takes edits).</summary>
    public const string LoserInput = SegmentRows.ReservedPrefix + "loser_input";

    /// <summary>Record of a losing document, in the join that marks losers (or takes edits).</summary>
    public const string LoserRecord = SegmentRows.ReservedPrefix + "loser_record";

    /// <summary>Input index of a file in the per-file record offsets.</summary>
    public const string OffsetInput = SegmentRows.ReservedPrefix + "offset_input";

    /// <summary>Records in the files before this one, in input order.</summary>
    public const string Offset = SegmentRows.ReservedPrefix + "offset";

    /// <summary>Input index of a component member, in the cluster numbering join.</summary>
    public const string MemberInput = SegmentRows.ReservedPrefix + "member_input";

    /// <summary>Record of a component member, in the cluster numbering join.</summary>
    public const string MemberRecord = SegmentRows.ReservedPrefix + "member_record";

    /// <summary>Run-wide number of a component's root.</summary>
    public const string RootNumber = SegmentRows.ReservedPrefix + "root_number";

    /// <summary>The written <c>cluster_id</c> before it is renamed for the output.</summary>
    public const string ClusterId = SegmentRows.ReservedPrefix + "cluster_id";

    /// <summary>One element of <see cref="DocumentUdf.FileRows"/>: a row as JSON.</summary>
    public const string Json = SegmentRows.ReservedPrefix + "json";

    /// <summary>Set only on the element that reports a file's failure: what went wrong.</summary>
    public const string InputError = SegmentRows.ReservedPrefix + "input_error";

    /// <summary>With <see cref="InputError"/>: the records read from the file before the failure.</summary>
    public const string RecordsRead = SegmentRows.ReservedPrefix + "records_read";

    /// <summary>One exploded entry of a grouped step (<see cref="GroupRows.EntriesText"/>: key, then <c>:</c> and payload).</summary>
    public const string Entry = SegmentRows.ReservedPrefix + "entry";

    /// <summary>An exploded entry's index among its document's entries (its position).</summary>
    public const string EntryIndex = SegmentRows.ReservedPrefix + "entry_index";

    /// <summary>An entry's key (32 hex digits): the grouped step's shuffle key.</summary>
    public const string Key = SegmentRows.ReservedPrefix + "key";

    /// <summary>A group's members as JSON, collected per key.</summary>
    public const string Members = SegmentRows.ReservedPrefix + "members";

    /// <summary>One verdict of <see cref="DocumentUdf.DecideGroup"/>, parsed (<see cref="GroupRows.VerdictSchema"/>).</summary>
    public const string Verdict = SegmentRows.ReservedPrefix + "verdict";

    /// <summary>A document's edits (<see cref="GroupRows.EditText"/>), collected per document and joined back.</summary>
    public const string Edits = SegmentRows.ReservedPrefix + "edits";

    /// <summary>Every column the job adds beside a document row.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Path, InputIndex, Document, Json, InputError, RecordsRead, Loses, LoserInput, LoserRecord, OffsetInput, Offset, MemberInput, MemberRecord, RootNumber, ClusterId, Entry, EntryIndex, Key, Members, Verdict, Edits];
}
