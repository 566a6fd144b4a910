namespace RedPajama.Configuration;

/// <summary>The <c>tokenizer:</c> section of a run configuration: token counts and training-ready token ids.</summary>
public sealed class TokenizerConfig
{
    /// <summary>The SentencePiece <c>tokenizer.model</c>; null means the bundled LLaMA-recipe model (Mistral-7B's, Apache-2.0).</summary>
    public string? Model { get; set; }

    /// <summary>Add <c>token_count</c> to every document's meta (on by default).</summary>
    public bool TokenCount { get; set; } = true;

    /// <summary>Also write the ids as an <c>input_ids</c> column (list of int32), for training-ready shards.</summary>
    public bool InputIds { get; set; }

    /// <summary>Start each document's ids with the begin-of-sentence id (counted in <c>token_count</c>).</summary>
    public bool AddBos { get; set; }

    /// <summary>End each document's ids with the end-of-sentence id (counted in <c>token_count</c>).</summary>
    public bool AddEos { get; set; }

    /// <summary>Add <c>token_count_neox</c>, the GPT-NeoX-20B count RedPajama-1T published (off by default; any source).</summary>
    public bool TokenCountNeox { get; set; }

    /// <summary>The GPT-NeoX <c>tokenizer.json</c> of <see cref="TokenCountNeox"/>; null means the bundled one.</summary>
    public string? NeoxModel { get; set; }
}
