using System.Buffers;
using System.Text;
using System.Text.Json;

namespace RedPajama.Reading;

/// <summary>
/// Reads JSON string values as Python's <c>json.loads</c> does: an escaped lone surrogate (<c>"\ud800"</c>), which
/// dumps of web text contain and System.Text.Json refuses to decode, becomes that UTF-16 unit instead of an error.
/// </summary>
public static class JsonStrings
{
    /// <summary>The string at the reader's current token.</summary>
    /// <param name="reader">A reader on a string token.</param>
    /// <returns>The decoded string.</returns>
    /// <exception cref="InvalidOperationException">The token is not a string or holds invalid UTF-8.</exception>
    public static string Read(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException) when (reader.TokenType == JsonTokenType.String && reader.ValueIsEscaped)
        {
            byte[] raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
            return Unescape(raw);
        }
    }

    /// <summary>Decodes the escaped UTF-8 body of a JSON string, keeping lone surrogates from <c>\uXXXX</c> escapes.</summary>
    /// <param name="raw">The bytes between the quotes.</param>
    /// <returns>The string.</returns>
    /// <exception cref="InvalidOperationException">Invalid UTF-8 or a malformed escape.</exception>
    public static string Unescape(ReadOnlySpan<byte> raw)
    {
        var output = new StringBuilder(raw.Length);
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        int start = 0;
        try
        {
            for (int i = 0; i < raw.Length; i++)
            {
                if (raw[i] != (byte)'\\')
                {
                    continue;
                }

                output.Append(strict.GetString(raw[start..i]));
                byte escape = raw[++i];
                switch (escape)
                {
                    case (byte)'n': output.Append('\n'); break;
                    case (byte)'t': output.Append('\t'); break;
                    case (byte)'r': output.Append('\r'); break;
                    case (byte)'b': output.Append('\b'); break;
                    case (byte)'f': output.Append('\f'); break;
                    case (byte)'u':
                        output.Append((char)Convert.ToUInt16(Encoding.ASCII.GetString(raw.Slice(i + 1, 4)), 16));
                        i += 4;
                        break;
                    default: output.Append((char)escape); break;
                }

                start = i + 1;
            }

            return output.Append(strict.GetString(raw[start..])).ToString();
        }
        catch (Exception exception) when (exception is DecoderFallbackException or FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            throw new InvalidOperationException($"malformed JSON string: {exception.Message}", exception);
        }
    }
}
