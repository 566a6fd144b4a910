using System.Globalization;
using RedPajama.Udfs.Quality;

namespace RedPajama.Quality;

/// <summary>
/// One filter rule: a signal (aggregated when it is a line signal) must lie within <see cref="Min"/> and
/// <see cref="Max"/>, both inclusive; a document outside is dropped and counted under <see cref="Name"/>.
/// </summary>
public sealed class QualityRule
{
    private SignalDefinition? _definition;
    private int _index = -1;

    /// <summary>The drop reason, snake_case (datatrove's reason where the rule is datatrove's).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The signal the rule reads.</summary>
    public string Signal { get; set; } = string.Empty;

    /// <summary>How a line signal is reduced; <see cref="RuleAggregate.Value"/> for document signals.</summary>
    public RuleAggregate Aggregate { get; set; } = RuleAggregate.Value;

    /// <summary>Smallest value kept; null for no lower bound.</summary>
    public double? Min { get; set; }

    /// <summary>Largest value kept; null for no upper bound.</summary>
    public double? Max { get; set; }

    /// <summary>Whether a null value (undefined for the text, or no word list) keeps the document. Default: keep.</summary>
    public bool KeepNull { get; set; } = true;

    /// <summary>Sources the rule applies to (<c>github</c>); empty for all.</summary>
    public List<string> Sources { get; set; } = [];

    /// <summary>The rule as one line, for help and logs: <c>gopher_short_doc: gopher_word_count &gt;= 50</c>.</summary>
    public string Describe()
    {
        string value = Aggregate == RuleAggregate.Value ? Signal : $"{Aggregate.ToString().ToLowerInvariant()}({Signal})";
        string bounds = (Min, Max) switch
        {
            ({ } min, { } max) => $"{Format(min)} <= {value} <= {Format(max)}",
            ({ } min, null) => $"{value} >= {Format(min)}",
            (null, { } max) => $"{value} <= {Format(max)}",
            _ => value,
        };
        string scope = Sources.Count == 0 ? string.Empty : $" (sources: {string.Join(", ", Sources)})";
        return $"{Name}: {bounds}{scope}";

        static string Format(double x) => x.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>Checks the rule and binds it to its signal.</summary>
    /// <param name="origin">The rule set's name, for messages.</param>
    /// <exception cref="FormatException">The rule is incomplete or names an unknown signal.</exception>
    public void Validate(string origin)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new FormatException($"{origin}: a rule has no name");
        }

        if (!SignalCatalog.TryGet(Signal, out SignalDefinition? definition))
        {
            throw new FormatException($"{origin}: rule '{Name}' reads unknown signal '{Signal}'");
        }

        if (Min is null && Max is null)
        {
            throw new FormatException($"{origin}: rule '{Name}' has neither min nor max");
        }

        if (Min is { } min && Max is { } max && min > max)
        {
            throw new FormatException($"{origin}: rule '{Name}' has min {min} above max {max}");
        }

        if (definition.Level == SignalLevel.Line && Aggregate == RuleAggregate.Value)
        {
            throw new FormatException($"{origin}: rule '{Name}' reads line signal '{Signal}' and needs an aggregate (mean, sum, min, max)");
        }

        if (definition.Level == SignalLevel.Document && Aggregate != RuleAggregate.Value)
        {
            throw new FormatException($"{origin}: rule '{Name}' aggregates document signal '{Signal}'");
        }

        _definition = definition;
        _index = definition.Level == SignalLevel.Document ? SignalCatalog.DocumentIndex(Signal) : SignalCatalog.LineIndex(Signal);
    }

    /// <summary>The number the rule compares, or null.</summary>
    /// <param name="values">A document's signals.</param>
    /// <returns>The value, or null when undefined.</returns>
    public double? ValueOf(QualitySignalValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        SignalDefinition definition = _definition ?? throw new InvalidOperationException($"rule '{Name}' was not validated");
        if (definition.Level == SignalLevel.Document)
        {
            double value = values.Document[_index];
            return double.IsNaN(value) ? null : value;
        }

        if (values.Lines[_index] is not { } lines)
        {
            return null;
        }

        double sum = 0;
        double minimum = double.PositiveInfinity;
        double maximum = double.NegativeInfinity;
        int count = 0;
        for (int i = 0; i < lines.Count; i++)
        {
            double value = lines.Values[i];
            if (double.IsNaN(value))
            {
                continue;
            }

            sum += value;
            minimum = Math.Min(minimum, value);
            maximum = Math.Max(maximum, value);
            count++;
        }

        return Aggregate switch
        {
            RuleAggregate.Sum => sum,
            _ when count == 0 => null,
            RuleAggregate.Mean => sum / count,
            RuleAggregate.Min => minimum,
            _ => maximum,
        };
    }

    /// <summary>Judges one document.</summary>
    /// <param name="values">Its signals.</param>
    /// <param name="source">Its source name.</param>
    /// <returns>The verdict.</returns>
    public RuleVerdict Judge(QualitySignalValues values, string source)
    {
        if (Sources.Count > 0 && !Sources.Contains(source, StringComparer.Ordinal))
        {
            return RuleVerdict.NotApplicable;
        }

        if (ValueOf(values) is not { } value)
        {
            return KeepNull ? RuleVerdict.Pass : RuleVerdict.Fail;
        }

        return (Min is { } min && value < min) || (Max is { } max && value > max) ? RuleVerdict.Fail : RuleVerdict.Pass;
    }
}
