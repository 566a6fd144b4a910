using System.Text;

namespace RedPajama.Tests.Support;

/// <summary>A near-duplicate book for dedup tests: a real Gutenberg file re-edited as another archive would.</summary>
internal static class EditedBookCopy
{
    /// <summary>The sample books plus pg1661 again, later in file order, with a credit line added, rewrapped and edited.</summary>
    public static string SampleBooksWithCopy(TemporaryDirectory directory)
    {
        string inputs = TestData.CopySampleBooks(directory.Combine("in"));
        string book = File.ReadAllText(TestData.Book("pg1661.txt"));
        int start = book.IndexOf("*** START", StringComparison.Ordinal);
        int bodyStart = book.IndexOf('\n', start) + 1;
        int footer = book.IndexOf("*** END", bodyStart, StringComparison.Ordinal);
        string body = string.Join(' ', book[bodyStart..footer].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Replace("Holmes", "Holmes,", StringComparison.Ordinal).Replace("Baker Street", "Baker-Street", StringComparison.Ordinal);
        var copy = new StringBuilder(book[..bodyStart]).Append("\nProduced by another volunteer for another archive, 2024 edition.\n\n");
        int column = 0;
        foreach (string word in body.Split(' '))
        {
            // Rewrapped at 60 columns, at word boundaries as an editor would.
            copy.Append(word).Append(column + word.Length > 60 ? '\n' : ' ');
            column = column + word.Length > 60 ? 0 : column + word.Length + 1;
        }

        copy.Append('\n').Append(book[footer..]);

        File.WriteAllText(Path.Combine(inputs, "zz-holmes-reedited.txt"), copy.ToString());
        return inputs;
    }
}
