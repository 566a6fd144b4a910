namespace RedPajama.Udfs.Quality;

/// <summary>Powers of the concatenation hash's multiplier (mod 2^64), grown on demand and kept per thread.</summary>
internal sealed class PowerTable
{
    public const ulong Multiplier = 0x9E3779B97F4A7C15UL;

    private ulong[] _powers = [1];

    /// <summary>Multiplier to the power <paramref name="exponent"/>.</summary>
    public ulong this[int exponent]
    {
        get
        {
            if (exponent >= _powers.Length)
            {
                Grow(exponent);
            }

            return _powers[exponent];
        }
    }

    private void Grow(int exponent)
    {
        int old = _powers.Length;
        Array.Resize(ref _powers, Math.Max(exponent + 1, old * 2));
        for (int k = old; k < _powers.Length; k++)
        {
            _powers[k] = _powers[k - 1] * Multiplier;
        }
    }
}
