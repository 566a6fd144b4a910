using System.Globalization;
using System.Text;
using RedPajama.Udfs.Quality;
using RedPajama.Writing;

namespace RedPajama.Quality;

/// <summary>
/// Writes signals as RedPajama-V2 writes its <c>quality_signals</c> field: every signal a list of
/// <c>[start, end, value]</c> spans (a document signal one span over the whole text), in <c>json.dumps</c> format;
/// integers without a decimal point, null for undefined values.
/// </summary>
public static class SignalJson
{
    /// <summary>Appends <c>{"rps_doc_curly_bracket": [[0, 435, 0.0]], …}</c>.</summary>
    /// <param name="output">The destination.</param>
    /// <param name="values">The document's signals.</param>
    /// <param name="textCodePoints">The text's length in code points (the document span's end).</param>
    public static void Append(StringBuilder output, QualitySignalValues values, long textCodePoints)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(values);
        output.Append('{');
        bool first = true;
        for (int s = 0; s < values.Document.Length; s++)
        {
            SignalDefinition definition = SignalCatalog.DocumentSignals[s];
            Key(output, definition.Name, ref first);
            output.Append("[[0, ").Append(textCodePoints.ToString(CultureInfo.InvariantCulture)).Append(", ");
            Number(output, values.Document[s], definition.Kind);
            output.Append("]]");
        }

        for (int s = 0; s < values.Lines.Length; s++)
        {
            if (values.Lines[s] is not { } lines)
            {
                continue;
            }

            SignalDefinition definition = SignalCatalog.LineSignals[s];
            Key(output, definition.Name, ref first);
            output.Append('[');
            for (int i = 0; i < lines.Count; i++)
            {
                if (i > 0)
                {
                    output.Append(", ");
                }

                output.Append('[').Append(lines.Starts[i].ToString(CultureInfo.InvariantCulture)).Append(", ")
                    .Append(lines.Ends[i].ToString(CultureInfo.InvariantCulture)).Append(", ");
                Number(output, lines.Values[i], definition.Kind);
                output.Append(']');
            }

            output.Append(']');
        }

        output.Append('}');
    }

    private static void Key(StringBuilder output, string name, ref bool first)
    {
        if (!first)
        {
            output.Append(", ");
        }

        first = false;
        PythonJson.WriteString(output, name);
        output.Append(": ");
    }

    private static void Number(StringBuilder output, double value, SignalValueKind kind)
    {
        if (double.IsNaN(value))
        {
            output.Append("null");
        }
        else if (kind == SignalValueKind.Integer)
        {
            output.Append(((long)value).ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            output.Append(PythonJson.FormatFloat(value));
        }
    }
}
