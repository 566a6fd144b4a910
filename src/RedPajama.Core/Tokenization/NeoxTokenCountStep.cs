using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Udfs.Tokenization;

namespace RedPajama.Tokenization;

/// <summary>
/// Puts the text's GPT-NeoX-20B token count in <c>token_count_neox</c>, as RedPajama-1T's per-subset
/// <c>token_count.py</c> scripts count (<c>len(tokenizer.tokenize(text))</c>, no special tokens). Never drops.
/// </summary>
public sealed class NeoxTokenCountStep : IDocumentStep
{
    /// <summary>The meta field that receives the count.</summary>
    public const string Field = "token_count_neox";

    private readonly ByteLevelBpeTokenizer _tokenizer;
    private readonly int _index;

    /// <summary>Creates the step.</summary>
    /// <param name="tokenizer">The GPT-NeoX tokenizer.</param>
    /// <param name="meta">The pipeline's meta schema, holding <see cref="Field"/>.</param>
    public NeoxTokenCountStep(ByteLevelBpeTokenizer tokenizer, MetaSchema meta)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(meta);
        _tokenizer = tokenizer;
        _index = meta.Require(Field);
    }

    /// <inheritdoc />
    public string Name => "token_count_neox";

    /// <inheritdoc />
    public void Apply(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Meta[_index] = (long)_tokenizer.CountTokens(document.Text);
    }
}
