namespace RedPajama.Tokenization;

/// <summary>Finds the models shipped in the repository's <c>models/</c> folder (copied next to the binaries at build time).</summary>
public static class BundledModels
{
    /// <summary>File name of the default tokenizer, a LLaMA-compatible SentencePiece BPE model (Apache-2.0).</summary>
    public const string DefaultTokenizerFileName = "mistral-7b-v0.1-tokenizer.model";

    /// <summary>The directory of the bundled LDNOOBW bad-words lists (<c>models/ldnoobw</c>, CC BY 4.0).</summary>
    public static string BadWordsDirectory => Path.GetDirectoryName(Locate(Path.Combine("ldnoobw", "en")))!;

    /// <summary>
    /// The directory of the bundled Punkt sentence model (<c>models/punkt/english-gutenberg</c>, NLTK's <c>punkt_tab</c>
    /// layout), trained here on public-domain books; not NLTK's English model (see its README).
    /// </summary>
    public static string PunktDirectory => Path.GetDirectoryName(Locate(Path.Combine("punkt", "english-gutenberg", "abbrev_types.txt")))!;

    /// <summary>
    /// The directory of the bundled licence texts the github source matches repositories' licence files against
    /// (<c>models/licenses</c>: choosealicense.com's texts as GitHub's licensee uses them, MIT).
    /// </summary>
    public static string LicensesDirectory => Path.GetDirectoryName(Locate(Path.Combine("licenses", "mit.txt")))!;

    /// <summary>The path of the default tokenizer model.</summary>
    public static string DefaultTokenizerPath => Locate(DefaultTokenizerFileName);

    /// <summary>
    /// The path of a bundled model: <c>models/</c> beside the running application, else beside this assembly (a Spark
    /// worker loading the job's assemblies from the job folder), else the first <c>models/</c> folder found walking up
    /// from the application (a source checkout). Returns the first candidate even when absent, so
    /// the caller's "file not found" names a sensible place.
    /// </summary>
    /// <param name="fileName">The model's file name.</param>
    /// <returns>The path.</returns>
    public static string Locate(string fileName)
    {
        string besideBinaries = Path.Combine(AppContext.BaseDirectory, "models", fileName);
        if (File.Exists(besideBinaries))
        {
            return besideBinaries;
        }

        // A Spark worker's base directory is the worker's own install; the job's assemblies (this one included) are
        // loaded from the published job folder (DOTNET_ASSEMBLY_SEARCH_PATHS), whose models/ holds the bundled files.
        if (Path.GetDirectoryName(typeof(BundledModels).Assembly.Location) is { Length: > 0 } assemblyDirectory)
        {
            string besideAssembly = Path.Combine(assemblyDirectory, "models", fileName);
            if (File.Exists(besideAssembly))
            {
                return besideAssembly;
            }
        }

        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "models", fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return besideBinaries;
    }
}
