using System.Text;
using System.Text.Json;

namespace RedPajama.Tests.Quality;

/// <summary>Reads a JSON string as Python's <c>json.loads</c> does, lone surrogates included (System.Text.Json refuses them).</summary>
internal static class JsonText
{
    public static string ReadString(JsonElement element)
    {
        string raw = element.GetRawText();
        var output = new StringBuilder(raw.Length);
        for (int i = 1; i < raw.Length - 1; i++)
        {
            char c = raw[i];
            if (c != '\\')
            {
                output.Append(c);
                continue;
            }

            char escape = raw[++i];
            switch (escape)
            {
                case 'n': output.Append('\n'); break;
                case 't': output.Append('\t'); break;
                case 'r': output.Append('\r'); break;
                case 'b': output.Append('\b'); break;
                case 'f': output.Append('\f'); break;
                case 'u':
                    output.Append((char)Convert.ToInt32(raw.Substring(i + 1, 4), 16));
                    i += 4;
                    break;
                default: output.Append(escape); break;
            }
        }

        return output.ToString();
    }
}
