using System.Globalization;
using System.Text;

namespace RedPajama.Udfs.LanguageModel;

/// <summary>
/// Estimates an interpolated modified Kneser-Ney n-gram model from tokenised sentences, as KenLM's <c>lmplz</c> does
/// (Heafield et al. 2013): highest-order and <c>&lt;s&gt;</c>-initial n-grams keep their counts, the others count their
/// distinct left extensions; three discounts per order come from the counts of counts, in float as lmplz computes them
/// (Y = t1 / (t1 + 2 t2), D1 = 1 − 2Y t2/t1, D2 = 2 − 3Y t3/t2, D3+ = 3 − 4Y t4/t3); every order is interpolated with
/// the next lower one down to the uniform distribution over the vocabulary, and written as ARPA with the interpolation
/// weights as backoffs. Like lmplz, words are split on space, tab, CR and NUL only; <c>&lt;s&gt;</c>, <c>&lt;/s&gt;</c>
/// and <c>&lt;unk&gt;</c> in the text are refused unless skipped (<c>--skip_symbols</c>); and discounts the counts do
/// not allow (t1, t2 or t3 zero, or a discount outside [0, n]) are refused unless fallback discounts are given
/// (<c>--discount_fallback</c>, by default 0.5, 1, 1.5), which then replace that order's.
/// </summary>
public sealed class KneserNeyTrainer
{
    /// <summary>lmplz's <c>--discount_fallback</c> without values: D1, D2, D3+.</summary>
    public static readonly IReadOnlyList<float> DefaultFallbackDiscounts = [0.5f, 1f, 1.5f];

    private readonly int _order;
    private readonly bool _skipSymbols;
    private readonly double[]? _fallback;
    private readonly Dictionary<string, int> _vocabulary = new(StringComparer.Ordinal);
    private readonly List<string> _words = [];
    private readonly Dictionary<NGram, long>[] _raw;
    private readonly List<int> _fallbackOrders = [];

    /// <summary>Creates a trainer.</summary>
    /// <param name="order">The n-gram order, 1 to 6.</param>
    /// <param name="skipSymbols">Read <c>&lt;s&gt;</c>, <c>&lt;/s&gt;</c> and <c>&lt;unk&gt;</c> in the text as whitespace (lmplz <c>--skip_symbols</c>) instead of refusing them.</param>
    /// <param name="discountFallback">
    /// Discounts for the orders whose counts do not give valid ones (lmplz <c>--discount_fallback</c>): one to three
    /// values for counts 1, 2 and 3+, the last repeated; null to refuse such counts as lmplz does by default.
    /// </param>
    /// <exception cref="ArgumentException">A fallback list is empty, longer than 3, or has a discount outside [0, n].</exception>
    public KneserNeyTrainer(int order, bool skipSymbols = false, IReadOnlyList<float>? discountFallback = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(order, 6);
        _order = order;
        _skipSymbols = skipSymbols;
        if (discountFallback is not null)
        {
            if (discountFallback.Count is < 1 or > 3)
            {
                throw new ArgumentException("give one to three fallback discounts: for counts 1, 2 and 3+", nameof(discountFallback));
            }

            _fallback = new double[3];
            for (int i = 0; i < 3; i++)
            {
                float discount = discountFallback[Math.Min(i, discountFallback.Count - 1)];
                if (!(discount >= 0f && discount <= i + 1))
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"the discount for count {i + 1} is {discount}, not in [0, {i + 1}]"), nameof(discountFallback));
                }

