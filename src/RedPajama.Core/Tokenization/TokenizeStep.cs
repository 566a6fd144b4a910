using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Udfs.Tokenization;

namespace RedPajama.Tokenization;

/// <summary>
/// The last per-document step when tokenization is on: puts the text's SentencePiece token count in the
/// <c>token_count</c> meta field and, for training-ready output, the ids in <see cref="Document.InputIds"/>.
/// It never drops a document.
/// </summary>
public sealed class TokenizeStep : IDocumentStep
{
    /// <summary>The meta field that receives the count.</summary>
    public const string TokenCountField = "token_count";

    private readonly SentencePieceTokenizer _tokenizer;
    private readonly int _countIndex;
    private readonly bool _keepIds;
    private readonly bool _addBos;
    private readonly bool _addEos;

    /// <summary>Creates the step.</summary>
    /// <param name="tokenizer">The model.</param>
    /// <param name="meta">The pipeline's meta schema, which must have <see cref="TokenCountField"/> when counting.</param>
    /// <param name="count">Whether to set <c>token_count</c>.</param>
    /// <param name="keepIds">Whether to keep the ids for an <c>input_ids</c> column.</param>
    /// <param name="addBos">Start the ids with the begin-of-sentence id.</param>
    /// <param name="addEos">End the ids with the end-of-sentence id.</param>
    public TokenizeStep(SentencePieceTokenizer tokenizer, MetaSchema meta, bool count, bool keepIds, bool addBos, bool addEos)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(meta);
        _tokenizer = tokenizer;
        _countIndex = count ? meta.Require(TokenCountField) : -1;
        _keepIds = keepIds;
        _addBos = addBos;
        _addEos = addEos;
    }

    /// <inheritdoc />
    public string Name => "tokenize";

    /// <summary>The ids of <paramref name="text"/> as this step writes them (with the configured BOS/EOS).</summary>
    /// <param name="text">A document text.</param>
    /// <returns>The ids.</returns>
    public int[] Encode(string text) => _tokenizer.Encode(text, _addBos, _addEos);

    /// <inheritdoc />
    public void Apply(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (_keepIds)
        {
            int[] ids = Encode(document.Text);
            document.InputIds = ids;
            SetCount(document, ids.Length);
        }
        else if (_countIndex >= 0)
        {
            SetCount(document, _tokenizer.CountTokens(document.Text) + (_addBos ? 1 : 0) + (_addEos ? 1 : 0));
        }
    }

    private void SetCount(Document document, int count)
    {
        if (_countIndex >= 0)
        {
            document.Meta[_countIndex] = (long)count;
        }
    }
}
