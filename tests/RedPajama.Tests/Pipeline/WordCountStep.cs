using RedPajama.Documents;
using RedPajama.Pipeline;

namespace RedPajama.Tests.Pipeline;

/// <summary>A per-document step for the tests: writes the number of space-separated words to meta <c>words</c>.</summary>
internal sealed class WordCountStep(MetaSchema meta) : IDocumentStep
{
    private readonly int _words = meta.Require("words");

    public string Name => "word_count";

    public void Apply(Document document) => document.Meta[_words] = (long)document.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
