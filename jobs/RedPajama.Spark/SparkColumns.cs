using RedPajama.Engine.Rows;

namespace RedPajama.Spark;

/// <summary>
/// Columns the Spark job adds beside a document row. All carry <see cref="DocumentRowCodec.ReservedPrefix"/>, as the
/// row's own engine columns do, so none can replace or be dropped with a meta field of the same name.
/// </summary>
public static class SparkColumns
{
    /// <summary>The input file's path (with the record, the order key).</summary>
    public const string Path = DocumentRowCodec.ReservedPrefix + "path";

    /// <summary>The UDF's struct before it is flattened.</summary>
    public const string Document = DocumentRowCodec.ReservedPrefix + "document";

    /// <summary>Whether a keyed step drops the document.</summary>
    public const string Loses = DocumentRowCodec.ReservedPrefix + "loses";

    /// <summary>Path of a losing document, in the join that marks losers.</summary>
    public const string LoserPath = DocumentRowCodec.ReservedPrefix + "loser_path";

    /// <summary>Record of a losing document, in the join that marks losers.</summary>
    public const string LoserRecord = DocumentRowCodec.ReservedPrefix + "loser_record";

    /// <summary>Path of a file in the per-file record offsets.</summary>
    public const string OffsetPath = DocumentRowCodec.ReservedPrefix + "offset_path";

    /// <summary>Records in the files before this one, in path order.</summary>
    public const string Offset = DocumentRowCodec.ReservedPrefix + "offset";

    /// <summary>Path of a component member, in the cluster numbering join.</summary>
    public const string MemberPath = DocumentRowCodec.ReservedPrefix + "member_path";

    /// <summary>Record of a component member, in the cluster numbering join.</summary>
    public const string MemberRecord = DocumentRowCodec.ReservedPrefix + "member_record";

    /// <summary>Run-wide number of a component's root.</summary>
    public const string RootNumber = DocumentRowCodec.ReservedPrefix + "root_number";

    /// <summary>The written <c>cluster_id</c> before it is renamed for the output.</summary>
    public const string ClusterId = DocumentRowCodec.ReservedPrefix + "cluster_id";

    /// <summary>One element of <see cref="DocumentUdf.FileRows"/>: a row as JSON.</summary>
    public const string Json = DocumentRowCodec.ReservedPrefix + "json";

    /// <summary>Set only on the element that reports a file's failure: what went wrong.</summary>
    public const string InputError = DocumentRowCodec.ReservedPrefix + "input_error";

    /// <summary>With <see cref="InputError"/>: the records read from the file before the failure.</summary>
    public const string RecordsRead = DocumentRowCodec.ReservedPrefix + "records_read";

    /// <summary>Every column the job adds beside a document row.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Path, Document, Json, InputError, RecordsRead, Loses, LoserPath, LoserRecord, OffsetPath, Offset, MemberPath, MemberRecord, RootNumber, ClusterId];
}
