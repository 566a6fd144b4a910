using System.Reflection;
using RedPajama.Udfs.Quality;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace RedPajama.Quality;

/// <summary>
/// A named set of filter rules, from YAML (the shipped presets use the same format):
/// <code>
/// name: gopher
/// description: Gopher quality and repetition rules (Rae et al. 2021, Table A1), datatrove's thresholds
/// c4_min_words_per_line: 3
/// rules:
///   - name: gopher_short_doc
///     signal: gopher_word_count
///     min: 50
///   - name: rpv2_bullet_lines
///     signal: rps_lines_start_with_bulletpoint
///     aggregate: mean
///     max: 0.9
/// </code>
/// A document is kept when every applicable rule passes; it is dropped under the first failing rule's name.
/// </summary>
public sealed class QualityRuleSet
{
    private const string PresetPrefix = "RedPajama.Quality.Presets.";

    /// <summary>The set's name.</summary>
    public string Name { get; set; } = "custom";

    /// <summary>What the rules reproduce, with their source.</summary>
    public string Description { get; set; } = string.Empty;

    /// <summary>C4's minimum words per kept line, used when computing <c>c4_*</c> signals.</summary>
    public int C4MinWordsPerLine { get; set; } = 3;

    /// <summary>C4's longest word (code points) in a kept line.</summary>
    public int C4MaxWordLength { get; set; } = 1000;

    /// <summary>The rules, in evaluation order.</summary>
    public List<QualityRule> Rules { get; set; } = [];

    /// <summary>The names of the shipped presets.</summary>
    public static IReadOnlyList<string> PresetNames { get; } =
        [.. typeof(QualityRuleSet).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(PresetPrefix, StringComparison.Ordinal))
            .Select(n => n[PresetPrefix.Length..^".yaml".Length])
            .Order(StringComparer.Ordinal)];

    /// <summary>The signal options these rules imply (C4's line parameters).</summary>
    public QualitySignalOptions SignalOptions => new(SignalFamily.All, C4MinWordsPerLine, C4MaxWordLength);

    /// <summary>Loads a shipped preset.</summary>
    /// <param name="name">One of <see cref="PresetNames"/>.</param>
    /// <returns>The rule set.</returns>
    /// <exception cref="ArgumentException">No such preset.</exception>
    public static QualityRuleSet Preset(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Assembly assembly = typeof(QualityRuleSet).Assembly;
        using Stream? stream = assembly.GetManifestResourceStream(PresetPrefix + name + ".yaml");
        if (stream is null)
        {
            throw new ArgumentException($"unknown quality preset '{name}' (available: {string.Join(", ", PresetNames)})", nameof(name));
        }

        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), $"preset {name}");
    }

    /// <summary>Loads a rule-set file.</summary>
    /// <param name="path">A YAML file.</param>
    /// <returns>The rule set.</returns>
    /// <exception cref="FormatException">Invalid YAML, an unknown key or signal, or a rule without bounds.</exception>
    public static QualityRuleSet Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses and validates rule-set YAML.</summary>
    /// <param name="yaml">The text.</param>
    /// <param name="origin">Its name, for messages.</param>
    /// <returns>The rule set.</returns>
    /// <exception cref="FormatException">Invalid YAML, an unknown key or signal, or a rule without bounds.</exception>
    public static QualityRuleSet Parse(string yaml, string origin)
    {
        IDeserializer deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
        QualityRuleSet set;
        try
        {
            set = deserializer.Deserialize<QualityRuleSet?>(yaml) ?? new QualityRuleSet();
        }
        catch (YamlException exception)
        {
            string detail = exception.InnerException?.Message ?? exception.Message;
            throw new FormatException($"{origin}: line {exception.Start.Line}: {detail}", exception);
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (QualityRule rule in set.Rules)
        {
            rule.Validate(origin);
            if (!names.Add(rule.Name))
            {
                throw new FormatException($"{origin}: two rules are called '{rule.Name}'");
            }
        }

        return set;
    }

    /// <summary>The first rule that fails, or null when the document is kept.</summary>
    /// <param name="values">The document's signals.</param>
    /// <param name="source">Its source name.</param>
    /// <returns>The failing rule or null.</returns>
    public QualityRule? FirstFailure(QualitySignalValues values, string source)
    {
        foreach (QualityRule rule in Rules)
        {
            if (rule.Judge(values, source) == RuleVerdict.Fail)
            {
                return rule;
            }
        }

        return null;
    }
}
