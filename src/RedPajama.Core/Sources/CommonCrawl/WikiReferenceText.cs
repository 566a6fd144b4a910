using System.Text;
using RedPajama.Udfs.Quality;

namespace RedPajama.Sources.CommonCrawl;

/// <summary>
/// The one-line texts RedPajama's Wikipedia-reference classifier sees (<c>rp_v1:data_prep/cc/classifier</c>):
/// Python's <c>" ".join(text.splitlines())</c>, with <c>str.splitlines()</c>'s boundaries — <c>\r\n</c> as one, and
/// <c>\n \r \v \f \x1c \x1d \x1e \x85 \u2028 \u2029</c> — and no empty last line after a final break.
/// </summary>
public static class WikiReferenceText
{
    /// <summary><c>create_corpus.py</c>'s text: <c>" ".join(raw_content.splitlines())</c>.</summary>
    /// <param name="rawContent">A document's <c>raw_content</c>.</param>
    /// <returns>The joined lines.</returns>
    public static string ForTraining(string rawContent)
    {
        ArgumentNullException.ThrowIfNull(rawContent);
        return JoinLines(rawContent);
    }

    /// <summary><c>classify.py</c>'s text: <c>" ".join(raw_content.strip().splitlines())</c>.</summary>
    /// <param name="rawContent">A document's <c>raw_content</c>.</param>
    /// <returns>The joined lines of the stripped text.</returns>
    public static string ForPrediction(string rawContent)
    {
        ArgumentNullException.ThrowIfNull(rawContent);
        return JoinLines(PythonText.Strip(rawContent));
    }

    /// <summary>Python <c>" ".join(text.splitlines())</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>Its lines joined by single spaces.</returns>
    public static string JoinLines(ReadOnlySpan<char> text)
    {
        var joined = new StringBuilder(text.Length);
        int start = 0;
        int i = 0;
        while (i < text.Length)
        {
            int width = PythonText.LineBreakLength(text, i);
            if (width == 0)
            {
                i++;
                continue;
            }

            joined.Append(text[start..i]).Append(' ');
            i += width;
            start = i;
        }

        // splitlines() gives no empty last line after a final break: drop the separator that break added.
        if (start < text.Length)
        {
            joined.Append(text[start..]);
        }
        else if (joined.Length > 0)
        {
            joined.Length--;
        }

        return joined.ToString();
    }
}
