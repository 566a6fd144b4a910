namespace RedPajama.Udfs.Quality;

/// <summary>
/// The signals of one document, aligned with <see cref="SignalCatalog"/>: a value per document signal and a span
/// list per line signal. Null (a signal that is undefined for the text, or whose family or word list was not
/// available) is <see cref="double.NaN"/> inside and null in every output; a computed value is always finite.
/// </summary>
public sealed class QualitySignalValues
{
    /// <summary>Creates values with every signal null.</summary>
    public QualitySignalValues()
    {
        Document = new double[SignalCatalog.DocumentSignals.Count];
        Array.Fill(Document, double.NaN);
        Lines = new LineSignalValues?[SignalCatalog.LineSignals.Count];
    }

    /// <summary>Document signal values by <see cref="SignalCatalog.DocumentSignals"/> index; NaN for null.</summary>
    public double[] Document { get; }

    /// <summary>Line signal spans by <see cref="SignalCatalog.LineSignals"/> index; null when not computed.</summary>
    public LineSignalValues?[] Lines { get; }

    /// <summary>A document signal by name, null when undefined.</summary>
    /// <param name="name">A document signal name.</param>
    /// <returns>The value or null.</returns>
    /// <exception cref="KeyNotFoundException">No such document signal.</exception>
    public double? Get(string name)
    {
        int index = SignalCatalog.DocumentIndex(name);
        if (index < 0)
        {
            throw new KeyNotFoundException($"no document signal '{name}'");
        }

        double value = Document[index];
        return double.IsNaN(value) ? null : value;
    }

    /// <summary>A line signal by name, null when not computed.</summary>
    /// <param name="name">A line signal name.</param>
    /// <returns>The spans or null.</returns>
    /// <exception cref="KeyNotFoundException">No such line signal.</exception>
    public LineSignalValues? GetLines(string name)
    {
        int index = SignalCatalog.LineIndex(name);
        return index < 0 ? throw new KeyNotFoundException($"no line signal '{name}'") : Lines[index];
    }
}
