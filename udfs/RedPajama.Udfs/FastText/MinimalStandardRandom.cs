namespace RedPajama.Udfs.FastText;

/// <summary>
/// C++'s <c>std::minstd_rand</c> (x ← 48271·x mod 2^31−1) and libstdc++'s <c>generate_canonical&lt;double, 53&gt;</c>
/// over it, so random draws follow fastText's bit for bit.
/// </summary>
internal sealed class MinimalStandardRandom
{
    private const long Modulus = 2147483647;
    private const long Multiplier = 48271;
    private ulong _state;

    public MinimalStandardRandom(long seed)
    {
        long state = seed % Modulus;
        if (state < 0)
        {
            state += Modulus;
        }

        // A zero state would stay zero: the standard makes it 1.
        _state = state == 0 ? 1UL : (ulong)state;
    }

    public long Next()
    {
        _state = (_state * Multiplier) % Modulus;
        return (long)_state;
    }

    /// <summary>A double in [0, 1) from two draws, as libstdc++'s <c>generate_canonical</c> builds 53 bits from a 31-bit engine.</summary>
    public double NextCanonical()
    {
        const double Range = Modulus - 1; // max - min + 1 with min = 1, max = 2^31 - 2
        double sum = (Next() - 1) + ((Next() - 1) * Range);
        double result = sum / (Range * Range);
        return result >= 1.0 ? Math.BitDecrement(1.0) : result;
    }
}
