namespace RedPajama.Pipeline;

/// <summary>Top-level key order of a source's JSON lines, as RedPajama's scripts wrote them.</summary>
public enum JsonLayout
{
    /// <summary><c>{"text": …, "meta": {…}}</c> (C4, Wikipedia, ArXiv, StackExchange, GitHub).</summary>
    TextThenMeta,

    /// <summary><c>{"meta": {…}, "text": …}</c> (Books: <c>data_prep/book/dedup.py</c>).</summary>
    MetaThenText,
}
