using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Udfs.Quality;

namespace RedPajama.Quality;

/// <summary>
/// Computes every quality signal of a document into <see cref="Document.Signals"/>. The language is the document's
/// <c>language</c> meta field when the source has one, else the configured default. It never drops a document.
/// </summary>
public sealed class QualitySignalsStep : IDocumentStep
{
    /// <summary>The step's name in statistics.</summary>
    public const string StepName = "quality_signals";

    private readonly QualitySignalComputer _computer;
    private readonly int _languageIndex;
    private readonly string _defaultLanguage;
    private readonly bool _keepLines;

    /// <summary>Creates the step.</summary>
    /// <param name="computer">The signal computer.</param>
    /// <param name="meta">The pipeline's meta schema (its <c>language</c> text field, if any, is used).</param>
    /// <param name="defaultLanguage">The language of documents without one.</param>
    /// <param name="keepLines">Keep the line signals (for output or a later filter); otherwise they are let go at once.</param>
    public QualitySignalsStep(QualitySignalComputer computer, MetaSchema meta, string defaultLanguage, bool keepLines = true)
    {
        ArgumentNullException.ThrowIfNull(computer);
        ArgumentNullException.ThrowIfNull(meta);
        ArgumentException.ThrowIfNullOrEmpty(defaultLanguage);
        _computer = computer;
        int index = meta.IndexOf("language");
        _languageIndex = index >= 0 && meta.Fields[index].Type == MetaType.Text ? index : -1;
        _defaultLanguage = defaultLanguage;
        _keepLines = keepLines;
    }

    /// <inheritdoc />
    public string Name => StepName;

    /// <inheritdoc />
    public void Apply(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        string language = _languageIndex >= 0 && document.Meta[_languageIndex] is string { Length: > 0 } value ? value : _defaultLanguage;
        document.Signals = _computer.Compute(document.Text, language);
        if (!_keepLines)
        {
            Array.Clear(document.Signals.Lines);
        }
    }
}
