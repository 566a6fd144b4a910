using System.CommandLine;
using System.Text;
using RedPajama.Configuration;
using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Quality;
using RedPajama.Reading;
using RedPajama.Udfs.Quality;
using RedPajama.Writing;

namespace RedPajama.Cli;

/// <summary>
/// <c>redpajama signals</c>: reads JSON lines (<c>{"text": …}</c>, other fields kept) on standard input and writes
/// each back with <c>"quality_signals"</c> in RedPajama-V2's span format, and, when a rule set is given,
/// <c>"rules"</c> (each rule's verdict: true passes, false fails, null does not apply) and <c>"keep"</c>. Lines that
/// are not a JSON object with a string <c>text</c> are skipped, each reported with its record number (non-blank lines
/// from 0) and reason (<c>malformed_json</c>, <c>missing_text</c>).
/// </summary>
public static class SignalsCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="error">Where warnings, skips and the summary go.</param>
    /// <returns>The command.</returns>
    public static Command Create(TextWriter error)
    {
        var preset = new Option<string?>("--preset") { Description = $"A shipped rule set: {string.Join(", ", QualityRuleSet.PresetNames)}." };
        var rules = new Option<string?>("--config") { Description = "A rule-set YAML file (the presets' format)." };
        var language = new Option<string>("--language") { Description = "Language of documents without a \"language\" field.", DefaultValueFactory = _ => "en" };
        var source = new Option<string?>("--source") { Description = "Source name for rules scoped to sources (default: the document's \"source\" or meta.source)." };
        var badWords = new Option<string?>("--bad-words") { Description = "Directory of LDNOOBW lists (default: the bundled ones)." };
        var command = new Command("signals", "Compute every quality signal of JSON-lines documents on standard input.")
        {
            preset, rules, language, source, badWords,
        };
        command.SetAction(parse =>
        {
            var config = new QualityConfig
            {
                Preset = parse.GetValue(preset),
                RulesFile = parse.GetValue(rules),
                BadWordsDir = parse.GetValue(badWords),
            };
            QualityRuleSet? ruleSet;
            try
            {
                ruleSet = PipelineQuality.Rules(config);
            }
            catch (Exception exception) when (exception is FormatException or ArgumentException or IOException)
            {
                error.WriteLine($"redpajama: {exception.Message}");
                return ExitCodes.Usage;
            }

            var lists = new QualityWordLists(PipelineQuality.BadWordsDirectory(config));
            lists.Warning += (_, message) => error.WriteLine($"redpajama: warning: {message}");
            var computer = new QualitySignalComputer(lists, ruleSet?.SignalOptions);
            using Stream input = Console.OpenStandardInput();
            using Stream output = Console.OpenStandardOutput();
            SignalsSummary summary = Run(input, output, error, computer, ruleSet, parse.GetValue(language)!, parse.GetValue(source));
            error.WriteLine($"signals: read {summary.Read}, written {summary.Written}, skipped {summary.Skipped}, kept {summary.Kept}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Scores every line of <paramref name="input"/> into <paramref name="output"/>: the JSON-lines reader (language
    /// and source read from the top level or <c>meta</c>), <see cref="QualitySignalsStep"/>, and with rules
    /// <see cref="QualityFilterStep"/> for <c>"keep"</c>; each input line is written back with the new fields.
    /// </summary>
    /// <param name="input">UTF-8 JSON lines.</param>
    /// <param name="output">Receives one JSON line per document.</param>
    /// <param name="log">Receives one line per skipped input line.</param>
    /// <param name="computer">The signal computer.</param>
    /// <param name="rules">The rules to judge with, or null.</param>
    /// <param name="defaultLanguage">Language of documents without one.</param>
    /// <param name="source">Source name for scoped rules; null to take it from each document.</param>
    /// <returns>The counts.</returns>
    public static SignalsSummary Run(Stream input, Stream output, TextWriter log, QualitySignalComputer computer, QualityRuleSet? rules, string defaultLanguage, string? source)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(log);
        var meta = new MetaSchema(new MetaField("language", MetaType.Text), new MetaField("source", MetaType.Text));
        var reader = new JsonlRowReader(ReadLimits.Default.MaxLineBytes, keepSourceLines: true);
        var signals = new QualitySignalsStep(computer, meta, defaultLanguage);
        var filters = new Dictionary<string, QualityFilterStep>(StringComparer.Ordinal);
        var fields = new StringBuilder();
        using var buffered = new BufferedStream(output, 1 << 16);
        var summary = new SignalsSummary();
        foreach (Document document in reader.Read(new InputFile(0, "stdin.jsonl", 0), input, meta))
        {
            summary.Read++;
            string documentSource = source ?? document.Meta[1] as string ?? string.Empty;
            IDocumentStep[] steps = rules is null ? [signals] : [signals, Filter(documentSource)];
            DocumentStepRunner.Apply(steps, document);
            if (document.SourceLine is not { } line || document.Signals is not { } values)
            {
                summary.Skipped++;
                log.WriteLine($"redpajama: record {document.Order.Record}: skipped: {document.DropReason}");
                continue;
            }

            fields.Clear().Append("\"quality_signals\": ");
            SignalJson.Append(fields, values, document.Text.EnumerateRunes().Count());
            if (rules is not null)
            {
                fields.Append(", \"rules\": {");
                for (int r = 0; r < rules.Rules.Count; r++)
                {
                    QualityRule rule = rules.Rules[r];
                    fields.Append(r > 0 ? ", " : string.Empty);
                    Writing.PythonJson.WriteString(fields, rule.Name);
                    fields.Append(rule.Judge(values, documentSource) switch { RuleVerdict.Pass => ": true", RuleVerdict.Fail => ": false", _ => ": null" });
                }

                fields.Append("}, \"keep\": ").Append(document.IsDropped ? "false" : "true");
            }

            SourceLineDocumentWriter.WriteWithFields(buffered, line, Encoding.UTF8.GetBytes(fields.ToString()));
            buffered.WriteByte((byte)'\n');
            summary.Written++;
            summary.Kept += document.IsDropped ? 0 : 1;
        }

        buffered.Flush();
        return summary;

        // Rules can be scoped to sources, and the filter step judges for one source.
        QualityFilterStep Filter(string name)
        {
            if (!filters.TryGetValue(name, out QualityFilterStep? filter))
            {
                filter = new QualityFilterStep(rules!, name);
                filters.Add(name, filter);
            }

            return filter;
        }
    }
}
