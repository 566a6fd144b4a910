namespace RedPajama.Udfs.Dedup;

/// <summary>
/// LSH banding for MinHash: <see cref="Bands"/> bands of <see cref="Rows"/> rows. Two documents become candidates
/// when one band agrees, which happens with probability 1 − (1 − s^r)^b at Jaccard similarity s.
/// </summary>
/// <param name="Bands">Number of bands (b).</param>
/// <param name="Rows">Rows per band (r).</param>
public readonly record struct LshParameters(int Bands, int Rows)
{
    /// <summary>
    /// datasketch's <c>_optimal_param</c>: the (b, r) with b·r ≤ <paramref name="permutations"/> that minimises the
    /// weighted false-positive area (∫₀ᵗ P(candidate | s) ds) plus false-negative area (∫ₜ¹ 1 − P(candidate | s) ds).
    /// RedPajama-V2 chose its bands this way (0.5/0.5 weights).
    /// </summary>
    /// <param name="threshold">The Jaccard threshold t.</param>
    /// <param name="permutations">Signature length.</param>
    /// <param name="falsePositiveWeight">Weight of false positives.</param>
    /// <param name="falseNegativeWeight">Weight of false negatives.</param>
    /// <returns>The best banding.</returns>
    public static LshParameters Optimal(double threshold, int permutations, double falsePositiveWeight = 0.5, double falseNegativeWeight = 0.5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, 1.0);
        ArgumentOutOfRangeException.ThrowIfLessThan(permutations, 1);
        double bestError = double.MaxValue;
        var best = new LshParameters(1, permutations);
        for (int b = 1; b <= permutations; b++)
        {
            for (int r = 1; r <= permutations / b; r++)
            {
                double falsePositive = Integrate(s => CandidateProbability(s, b, r), 0, threshold);
                double falseNegative = Integrate(s => 1 - CandidateProbability(s, b, r), threshold, 1);
                double error = (falsePositive * falsePositiveWeight) + (falseNegative * falseNegativeWeight);
                if (error < bestError)
                {
                    bestError = error;
                    best = new LshParameters(b, r);
                }
            }
        }

        return best;
    }

    /// <summary>Probability that two documents of Jaccard similarity <paramref name="similarity"/> share a band.</summary>
    public static double CandidateProbability(double similarity, int bands, int rows) =>
        1 - Math.Pow(1 - Math.Pow(similarity, rows), bands);

    /// <summary>Composite Simpson's rule; the integrands are smooth polynomials.</summary>
    private static double Integrate(Func<double, double> f, double from, double to)
    {
        const int Steps = 200;
        if (to <= from)
        {
            return 0;
        }

        double h = (to - from) / Steps;
        double sum = f(from) + f(to);
        for (int i = 1; i < Steps; i++)
        {
            sum += f(from + (i * h)) * (i % 2 == 1 ? 4 : 2);
        }

        return sum * h / 3;
    }
}
