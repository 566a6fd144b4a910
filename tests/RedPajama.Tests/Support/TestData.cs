namespace RedPajama.Tests.Support;

/// <summary>Paths of the bundled samples and fixtures, copied next to the test assembly.</summary>
internal static class TestData
{
    public static string SampleBooks => Path.Combine(AppContext.BaseDirectory, "samples", "books");

    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "fixtures");

    public static string Book(string name) => Path.Combine(SampleBooks, name);

    public static string Fixture(string relative) => Path.Combine(Fixtures, relative);

    /// <summary>Copies the sample books into a new directory (to add bad files beside them); returns it.</summary>
    public static string CopySampleBooks(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (string book in SampleBookFiles)
        {
            File.Copy(book, Path.Combine(directory, Path.GetFileName(book)));
        }

        return directory;
    }

    public static IReadOnlyList<string> SampleBookFiles =>
        Directory.GetFiles(SampleBooks, "*.txt").Order(StringComparer.Ordinal).ToList();
}
