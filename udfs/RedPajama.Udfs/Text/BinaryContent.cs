namespace RedPajama.Udfs.Text;

/// <summary>Tells text files from binary ones (images, archives, executables) before decoding.</summary>
public static class BinaryContent
{
    /// <summary>How many leading bytes are inspected.</summary>
    public const int SampleLength = 8192;

    /// <summary>
    /// True when the first <see cref="SampleLength"/> bytes hold a NUL byte (no text encoding we read produces one,
    /// except UTF-16, recognised by its byte-order mark) or more than 10% control bytes other than tab, CR, LF, FF.
    /// </summary>
    /// <param name="bytes">The start of the file (or all of it).</param>
    /// <returns>Whether the content should be treated as binary.</returns>
    public static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return false;
        }

        ReadOnlySpan<byte> sample = bytes.Length > SampleLength ? bytes[..SampleLength] : bytes;
        if (sample.IndexOf((byte)0) >= 0)
        {
            return true;
        }

        int controls = 0;
        foreach (byte b in sample)
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C or 0x1A))
            {
                controls++;
            }
        }

        return controls * 10 > sample.Length;
    }
}