                _fallback[i] = discount;
            }
        }

        _raw = [.. Enumerable.Range(0, order).Select(_ => new Dictionary<NGram, long>())];
        foreach (string word in (string[])[NGramLanguageModel.Unknown, NGramLanguageModel.BeginOfSentence, NGramLanguageModel.EndOfSentence])
        {
            IdOf(word);
        }
    }

    /// <summary>How many <c>&lt;s&gt;</c>, <c>&lt;/s&gt;</c> and <c>&lt;unk&gt;</c> were skipped (with <c>skipSymbols</c>).</summary>
    public long SkippedSymbols { get; private set; }

    /// <summary>The orders (1-based) whose discounts <see cref="Estimate"/> replaced by the fallback ones.</summary>
    public IReadOnlyList<int> FallbackOrders => _fallbackOrders;

    /// <summary>
    /// Counts the n-grams of one line (<c>&lt;s&gt;</c> and <c>&lt;/s&gt;</c> added), its words split as lmplz
    /// splits them: on space, tab, CR and NUL, so a no-break space, a form feed or a vertical tab is part of a word.
    /// </summary>
    /// <param name="sentence">The sentence.</param>
    /// <exception cref="KneserNeyException">The sentence holds <c>&lt;s&gt;</c>, <c>&lt;/s&gt;</c> or <c>&lt;unk&gt;</c> and symbols are not skipped.</exception>
    public void AddSentence(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        List<string> tokens = KenLmText.TrainingWords(sentence);
        var ids = new List<int>(tokens.Count + 2) { IdOf(NGramLanguageModel.BeginOfSentence) };
        foreach (string token in tokens)
        {
            if (token is NGramLanguageModel.BeginOfSentence or NGramLanguageModel.EndOfSentence or NGramLanguageModel.Unknown)
            {
                if (!_skipSymbols)
                {
                    throw new KneserNeyException($"special word {token} is not allowed in the training text (as lmplz); skip the symbols to read <s>, </s> and <unk> as whitespace");
                }

                SkippedSymbols++;
                continue;
            }

            ids.Add(IdOf(token));
        }

        ids.Add(IdOf(NGramLanguageModel.EndOfSentence));
        int[] sequence = [.. ids];
        for (int n = 1; n <= _order; n++)
        {
            for (int start = 0; start + n <= sequence.Length; start++)
            {
                var gram = new NGram(sequence.AsSpan(start, n));
                CollectionsMarshalGetRef(_raw[n - 1], gram)++;
            }
        }
    }

    /// <summary>Estimates the model.</summary>
    /// <returns>The probabilities and backoffs, by order.</returns>
    /// <exception cref="InvalidOperationException">No sentence was added.</exception>
    public KneserNeyModel Estimate()
    {
        if (_raw[0].Count == 0)
        {
            throw new InvalidOperationException("no sentences to estimate a model from");
        }

        int begin = _vocabulary[NGramLanguageModel.BeginOfSentence];

        // Adjusted counts: continuation counts below the highest order, except for n-grams starting with <s>.
        var adjusted = new Dictionary<NGram, long>[_order];
        adjusted[_order - 1] = new Dictionary<NGram, long>(_raw[_order - 1]);
        for (int n = _order - 1; n >= 1; n--)
        {
            var counts = new Dictionary<NGram, long>();
            foreach (NGram gram in _raw[n].Keys)
            {
                CollectionsMarshalGetRef(counts, gram.Suffix())++;
            }

            foreach ((NGram gram, long raw) in _raw[n - 1])
            {
                if (gram[0] == begin)
                {
                    counts[gram] = raw;
                }
            }

            adjusted[n - 1] = counts;
        }

        // Discounts per order from the counts of adjusted counts (<s> as a unigram is never predicted).
        var discounts = new double[_order][];
        for (int n = 1; n <= _order; n++)
        {
            var countsOfCounts = new long[5];
            foreach ((NGram gram, long count) in adjusted[n - 1])
            {
                if (n == 1 && gram[0] == begin)
                {
                    continue;
                }

                if (count <= 4)
                {
                    countsOfCounts[count]++;
                }
            }

            discounts[n - 1] = Discounts(n, countsOfCounts);
        }

        // Per context: total adjusted count of its extensions and the mass the discounts free (gamma).
        var contexts = new Dictionary<NGram, (long Total, double Freed)>[_order];
        for (int n = 1; n <= _order; n++)
        {
            var byContext = new Dictionary<NGram, (long Total, double Freed)>();
            foreach ((NGram gram, long count) in adjusted[n - 1])
            {
                if (n == 1 && gram[0] == begin)
                {
                    continue;
                }

                ref (long Total, double Freed) context = ref CollectionsMarshalGetRef(byContext, gram.Prefix());
                context.Total += count;
                context.Freed += Discount(discounts[n - 1], count);
            }

            contexts[n - 1] = byContext;
        }

        int vocabulary = _words.Count - 1; // everything but <s>
        (long unigramTotal, double unigramFreed) = contexts[0][NGram.Empty];
        double uniform = unigramFreed / unigramTotal / vocabulary;
        var probabilities = new Dictionary<NGram, double>[_order];
        var backoffs = new Dictionary<NGram, double>[_order];
        for (int n = 1; n <= _order; n++)
        {
            var orderProbabilities = new Dictionary<NGram, double>();
            foreach ((NGram gram, long count) in adjusted[n - 1])
            {
                if (n == 1 && gram[0] == begin)
                {
                    continue;
                }

                (long total, double freed) = contexts[n - 1][gram.Prefix()];
                double lower = n == 1 ? 1.0 / vocabulary : probabilities[n - 2][gram.Suffix()];
                double gamma = n == 1 ? unigramFreed / unigramTotal : freed / total;
                orderProbabilities[gram] = ((count - Discount(discounts[n - 1], count)) / total) + (gamma * lower);
            }

            probabilities[n - 1] = orderProbabilities;
            backoffs[n - 1] = n < _order
                ? contexts[n].ToDictionary(c => c.Key, c => c.Value.Freed / c.Value.Total)
                : [];
        }

        // <unk> is never seen: it gets only the uniform share of the unigram interpolation.
        probabilities[0][new NGram([_vocabulary[NGramLanguageModel.Unknown]])] = uniform;
        return new KneserNeyModel(_order, [.. _words], begin, probabilities, backoffs, discounts);
    }

    private static double Discount(double[] discounts, long count) => count switch
    {
        0 => 0,
        1 => discounts[0],
        2 => discounts[1],
        _ => discounts[2],
    };

    /// <summary>lmplz's closed-form discounts of one order (<c>adjust_counts.cc</c>), in float as it computes them.</summary>
    private double[] Discounts(int order, long[] t)
    {
        string? problem = null;
        var d = new double[3];
        for (int j = 1; j <= 3 && problem is null; j++)
        {
            if (t[j] == 0)
            {
                problem = $"could not calculate Kneser-Ney discounts for {order}-grams with adjusted count {j + 1} because no {order}-gram has adjusted count {j}";
            }
        }

        if (problem is null)
        {
            float y = t[1] / (float)(t[1] + (2.0 * t[2]));
            for (int j = 1; j <= 3 && problem is null; j++)
            {
                float discount = j - ((j + 1) * y * t[j + 1] / t[j]);
                d[j - 1] = discount;
                if (discount < 0f || discount > j)
                {
                    problem = string.Create(CultureInfo.InvariantCulture, $"the {order}-gram discount for adjusted count {j} is {discount}, out of range");
                }
            }
        }

        if (problem is null)
        {
            return d;
        }

        if (_fallback is null)
        {
            throw new KneserNeyException($"{problem}: is this small or artificial data? Deduplicate it, or give fallback discounts (lmplz --discount_fallback)");
        }

        _fallbackOrders.Add(order);
        return _fallback;
    }

    private static ref TValue CollectionsMarshalGetRef<TValue>(Dictionary<NGram, TValue> dictionary, NGram key) =>
        ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(dictionary, key, out _)!;

    private int IdOf(string word)
    {
        if (!_vocabulary.TryGetValue(word, out int id))
        {
            id = _words.Count;
            _vocabulary.Add(word, id);
            _words.Add(word);
        }

        return id;
    }
}
