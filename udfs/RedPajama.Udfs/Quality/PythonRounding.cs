namespace RedPajama.Udfs.Quality;

/// <summary>
/// Python's <c>round(x, 8)</c>, which RedPajama-V2 applies to every fractional signal (<c>PRECISION = 8</c>):
/// the exact binary value is rounded to the nearest multiple of 1e-8, ties to even. <see cref="Math.Round(double, int)"/>
/// scales by 1e8 first and so rounds a few values (1/512 = 0.001953125 among them) differently.
/// </summary>
public static class PythonRounding
{
    private const ulong Scale = 100_000_000;

    /// <summary>Rounds to 8 decimals exactly as Python does.</summary>
    /// <param name="value">A finite value.</param>
    /// <returns>The rounded value; non-finite values unchanged.</returns>
    public static double Round8(double value)
    {
        if (!double.IsFinite(value) || value == 0 || Math.Abs(value) >= 1e15)
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

        // |value| = mantissa * 2^shift exactly; |value| * 1e8 = mantissa * 1e8 * 2^shift, mantissa * 1e8 < 2^80.
        int shift = exponent - 1075;
        UInt128 scaled = (UInt128)mantissa * Scale;
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

        // An integer below 2^53 over 1e8, divided in IEEE arithmetic: the double nearest to the decimal, as Python returns.
        double result = rounded / (double)Scale;
        return negative ? -result : result;
    }
}
