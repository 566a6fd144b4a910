using System.Buffers;
using System.Globalization;
using System.Text;

namespace RedPajama.Writing;

/// <summary>
/// JSON text exactly as Python's <c>json.dumps</c> writes it with default settings, the way every RedPajama v1
/// script wrote its records: separators <c>", "</c> and <c>": "</c>, and <c>ensure_ascii</c>, so every character
/// outside space…tilde becomes a lower-case <c>\uXXXX</c> escape (UTF-16 surrogate pairs for astral characters).
/// </summary>
public static class PythonJson
{
    private static readonly SearchValues<char> Plain = SearchValues.Create(
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>Appends <paramref name="value"/> as a quoted JSON string.</summary>
    /// <param name="output">The destination.</param>
    /// <param name="value">The string.</param>
    public static void WriteString(StringBuilder output, ReadOnlySpan<char> value)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Append('"');
        while (!value.IsEmpty)
        {
            int special = value.IndexOfAnyExcept(Plain);
            if (special < 0)
            {
                output.Append(value);
                break;
            }

            output.Append(value[..special]);
            char c = value[special];
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\n': output.Append("\\n"); break;
                case '\r': output.Append("\\r"); break;
                case '\t': output.Append("\\t"); break;
                case '\b': output.Append("\\b"); break;
                case '\f': output.Append("\\f"); break;
                default:
                    output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
            }

            value = value[(special + 1)..];
        }

        output.Append('"');
    }

    /// <summary>Appends a value: string, integer, float (Python <c>repr</c>), boolean, list of integers (<c>[0, 2]</c>) or null.</summary>
    /// <param name="output">The destination.</param>
    /// <param name="value">The value.</param>
    public static void WriteValue(StringBuilder output, object? value)
    {
        ArgumentNullException.ThrowIfNull(output);
        switch (value)
        {
            case null: output.Append("null"); break;
            case string s: WriteString(output, s); break;
            case bool b: output.Append(b ? "true" : "false"); break;
            case long l: output.Append(l.ToString(CultureInfo.InvariantCulture)); break;
            case int i: output.Append(i.ToString(CultureInfo.InvariantCulture)); break;
            case double d: output.Append(FormatFloat(d)); break;
            case long[] list:
                output.Append('[');
                for (int k = 0; k < list.Length; k++)
                {
                    output.Append(k == 0 ? string.Empty : ", ").Append(list[k].ToString(CultureInfo.InvariantCulture));
                }

                output.Append(']');
                break;
            case Documents.JsonText json:
                using (System.Text.Json.JsonDocument parsed = System.Text.Json.JsonDocument.Parse(json.Value))
                {
                    WriteElement(output, parsed.RootElement);
                }

                break;
            default: throw new ArgumentException($"cannot write a {value.GetType().Name} as JSON", nameof(value));
        }
    }

    /// <summary>
    /// Appends a JSON value as <c>json.dumps(json.loads(text))</c> writes it: <c>", "</c> and <c>": "</c> separators,
    /// ASCII escapes, integers as written, other numbers as Python floats.
    /// </summary>
    /// <param name="output">The destination.</param>
    /// <param name="element">The value.</param>
    public static void WriteElement(StringBuilder output, System.Text.Json.JsonElement element)
    {
        ArgumentNullException.ThrowIfNull(output);
        switch (element.ValueKind)
        {
            case System.Text.Json.JsonValueKind.Object:
                output.Append('{');
                bool firstProperty = true;
                foreach (System.Text.Json.JsonProperty property in element.EnumerateObject())
                {
                    output.Append(firstProperty ? string.Empty : ", ");
                    WriteString(output, property.Name);
                    output.Append(": ");
                    WriteElement(output, property.Value);
                    firstProperty = false;
                }

                output.Append('}');
                break;
            case System.Text.Json.JsonValueKind.Array:
                output.Append('[');
                bool firstItem = true;
                foreach (System.Text.Json.JsonElement item in element.EnumerateArray())
                {
                    output.Append(firstItem ? string.Empty : ", ");
                    WriteElement(output, item);
                    firstItem = false;
                }

                output.Append(']');
                break;
            case System.Text.Json.JsonValueKind.String: WriteString(output, element.GetString()); break;
            case System.Text.Json.JsonValueKind.True: output.Append("true"); break;
            case System.Text.Json.JsonValueKind.False: output.Append("false"); break;
            case System.Text.Json.JsonValueKind.Number:
                // json.loads makes an int of a literal without fraction or exponent, whatever its size.
                string raw = element.GetRawText();
                output.Append(raw.AsSpan().IndexOfAny(".eE") < 0
                    ? System.Numerics.BigInteger.Parse(raw, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
                    : FormatFloat(element.TryGetDouble(out double number) ? number : raw.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity));
                break;
            default: output.Append("null"); break;
        }
    }

    /// <summary>
    /// Formats a double as Python's <c>repr(float)</c> (which <c>json.dumps</c> uses): the shortest digits that
    /// round-trip, positional for decimal exponents −4…15 with at least one fractional digit, otherwise
    /// <c>d.ddde±XX</c>; <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c> for the special values.
    /// </summary>
    /// <param name="value">The number.</param>
    /// <returns>Python's text for it.</returns>
    public static string FormatFloat(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        // "E16" is not shortest; "R" is, so take its digits and exponent and lay them out as Python does.
        string r = value.ToString("R", CultureInfo.InvariantCulture);
        bool negative = r.StartsWith('-');
        string body = negative ? r[1..] : r;
        int exponentAt = body.IndexOf('E', StringComparison.Ordinal);
        string mantissa = exponentAt < 0 ? body : body[..exponentAt];
        int exponent = exponentAt < 0 ? 0 : int.Parse(body[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        int dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        string digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        int pointPosition = (dot < 0 ? mantissa.Length : dot) + exponent;
        int leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        pointPosition -= leadingZeros;
        if (digits.Length == 0)
        {
            return negative ? "-0.0" : "0.0";
        }

        int decimalExponent = pointPosition - 1;
        var text = new StringBuilder(negative ? "-" : string.Empty);
        if (decimalExponent is >= -4 and < 16)
        {
            if (pointPosition <= 0)
            {
                text.Append("0.").Append('0', -pointPosition).Append(digits);
            }
            else if (pointPosition >= digits.Length)
            {
                text.Append(digits).Append('0', pointPosition - digits.Length).Append(".0");
            }
            else
            {
                text.Append(digits.AsSpan(0, pointPosition)).Append('.').Append(digits.AsSpan(pointPosition));
            }
        }
        else
        {
            text.Append(digits[0]);
            if (digits.Length > 1)
            {
                text.Append('.').Append(digits.AsSpan(1));
            }

            text.Append('e').Append(decimalExponent < 0 ? '-' : '+')
                .Append(Math.Abs(decimalExponent).ToString("00", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
