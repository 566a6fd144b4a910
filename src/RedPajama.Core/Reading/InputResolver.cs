using System.Text;
using System.Text.RegularExpressions;

namespace RedPajama.Reading;

/// <summary>
/// Expands the <c>--input</c> arguments (files, directories, globs with <c>*</c>, <c>?</c> and <c>**</c>) into the
/// sorted, de-duplicated list of input files. Sorting is ordinal on the full path, so the order — and with it every
/// order key — is the same on every machine.
/// </summary>
public static class InputResolver
{
    /// <summary>Resolves the arguments.</summary>
    /// <param name="arguments">Paths, directories or glob patterns.</param>
    /// <param name="include">Keeps only files this predicate accepts when they come from a directory or a glob;
    /// files named explicitly are always kept.</param>
    /// <returns>The input files, and one error per argument that matched nothing.</returns>
    public static InputResolution Resolve(IEnumerable<string> arguments, Func<string, bool>? include = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        include ??= static _ => true;
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        var problems = new List<InputError>();
        foreach (string argument in arguments)
        {
            if (File.Exists(argument))
            {
                paths.Add(Path.GetFullPath(argument));
            }
            else if (Directory.Exists(argument))
            {
                int before = paths.Count;
                foreach (string file in EnumerateVisibleFiles(Path.GetFullPath(argument)))
                {
                    if (include(file))
                    {
                        paths.Add(file);
                    }
                }

                if (paths.Count == before)
                {
                    problems.Add(new InputError(argument, "directory holds no files this source reads", 0));
                }
            }
            else if (argument.AsSpan().IndexOfAny("*?[") >= 0)
            {
                int before = paths.Count;
                foreach (string file in ExpandGlob(argument))
                {
                    if (include(file))
                    {
                        paths.Add(file);
                    }
                }

                if (paths.Count == before)
                {
                    problems.Add(new InputError(argument, "pattern matches no file", 0));
                }
            }
            else
            {
                problems.Add(new InputError(argument, "does not exist", 0));
            }
        }

        var files = new List<InputFile>(paths.Count);
        foreach (string path in paths)
        {
            files.Add(new InputFile(files.Count, path, new FileInfo(path).Length));
        }

        return new InputResolution(files, problems);
    }

    // Hidden and underscore-prefixed entries are skipped, as Spark and Hadoop do (_SUCCESS, _stats.json, .tmp files).
    private static IEnumerable<string> EnumerateVisibleFiles(string directory)
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
            if (IsVisible(child))
            {
                foreach (string file in EnumerateVisibleFiles(child))
                {
                    yield return file;
                }
            }
        }
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
