using System.Globalization;
using System.Text;

namespace RedPajama.Udfs.LanguageModel;

/// <summary>An estimated interpolated Kneser-Ney model: probabilities and backoff weights in double precision, writable as ARPA.</summary>
public sealed class KneserNeyModel
{
    private readonly string[] _words;
    private readonly int _begin;
    private readonly Dictionary<NGram, double>[] _probabilities;
    private readonly Dictionary<NGram, double>[] _backoffs;
    private readonly Dictionary<string, int> _ids;

    internal KneserNeyModel(int order, string[] words, int begin, Dictionary<NGram, double>[] probabilities, Dictionary<NGram, double>[] backoffs, double[][] discounts)
    {
        Order = order;
        _words = words;
        _begin = begin;
        _probabilities = probabilities;
        _backoffs = backoffs;
        Discounts = discounts;
        _ids = words.Select((word, id) => (word, id)).ToDictionary(p => p.word, p => p.id, StringComparer.Ordinal);
    }

    /// <summary>The order.</summary>
    public int Order { get; }

    /// <summary>D1, D2, D3+ of each order.</summary>
    public IReadOnlyList<double[]> Discounts { get; }

    /// <summary>The words a distribution ranges over: the vocabulary without <c>&lt;s&gt;</c>.</summary>
    public IEnumerable<string> PredictableWords => _words.Where((_, id) => id != _begin);

    /// <summary>Contexts (n-grams with extensions), as word lists, with the order they condition.</summary>
    public IEnumerable<string[]> Contexts =>
        _backoffs.SelectMany(orders => orders.Keys).Select(gram => gram.Ids.ToArray().Select(id => _words[id]).ToArray()).Prepend([]);

    /// <summary>p(word | context) by interpolation, in double precision.</summary>
    /// <param name="context">Earlier words, oldest first.</param>
    /// <param name="word">The word.</param>
    /// <returns>The probability.</returns>
    public double Probability(IReadOnlyList<string> context, string word)
    {
        ArgumentNullException.ThrowIfNull(context);
        int[] ids = [.. context.Skip(Math.Max(0, context.Count - (Order - 1))).Select(IdOf), IdOf(word)];
        for (int start = 0; start < ids.Length; start++)
        {
            var gram = new NGram(ids.AsSpan(start));
            if (_probabilities[gram.Length - 1].TryGetValue(gram, out double probability))
            {
                double backoff = 1;
                for (int skipped = 0; skipped < start; skipped++)
                {
                    var skippedContext = new NGram(ids.AsSpan(skipped, ids.Length - 1 - skipped));
                    backoff *= skippedContext.Length > 0 && _backoffs[skippedContext.Length - 1].TryGetValue(skippedContext, out double gamma) ? gamma : 1;
                }

                return backoff * probability;
            }
        }

        return 0;
    }

    /// <summary>
    /// Writes the model as ARPA text in lmplz's layout: <c>\data\</c> first, <c>prob TAB words TAB backoff</c> with
    /// a backoff (0 when the n-gram is no context) on every order but the highest, <c>&lt;s&gt;</c> with log10
    /// probability 0 (lmplz gives it probability 1 so that it can be scored without effect), and log10 values as the
    /// shortest text of their float, as lmplz prints them.
    /// </summary>
    /// <param name="writer">The destination.</param>
    public void WriteArpa(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("\\data\\\n");
        for (int n = 1; n <= Order; n++)
        {
            int count = _probabilities[n - 1].Count + (n == 1 ? 1 : 0);
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"ngram {n}={count}\n"));
        }

        for (int n = 1; n <= Order; n++)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"\n\\{n}-grams:\n"));
            var lines = new List<(string Text, string Line)>();
            if (n == 1)
            {
                var begin = new NGram([_begin]);
                lines.Add(("<s>", Line("0", "<s>", Order > 1 ? Backoff(begin) : null)));
            }

            foreach ((NGram gram, double probability) in _probabilities[n - 1])
            {
                string text = string.Join(' ', gram.Ids.ToArray().Select(id => _words[id]));
                lines.Add((text, Line(Log(probability), text, n < Order ? Backoff(gram) : null)));
            }

            foreach ((_, string line) in lines.OrderBy(l => l.Text, StringComparer.Ordinal))
            {
                writer.Write(line);
            }
        }

        writer.Write("\n\\end\\\n");
    }

    private static string Line(string probability, string text, string? backoff) =>
        backoff is null ? $"{probability}\t{text}\n" : $"{probability}\t{text}\t{backoff}\n";

    private static string Log(double value) => ShortestFloat((float)Math.Log10(value));

    /// <summary>
    /// A float as KenLM prints it (double-conversion's <c>ToShortestSingle</c>): the shortest digits that read back
    /// to the same float, in decimal notation for exponents -6 to 20 and as <c>1.5e-7</c> beyond.
    /// </summary>
    internal static string ShortestFloat(float value)
    {
        if (value == 0f)
        {
            return float.IsNegative(value) ? "-0" : "0";
        }

        string shortest = value.ToString("R", CultureInfo.InvariantCulture);

        // Digits and decimal exponent of the shortest form, from .NET's shortest round-trip text.
        bool negative = shortest.StartsWith('-');
        string body = negative ? shortest[1..] : shortest;
        int exponentAt = body.IndexOfAny(['E', 'e']);
        int exponent = exponentAt < 0 ? 0 : int.Parse(body[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        string mantissa = exponentAt < 0 ? body : body[..exponentAt];
        int point = mantissa.IndexOf('.', StringComparison.Ordinal);
        string digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        int integerDigits = point < 0 ? mantissa.Length : point;
        int leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');

        // Decimal exponent of the first significant digit (value = 0.d1d2... * 10^decimalPoint).
        int decimalPoint = integerDigits - leading + exponent;
        string sign = negative ? "-" : "";
        if (decimalPoint - 1 >= -6 && decimalPoint - 1 < 21)
        {
            if (decimalPoint <= 0)
            {
                return sign + "0." + new string('0', -decimalPoint) + digits;
            }

            return digits.Length <= decimalPoint
                ? sign + digits + new string('0', decimalPoint - digits.Length)
                : sign + digits[..decimalPoint] + "." + digits[decimalPoint..];
        }

        string fraction = digits.Length > 1 ? "." + digits[1..] : "";
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{digits[0]}{fraction}e{decimalPoint - 1}");
    }

    private string Backoff(NGram gram) =>
        _backoffs[gram.Length - 1].TryGetValue(gram, out double gamma) ? Log(gamma) : "0";

    private int IdOf(string word) => _ids.TryGetValue(word, out int id) ? id : 0;
}
