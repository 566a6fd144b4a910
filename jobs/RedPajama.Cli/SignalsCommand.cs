using System.CommandLine;
using System.Text;
using System.Text.Json;
using RedPajama.Configuration;
using RedPajama.Quality;
using RedPajama.Reading;
using RedPajama.Udfs.Quality;

namespace RedPajama.Cli;

/// <summary>
/// <c>redpajama signals</c>: reads JSON lines (<c>{"text": …}</c>, other fields kept) on standard input and writes
/// each back with <c>"quality_signals"</c> in RedPajama-V2's span format, and, when a rule set is given,
/// <c>"rules"</c> (each rule's verdict: true passes, false fails, null does not apply) and <c>"keep"</c>. Lines that
/// are not a JSON object with a string <c>text</c> are skipped, each reported with its line number and reason.
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

    /// <summary>Scores every line of <paramref name="input"/> into <paramref name="output"/>.</summary>
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
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(computer);
        var lines = new LineSplitter(input);
        var line = new StringBuilder();
        var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        long number = 0;
        var summary = new SignalsSummary();
        while (lines.TryReadLine(out ReadOnlySpan<byte> bytes))
        {
            number++;
            bytes = bytes.TrimEnd((byte)'\r');
            if (bytes.Trim(" \t"u8).IsEmpty)
            {
                continue;
            }

            summary.Read++;
            if (!TryParse(bytes, out Fields fields, out string? problem))
            {
                summary.Skipped++;
                log.WriteLine($"redpajama: line {number}: skipped: {problem}");
                continue;
            }

            QualitySignalValues values = computer.Compute(fields.Text, fields.Language ?? defaultLanguage);
            line.Clear();
            // The input object, minus its closing brace, keeps every field as it was.
            string original = Encoding.UTF8.GetString(bytes).TrimEnd();
            line.Append(original, 0, original.Length - 1).Append(original.AsSpan(0, original.Length - 1).Trim().Length > 1 ? ", " : string.Empty);
            line.Append("\"quality_signals\": ");
            SignalJson.Append(line, values, fields.Text.EnumerateRunes().Count());
            bool keep = true;
            if (rules is not null)
            {
                line.Append(", \"rules\": {");
                for (int r = 0; r < rules.Rules.Count; r++)
                {
                    QualityRule rule = rules.Rules[r];
                    RuleVerdict verdict = rule.Judge(values, source ?? fields.Source ?? string.Empty);
                    keep &= verdict != RuleVerdict.Fail;
                    line.Append(r > 0 ? ", " : string.Empty);
                    Writing.PythonJson.WriteString(line, rule.Name);
                    line.Append(verdict switch { RuleVerdict.Pass => ": true", RuleVerdict.Fail => ": false", _ => ": null" });
                }

                line.Append("}, \"keep\": ").Append(keep ? "true" : "false");
            }

            line.Append("}\n");
            writer.Write(line);
            summary.Written++;
            if (keep)
            {
                summary.Kept++;
            }
        }

        writer.Flush();
        return summary;
    }

    private static bool TryParse(ReadOnlySpan<byte> json, out Fields fields, out string? problem)
    {
        fields = default;
        string? text = null;
        string? language = null;
        string? source = null;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                problem = "not a JSON object";
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                switch (name)
                {
                    case "text" when reader.TokenType == JsonTokenType.String:
                        text = JsonStrings.Read(ref reader);
                        break;
                    case "language" when reader.TokenType == JsonTokenType.String:
                        language = reader.GetString();
                        break;
                    case "source" when reader.TokenType == JsonTokenType.String:
                        source = reader.GetString();
                        break;
                    case "meta" when reader.TokenType == JsonTokenType.StartObject:
                        ReadMeta(ref reader, ref language, ref source);
                        break;
                }

                reader.Skip();
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                problem = "not a single JSON object";
                return false;
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            problem = "malformed JSON: " + exception.Message;
            return false;
        }

        if (text is null)
        {
            problem = "no string \"text\" field";
            return false;
        }

        fields = new Fields(text, language, source);
        problem = null;
        return true;
    }

    private static void ReadMeta(ref Utf8JsonReader reader, ref string? language, ref string? source)
    {
        int depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != depth + 1)
            {
                continue;
            }

            string name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType == JsonTokenType.String && name is "language" or "source")
            {
                if (name == "language")
                {
                    language ??= reader.GetString();
                }
                else
                {
                    source ??= reader.GetString();
                }
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private readonly record struct Fields(string Text, string? Language, string? Source);
}
