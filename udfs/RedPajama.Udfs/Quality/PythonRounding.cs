namespace RedPajama.Udfs.Quality;

/// <summary>
/// Python's <c>round(x, n)</c>: the exact binary value is rounded to the nearest multiple of 10^-n, ties to even.
/// RedPajama-V2 rounds every fractional signal to 8 decimals (<c>PRECISION = 8</c>), CCNet perplexities to 1.
/// <see cref="Math.Round(double, int)"/> scales by 10^n first and so rounds a few values (1/512 = 0.001953125 at 8
/// decimals among them) differently.
/// </summary>
public static class PythonRounding
{
    /// <summary>Rounds to 8 decimals exactly as Python does.</summary>
    /// <param name="value">A finite value.</param>
    /// <returns>The rounded value; non-finite values unchanged.</returns>
    public static double Round8(double value) => Round(value, 8);

    /// <summary>Rounds to <paramref name="digits"/> decimals exactly as Python's <c>round</c> does.</summary>
    /// <param name="value">A value.</param>
    /// <param name="digits">Decimals kept, 0 to 12.</param>
    /// <returns>The rounded value; non-finite values unchanged.</returns>
    public static double Round(double value, int digits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 12);
        ulong scale = 1;
        for (int i = 0; i < digits; i++)
        {
            scale *= 10;
        }

        if (!double.IsFinite(value) || value == 0 || Math.Abs(value) * scale >= 1e15)
        {
            return value;
        }

        long bits = BitConverter.DoubleToInt64Bits(value);
        bool negative = bits < 0;
        int exponent = (int)((bits >> 52) & 0x7FF);
        ulong mantissa = (ulong)bits & 0xF_FFFF_FFFF_FFFFUL;
        if (exponent == 0)
        {
            exponent = 1;
        }
        else
        {
            mantissa |= 1UL << 52;
        }

        // |value| = mantissa * 2^shift exactly; |value| * 10^n = mantissa * 10^n * 2^shift, below 2^93.
        int shift = exponent - 1075;
        UInt128 scaled = (UInt128)mantissa * scale;
        ulong rounded;
        if (shift >= 0)
        {
            return value;
        }

        int right = -shift;
        if (right >= 100)
        {
            rounded = 0;
        }
        else
        {
            UInt128 quotient = scaled >> right;
            UInt128 remainder = scaled - (quotient << right);
            UInt128 half = UInt128.One << (right - 1);
            rounded = (ulong)quotient;
            if (remainder > half || (remainder == half && (rounded & 1) == 1))
            {
                rounded++;
            }
        }

        // An integer below 2^53 over 10^n, divided in IEEE arithmetic: the double nearest to the decimal, as Python returns.
        double result = rounded / (double)scale;
        return negative ? -result : result;
    }
}
