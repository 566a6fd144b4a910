using System.Text;

namespace RedPajama.Udfs.Text;

/// <summary>Lines of UTF-8 bytes as the differential references read them: split on LF only, each decoded with U+FFFD for invalid bytes.</summary>
public static class Utf8Lines
{
    /// <summary>Splits and decodes.</summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <returns>The lines, without their LF; no last empty line after a final LF.</returns>
    public static string[] SplitOnLineFeed(ReadOnlySpan<byte> bytes)
    {
        var lines = new List<string>();
        int start = 0;
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                lines.Add(Encoding.UTF8.GetString(bytes[start..i]));
                start = i + 1;
            }
        }

        if (start < bytes.Length)
        {
            lines.Add(Encoding.UTF8.GetString(bytes[start..]));
        }

        return [.. lines];
    }
}
