namespace RedPajama.Configuration;

/// <summary>Names the kind of value a setting takes in words, for messages (never a .NET type name).</summary>
public static class ValueKinds
{
    /// <summary>The kind of <paramref name="type"/>: <c>a whole number</c>, <c>a number</c>, <c>true or false</c>, <c>text</c>.</summary>
    /// <param name="type">A setting's type; nullable and array types are described by their element.</param>
    /// <returns>The words.</returns>
    public static string Describe(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        Type element = ElementOf(type);
        return Type.GetTypeCode(element) switch
        {
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 => "a whole number",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "a number",
            TypeCode.Boolean => "true or false",
            TypeCode.String => "text",
            _ => element.IsEnum ? $"one of {string.Join(", ", Enum.GetNames(element).Select(n => n.ToLowerInvariant()))}" : "a value of another kind",
        };
    }

    /// <summary>Whether <paramref name="type"/> (or its element) is a number or a boolean, the kinds checked at the boundary.</summary>
    /// <param name="type">A setting's type.</param>
    /// <returns>True for numbers and booleans.</returns>
    public static bool IsScalar(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Type.GetTypeCode(ElementOf(type)) is >= TypeCode.Boolean and <= TypeCode.Decimal and not TypeCode.Char;
    }

    /// <summary>Parses <paramref name="text"/> as a value of <paramref name="type"/> (or its element), invariantly.</summary>
    /// <param name="type">A number or boolean type.</param>
    /// <param name="text">The text.</param>
    /// <param name="value">The value as a double (booleans: 0 or 1).</param>
    /// <returns>False when the text is not such a value.</returns>
    public static bool TryParse(Type type, string text, out double value)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(text);
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var integer = System.Globalization.NumberStyles.Integer;
        var real = System.Globalization.NumberStyles.Float;
        bool ok;
        (ok, value) = Type.GetTypeCode(ElementOf(type)) switch
        {
            TypeCode.Boolean => (bool.TryParse(text, out bool b), b ? 1 : 0),
            TypeCode.Byte => (byte.TryParse(text, integer, culture, out byte v), v),
            TypeCode.SByte => (sbyte.TryParse(text, integer, culture, out sbyte v), v),
            TypeCode.Int16 => (short.TryParse(text, integer, culture, out short v), v),
            TypeCode.UInt16 => (ushort.TryParse(text, integer, culture, out ushort v), v),
            TypeCode.Int32 => (int.TryParse(text, integer, culture, out int v), v),
            TypeCode.UInt32 => (uint.TryParse(text, integer, culture, out uint v), v),
            TypeCode.Int64 => (long.TryParse(text, integer, culture, out long v), v),
            TypeCode.UInt64 => (ulong.TryParse(text, integer, culture, out ulong v), v),
            TypeCode.Single => (float.TryParse(text, real, culture, out float v) && float.IsFinite(v), v),
            TypeCode.Double => (double.TryParse(text, real, culture, out double v) && double.IsFinite(v), v),
            TypeCode.Decimal => (decimal.TryParse(text, real, culture, out decimal v), (double)v),
            _ => (false, 0d),
        };
        return ok;
    }

    private static Type ElementOf(Type type)
    {
        Type element = type.IsArray ? type.GetElementType()! : type;
        return Nullable.GetUnderlyingType(element) ?? element;
    }
}
