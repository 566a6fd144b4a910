using System.Globalization;

namespace RedPajama.Configuration;

/// <summary>
/// The accepted values of a numeric setting, one rule for the command line and the YAML configuration alike, with
/// the message a value outside it gets: <c>--ngram must be at least 1 (got 0)</c>.
/// </summary>
/// <param name="Minimum">The smallest value.</param>
/// <param name="Maximum">The largest value (inclusive; infinity for none).</param>
/// <param name="MinimumExclusive">True when <paramref name="Minimum"/> itself is refused.</param>
public sealed record NumberRange(double Minimum, double Maximum, bool MinimumExclusive = false)
{
    /// <summary>Values from <paramref name="minimum"/> up.</summary>
    /// <param name="minimum">The smallest value.</param>
    /// <returns>The range.</returns>
    public static NumberRange AtLeast(double minimum) => new(minimum, double.PositiveInfinity);

    /// <summary>Values from <paramref name="minimum"/> to <paramref name="maximum"/>, both included.</summary>
    /// <param name="minimum">The smallest value.</param>
    /// <param name="maximum">The largest value.</param>
    /// <returns>The range.</returns>
    public static NumberRange Between(double minimum, double maximum) => new(minimum, maximum);

    /// <summary>Values above <paramref name="minimum"/> (excluded) up to <paramref name="maximum"/> (included).</summary>
    /// <param name="minimum">The bound, refused itself.</param>
    /// <param name="maximum">The largest value.</param>
    /// <returns>The range.</returns>
    public static NumberRange Above(double minimum, double maximum = double.PositiveInfinity) => new(minimum, maximum, MinimumExclusive: true);

    /// <summary>Whether <paramref name="value"/> is accepted (NaN never is).</summary>
    /// <param name="value">The value.</param>
    /// <returns>True when it is in the range.</returns>
    public bool Contains(double value) => (MinimumExclusive ? value > Minimum : value >= Minimum) && value <= Maximum;

    /// <summary>The range in words: <c>at least 1</c>, <c>between 0 and 1</c>, <c>greater than 0 and at most 1</c>.</summary>
    /// <returns>The description.</returns>
    public string Describe()
    {
        bool bounded = !double.IsPositiveInfinity(Maximum);
        return (MinimumExclusive, bounded) switch
        {
            (false, false) => $"at least {Format(Minimum)}",
            (false, true) => $"between {Format(Minimum)} and {Format(Maximum)}",
            (true, false) => $"greater than {Format(Minimum)}",
            (true, true) => $"greater than {Format(Minimum)} and at most {Format(Maximum)}",
        };
    }

    /// <summary>The message for a value outside the range, or null when it is accepted.</summary>
    /// <param name="name">The option or key, as the user wrote it (<c>--threads</c>, <c>dedup.ngram</c>).</param>
    /// <param name="value">The value.</param>
    /// <returns><c>name must be … (got value)</c>, or null.</returns>
    public string? Check(string name, double value) => Contains(value) ? null : $"{name} must be {Describe()} (got {Format(value)})";

    /// <summary>Formats a number as the user would write it.</summary>
    /// <param name="value">The number.</param>
    /// <returns>Invariant text: <c>-3</c>, <c>1.5</c>.</returns>
    public static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
