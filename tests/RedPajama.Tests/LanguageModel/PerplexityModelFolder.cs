using RedPajama.Tests.Support;
using RedPajama.Udfs.LanguageModel;
using RedPajama.Udfs.Text;
using RedPajama.Udfs.Tokenization;

namespace RedPajama.Tests.LanguageModel;

/// <summary>
/// A CCNet-style model folder for the perplexity tests: <c>en.sp.model</c> is the unigram test model
/// (<c>fixtures/tokenization/models/unigram-nmt-nfkc.model</c>, the model type cc_net uses) and <c>en.arpa</c> a
/// 5-gram trained here with the project's Kneser-Ney trainer on the pieces of the first 250 lines of
/// <c>prose-en.txt</c>, normalised as cc_net does. The other lines are held out as documents.
/// </summary>
public sealed class PerplexityModelFolder : IDisposable
{
    private const int TrainingLines = 250;
    private readonly TemporaryDirectory _directory = new();

    public PerplexityModelFolder()
    {
        string[] lines = File.ReadAllText(TestData.Fixture("tokenization/prose-en.txt")).Split('\n')[..^1];
        File.Copy(TestData.Fixture("tokenization/models/unigram-nmt-nfkc.model"), SentencePiecePath);
        Tokenizer = SentencePieceTokenizer.Load(SentencePiecePath);
        var trainer = new KneserNeyTrainer(5, discountFallback: KneserNeyTrainer.DefaultFallbackDiscounts);
        foreach (string line in lines.Take(TrainingLines).Select(CcnetTextNormalizer.Normalize).Where(l => l.Length > 0))
        {
            trainer.AddSentence(string.Join(' ', Tokenizer.EncodeToPieces(line)));
        }

        using (var writer = new StreamWriter(ArpaPath))
        {
            trainer.Estimate().WriteArpa(writer);
        }

        Model = NGramLanguageModel.Load(ArpaPath);
        HeldOut = [.. lines.Skip(TrainingLines).Where(l => l.Trim().Length > 0)];
    }

    /// <summary>The folder (<c>perplexity.model_dir</c>).</summary>
    public string Path => _directory.Path;

    /// <summary>The English SentencePiece model in the folder.</summary>
    public string SentencePiecePath => _directory.Combine("en.sp.model");

    /// <summary>The English ARPA model in the folder.</summary>
    public string ArpaPath => _directory.Combine("en.arpa");

    /// <summary>The tokenizer, loaded separately from the step's cache.</summary>
    public SentencePieceTokenizer Tokenizer { get; }

    /// <summary>The n-gram model, loaded separately from the step's cache.</summary>
    public NGramLanguageModel Model { get; }

    /// <summary>Non-blank lines not trained on.</summary>
    public IReadOnlyList<string> HeldOut { get; }

    /// <summary>A file in a fresh folder next to the models' (removed with them).</summary>
    public string NewFile(string name)
    {
        string folder = _directory.Combine(Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return System.IO.Path.Combine(folder, name);
    }

    public void Dispose()
    {
        Model.Dispose();
        _directory.Dispose();
    }
}
