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

    /// <summary>The repository's root (the folder of RedPajama.Spark.sln above the test binaries).</summary>
    public static string RepositoryRoot
    {
        get
        {
            string? directory = AppContext.BaseDirectory;
            while (directory is not null && !File.Exists(Path.Combine(directory, "RedPajama.Spark.sln")))
            {
                directory = Path.GetDirectoryName(directory);
            }

            return directory ?? throw new InvalidOperationException("the tests run outside the repository: no RedPajama.Spark.sln above " + AppContext.BaseDirectory);
        }
    }
}
