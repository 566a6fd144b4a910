using System.Globalization;
using System.Text;

namespace RedPajama.Udfs.LanguageModel;

/// <summary>
/// Estimates an interpolated modified Kneser-Ney n-gram model from tokenised sentences, as KenLM's <c>lmplz</c> does
/// (Heafield et al. 2013): highest-order and <c>&lt;s&gt;</c>-initial n-grams keep their counts, the others count their
/// distinct left extensions; three discounts per order come from the counts of counts
/// (Y = t1 / (t1 + 2 t2), D1 = 1 − 2Y t2/t1, D2 = 2 − 3Y t3/t2, D3+ = 3 − 4Y t4/t3; <c>lmplz --discount_fallback</c>'s
/// 0.5, 1, 1.5 when the counts do not allow them); every order is interpolated with the next lower one down to the
/// uniform distribution over the vocabulary, and written as ARPA with the interpolation weights as backoffs.
/// </summary>
public sealed class KneserNeyTrainer
{
    private static readonly double[] s_fallbackDiscounts = [0.5, 1.0, 1.5];

    private readonly int _order;
    private readonly Dictionary<string, int> _vocabulary = new(StringComparer.Ordinal);
    private readonly List<string> _words = [];
    private readonly Dictionary<NGram, long>[] _raw;

    /// <summary>Creates a trainer.</summary>
    /// <param name="order">The n-gram order, 1 to 6.</param>
    public KneserNeyTrainer(int order)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(order, 6);
        _order = order;
        _raw = [.. Enumerable.Range(0, order).Select(_ => new Dictionary<NGram, long>())];
        foreach (string word in (string[])[NGramLanguageModel.Unknown, NGramLanguageModel.BeginOfSentence, NGramLanguageModel.EndOfSentence])
        {
            IdOf(word);
        }
    }

    /// <summary>Counts the n-grams of one sentence (words separated by whitespace; <c>&lt;s&gt;</c> and <c>&lt;/s&gt;</c> added).</summary>
    /// <param name="sentence">The sentence.</param>
    public void AddSentence(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        string[] tokens = sentence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var ids = new int[tokens.Length + 2];
        ids[0] = IdOf(NGramLanguageModel.BeginOfSentence);
        for (int i = 0; i < tokens.Length; i++)
        {
            ids[i + 1] = IdOf(tokens[i]);
        }

        ids[^1] = IdOf(NGramLanguageModel.EndOfSentence);
        for (int n = 1; n <= _order; n++)
        {
            for (int start = 0; start + n <= ids.Length; start++)
            {
                var gram = new NGram(ids.AsSpan(start, n));
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

            discounts[n - 1] = Discounts(countsOfCounts);
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

    private static double[] Discounts(long[] t)
    {
        if (t[1] == 0 || t[2] == 0 || t[3] == 0 || t[4] == 0)
        {
            return s_fallbackDiscounts;
        }

        double y = (double)t[1] / (t[1] + (2.0 * t[2]));
        double[] d = [1 - (2 * y * t[2] / t[1]), 2 - (3 * y * t[3] / t[2]), 3 - (4 * y * t[4] / t[3])];
        return d[0] > 0 && d[0] < 1 && d[1] > 0 && d[1] < 2 && d[2] > 0 && d[2] < 3 ? d : s_fallbackDiscounts;
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
