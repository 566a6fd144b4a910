using System.Globalization;
using RedPajama.Documents;

namespace RedPajama.Reading;

/// <summary>Converts values read from JSON or Parquet into the type a meta field declares.</summary>
public static class MetaValues
{
    /// <summary>Converts <paramref name="value"/> to <paramref name="type"/>; null when it cannot be represented.</summary>
    /// <param name="value">A string, integer, floating-point or boolean value, an integer array, or null.</param>
    /// <param name="type">The field's type.</param>
    /// <returns>The converted value or null.</returns>
    public static object? Coerce(object? value, MetaType type) => (value, type) switch
    {
        (null, _) => null,
        (string s, MetaType.Text) => s,
        (_, MetaType.Text) => Convert.ToString(value, CultureInfo.InvariantCulture),
        (long l, MetaType.Integer) => l,
        (int i, MetaType.Integer) => (long)i,
        (string s, MetaType.Integer) => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l) ? l : null,
        (double d, MetaType.Integer) => d == Math.Floor(d) && Math.Abs(d) < 9e15 ? (long)d : null,
        (double d, MetaType.Float) => d,
        (float f, MetaType.Float) => (double)f,
        (long l, MetaType.Float) => (double)l,
        (int i, MetaType.Float) => (double)i,
        (string s, MetaType.Float) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : null,
        (bool b, MetaType.Boolean) => b,
        (long[] list, MetaType.IntegerList) => list,
        (int[] list, MetaType.IntegerList) => Array.ConvertAll(list, i => (long)i),
        (JsonText json, MetaType.Json) => json,
        (string s, MetaType.Json) => new JsonText(s),
        _ => null,
    };
}
