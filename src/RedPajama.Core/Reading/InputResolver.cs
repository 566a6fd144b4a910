using System.Text;
using System.Text.RegularExpressions;

namespace RedPajama.Reading;

/// <summary>
/// Expands the <c>--input</c> arguments (files, directories, globs with <c>*</c>, <c>?</c> and <c>**</c>, <c>http(s)://</c>
/// URLs, and input listings such as CommonCrawl's <c>wet.paths.gz</c>) into the run's list of input files. Files
/// sort ordinally on the full path and a listing's entries follow in listing order at the listing's own path
/// (<see cref="InputListBuilder"/>), so the order — and with it every order key — is the same on every machine.
/// </summary>
public static class InputResolver
{
    /// <summary>Resolves the arguments.</summary>
    /// <param name="arguments">Paths, directories or glob patterns.</param>
    /// <param name="include">Keeps only files this predicate accepts when they come from a directory or a glob;
    /// files named explicitly are always kept.</param>
    /// <returns>The input files, and one error per argument that matched nothing.</returns>
    public static InputResolution Resolve(IEnumerable<string> arguments, Func<string, bool>? include = null) =>
        Resolve(arguments, new InputResolverOptions { Include = include });

    /// <summary>Resolves the arguments, expanding listings and keeping one shard of the list.</summary>
    /// <param name="arguments">Paths, directories, glob patterns, URLs or listings.</param>
    /// <param name="options">The source's filter, its listing root, the shard.</param>
    /// <returns>The input files, and one error per argument that matched nothing, per listing that could not be
    /// read and per malformed listing entry of the shard.</returns>
    public static InputResolution Resolve(IEnumerable<string> arguments, InputResolverOptions options)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(options);
        Func<string, bool> include = options.Include ?? (static _ => true);
        Func<string, bool> wholeDirectory = options.IncludeDirectory ?? (static _ => false);
        var inputs = new InputListBuilder();
        var problems = new List<InputError>();
        foreach (string argument in arguments)
        {
            bool url = InputStreams.IsUrl(argument);
            if (options.ListingRoot is { } root && InputListing.IsListing(argument) && (url || File.Exists(argument)))
            {
                string listing = url ? argument : Path.GetFullPath(argument);
                if (InputListing.ReadWhole(() => InputListing.Read(listing, root, options.Downloads), out string? error) is { } entries)
                {
                    inputs.AddListing(listing, entries);
                }
                else
                {
                    problems.Add(new InputError(argument, error!, 0));
                }
            }
            else if (url)
            {
                inputs.AddFile(argument, 0);
            }
            else if (File.Exists(argument))
            {
                string path = Path.GetFullPath(argument);
                inputs.AddFile(path, new FileInfo(path).Length);
            }
            else if (Directory.Exists(argument) && wholeDirectory(Path.GetFullPath(argument)))
            {
                string directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(argument));
                inputs.AddFile(directory, DirectoryBytes(directory));
            }
            else if (Directory.Exists(argument))
            {
                int before = inputs.Count;
                foreach (string file in EnumerateVisibleFiles(Path.GetFullPath(argument), wholeDirectory))
                {
                    if (Directory.Exists(file))
                    {
                        inputs.AddFile(file, DirectoryBytes(file));
                    }
                    else if (include(file))
                    {
                        inputs.AddFile(file, new FileInfo(file).Length);
                    }
                }

                if (inputs.Count == before)
                {
                    problems.Add(new InputError(argument, "directory holds no files this source reads", 0));
                }
            }
            else if (argument.AsSpan().IndexOfAny("*?[") >= 0)
            {
                int before = inputs.Count;
                foreach (string file in ExpandGlob(argument))
                {
                    if (include(file))
                    {
                        inputs.AddFile(file, new FileInfo(file).Length);
                    }
                }

                if (inputs.Count == before)
                {
                    problems.Add(new InputError(argument, "pattern matches no file", 0));
                }
            }
            else
            {
                problems.Add(new InputError(argument, "does not exist", 0));
            }
        }

        return inputs.Build(problems, options.Shard);
    }

    // Hidden and underscore-prefixed entries are skipped, as Spark and Hadoop do (_SUCCESS, _stats.json, .tmp files).
    // A directory the source reads whole is yielded itself, not walked.
    private static IEnumerable<string> EnumerateVisibleFiles(string directory, Func<string, bool> wholeDirectory)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = FileAttributes.Hidden };
        foreach (string file in Directory.EnumerateFiles(directory, "*", options))
        {
            if (IsVisible(file))
            {
                yield return file;
            }
        }

        foreach (string child in Directory.EnumerateDirectories(directory, "*", options))
        {
            if (IsVisible(child) && wholeDirectory(child))
            {
                yield return child;
            }
            else if (IsVisible(child))
            {
                foreach (string file in EnumerateVisibleFiles(child, wholeDirectory))
                {
                    yield return file;
                }
            }
        }
    }

    // A folder input's size: its files' bytes, links not followed.
    private static long DirectoryBytes(string directory)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        return new DirectoryInfo(directory).EnumerateFiles("*", options).Sum(static f => f.Length);
    }

    private static bool IsVisible(string path)
    {
        string name = Path.GetFileName(path);
        return !name.StartsWith('.') && !name.StartsWith('_');
    }

    private static IEnumerable<string> ExpandGlob(string pattern)
    {
        string full = Path.GetFullPath(pattern);
        int wildcard = full.AsSpan().IndexOfAny("*?[");
        int rootEnd = full.LastIndexOf(Path.DirectorySeparatorChar, wildcard);
        string root = rootEnd <= 0 ? Path.GetPathRoot(full)! : full[..rootEnd];
        if (!Directory.Exists(root))
        {
            yield break;
        }

        var matcher = new Regex(GlobToRegex(full), RegexOptions.CultureInvariant);
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden };
        foreach (string file in Directory.EnumerateFiles(root, "*", options))
        {
            if (matcher.IsMatch(file))
            {
                yield return file;
            }
        }
    }

    private static string GlobToRegex(string glob)
    {
        var regex = new StringBuilder("^");
        for (int i = 0; i < glob.Length; i++)
        {
            char c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                // "**/" matches any number of directories, including none.
                bool slash = i + 2 < glob.Length && glob[i + 2] == '/';
                regex.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else if (c == '[')
            {
                int close = glob.IndexOf(']', i + 1);
                if (close < 0)
                {
                    regex.Append(@"\[");
                }
                else
                {
                    regex.Append('[').Append(glob.AsSpan(i + 1, close - i - 1)).Append(']');
                    i = close;
                }
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        return regex.Append('$').ToString();
    }
}
