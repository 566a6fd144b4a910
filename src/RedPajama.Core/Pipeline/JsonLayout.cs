namespace RedPajama.Pipeline;

/// <summary>Top-level key order of a source's records, as RedPajama's scripts wrote them.</summary>
public enum JsonLayout
{
    /// <summary><c>{"text": …, "meta": {…}}</c> (C4, Wikipedia, ArXiv, StackExchange, GitHub).</summary>
    TextThenMeta,

    /// <summary><c>{"meta": {…}, "text": …}</c> (Books: <c>data_prep/book/dedup.py</c>).</summary>
    MetaThenText,

    /// <summary>
    /// <c>{"text": …, "pred_label": …, "source": …}</c>: text first, then the written meta fields as top-level keys,
    /// no <c>meta</c> object (RedPajama's released CommonCrawl records). Parquet gets top-level columns instead of a
    /// <c>meta</c> struct.
    /// </summary>
    Flat,
}
