namespace RedPajama.Udfs.C4;

/// <summary>Why TFDS C4's cleaning drops a page, one reason per upstream <c>filtered-page-*</c> counter.</summary>
public static class TfdsDropReasons
{
    /// <summary>A kept line contains <c>lorem ipsum</c> (<c>filtered-page-loremipsum</c>).</summary>
    public const string LoremIpsum = "lorem_ipsum";

    /// <summary>A kept line contains <c>{</c>, probably code (<c>filtered-page-squigglybracket</c>).</summary>
    public const string CurlyBracket = "curly_bracket";

    /// <summary>A kept line holds a bad word (<c>filtered-page-badword</c>).</summary>
    public const string BadWord = "badword";

    /// <summary>The kept lines hold fewer sentences than the minimum (<c>filtered-page-toofewsentences</c>).</summary>
    public const string TooFewSentences = "too_few_sentences";

    /// <summary>The text is longer than 1.9e5 code points (<c>filtered-page-contenttoolong</c>).</summary>
    public const string ContentTooLong = "content_too_long";

    /// <summary>Another page has the same normalized URL (<c>filtered-url-duplicate</c>).</summary>
    public const string DuplicateUrl = "duplicate_url";

    /// <summary>Cross-page line dedup left no line (<c>filtered-deduped_page-empty</c>).</summary>
    public const string DedupedPageEmpty = "deduped_page_empty";

    /// <summary>Cross-page line dedup left too few sentences (<c>filtered-deduped_page-toofewsentences</c>).</summary>
    public const string DedupedTooFewSentences = "deduped_too_few_sentences";
}
