namespace RedPajama.Documents;

/// <summary>
/// A document moving through a pipeline: its text, its <c>meta</c> values (aligned with the pipeline's
/// <see cref="MetaSchema"/>) and, once a step has dropped it, the reason. Steps mark documents dropped instead of
/// deleting them, so accounting and <c>--keep-all</c> come for free.
/// </summary>
public sealed class Document
{
    /// <summary>Creates a document with empty text and all meta values null.</summary>
    /// <param name="order">Where it was read.</param>
    /// <param name="metaFieldCount">Number of fields of the pipeline's meta schema.</param>
    public Document(OrderKey order, int metaFieldCount)
    {
        Order = order;
        Meta = new object?[metaFieldCount];
    }

    /// <summary>Where the document was read; decides which duplicate is kept.</summary>
    public OrderKey Order { get; }

    /// <summary>The document text.</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>
    /// The undecoded payload of a whole-file record (a Gutenberg .txt file) until a decoding step turns it into
    /// <see cref="Text"/>; null otherwise.
    /// </summary>
    public byte[]? RawContent { get; set; }

    /// <summary>
    /// The record's JSON line as read (UTF-8, without the line break), when its reader was asked to keep it
    /// (<see cref="Writing.OutputFormat.SourceJsonl"/> writes it back with every input field as it was); null otherwise.
    /// </summary>
    public byte[]? SourceLine { get; set; }

    /// <summary>
    /// The 1-based line of the input the record was read from, for readers of line formats (JSON lines); null
    /// otherwise. Only for messages: a skipped line is named by its file and line number.
    /// </summary>
    public long? Line { get; set; }

    /// <summary>
    /// The file inside the input the record was read from (a repository's file, an archive member), for readers of
    /// such inputs; null otherwise. Only for messages, like <see cref="Line"/>.
    /// </summary>
    public string? Member { get; set; }

    /// <summary>Meta values by schema index: <see cref="string"/>, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/> or null.</summary>
    public object?[] Meta { get; }

    /// <summary>The text's token ids, when the run writes them (<c>tokenizer.input_ids</c>); null otherwise.</summary>
    public int[]? InputIds { get; set; }

    /// <summary>The document's quality signals, when the run computes them (<c>quality.signals</c>); null otherwise.</summary>
    public Udfs.Quality.QualitySignalValues? Signals { get; set; }

    /// <summary>
    /// In keep-all runs with near dedup: the run-wide number (rank by order key, from 0) of the earliest document of
    /// this document's near-duplicate cluster — its own number when it has no near duplicate. Null otherwise.
    /// </summary>
    public long? ClusterId { get; set; }

    /// <summary>Null while the document is kept; the reason once a step dropped it.</summary>
    public string? DropReason { get; private set; }

    /// <summary>True once a step dropped the document.</summary>
    public bool IsDropped => DropReason is not null;

    /// <summary>Marks the document dropped. The first reason stays.</summary>
    /// <param name="reason">A short snake_case reason, counted in statistics.</param>
    public void Drop(string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        DropReason ??= reason;
    }
}
