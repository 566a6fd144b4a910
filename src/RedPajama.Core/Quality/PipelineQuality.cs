using RedPajama.Configuration;
using RedPajama.Pipeline;
using RedPajama.Tokenization;
using RedPajama.Udfs.Quality;

namespace RedPajama.Quality;

/// <summary>Adds quality scoring to a source's pipeline as its configuration asks: the signals step and columns, and the filter.</summary>
public static class PipelineQuality
{
    /// <summary>The rule set a configuration names, or null for no filtering.</summary>
    /// <param name="config">The <c>quality:</c> section.</param>
    /// <returns>The rules, or null.</returns>
    /// <exception cref="FormatException">The rules file is invalid.</exception>
    /// <exception cref="ArgumentException">Unknown preset.</exception>
    public static QualityRuleSet? Rules(QualityConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.RulesFile is { Length: > 0 } file)
        {
            return QualityRuleSet.Load(file);
        }

        return config.Preset is { Length: > 0 } preset ? QualityRuleSet.Preset(preset) : null;
    }

    /// <summary>The bad-words directory a configuration names, or the bundled LDNOOBW lists.</summary>
    /// <param name="config">The <c>quality:</c> section.</param>
    /// <returns>A directory path (it may not exist; then the signals needing it are null).</returns>
    public static string BadWordsDirectory(QualityConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return string.IsNullOrEmpty(config.BadWordsDir) ? BundledModels.BadWordsDirectory : config.BadWordsDir;
    }

    /// <summary>Returns <paramref name="pipeline"/> with quality scoring added, or unchanged when the configuration turns it off.</summary>
    /// <param name="pipeline">A source's pipeline.</param>
    /// <param name="config">The <c>quality:</c> section.</param>
    /// <param name="warn">Receives one warning per missing word list.</param>
    /// <param name="signalsWanted">
    /// False when the source leaves the signals out (<see cref="Sources.PipelineSource.AddsSignalsAndTokenCount"/>):
    /// then only a preset or rules file adds the step, and no signal is written.
    /// </param>
    /// <returns>The pipeline to run.</returns>
    public static PipelineDescription AddTo(PipelineDescription pipeline, QualityConfig config, Action<string>? warn = null, bool signalsWanted = true)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(config);
        QualityRuleSet? rules = Rules(config);
        bool signals = config.Signals && signalsWanted;
        if (!signals && rules is null)
        {
            return pipeline;
        }

        var lists = new QualityWordLists(BadWordsDirectory(config));
        if (warn is not null)
        {
            lists.Warning += (_, message) => warn(message);
        }

        var computer = new QualitySignalComputer(lists, rules?.SignalOptions);
        bool writesLines = signals && config.LineSignals;
        List<IDocumentStep> steps =
        [
            new QualitySignalsStep(computer, pipeline.Meta, config.Language, keepLines: writesLines || rules is not null),
        ];
        if (rules is not null)
        {
            steps.Add(new QualityFilterStep(rules, pipeline.Source, keepLines: writesLines));
        }

        return (pipeline with { WritesSignals = signals, WritesLineSignals = writesLines }).InsertBeforeDeduplication(steps);
    }
}
