namespace RedPajama.Reading;

/// <summary>
/// What the relative entries of an input listing are relative to: a URL (CommonCrawl's
/// <see cref="CommonCrawl"/>, cc_net's <c>WET_URL_ROOT</c> in RedPajama's fork) or a local directory (a mirrored
/// dump, read offline). An entry may also be a full URL or an absolute local path, taken as it is. A relative entry
/// with a <c>..</c> segment is refused, since it would name a file outside the root.
/// </summary>
public sealed class ListingRoot
{
    /// <summary>Where CommonCrawl serves its files over HTTPS.</summary>
    public const string CommonCrawl = "https://data.commoncrawl.org/";

    private readonly Uri? _url;
    private readonly string? _directory;

    /// <summary>Creates a root.</summary>
    /// <param name="root">An <c>http(s)://</c> URL or a directory path (relative to the current directory).</param>
    /// <exception cref="ArgumentException">A URL that does not parse.</exception>
    public ListingRoot(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        if (InputStreams.IsUrl(root))
        {
            if (!Uri.TryCreate(root.EndsWith('/') ? root : root + "/", UriKind.Absolute, out Uri? url) || url.Host.Length == 0 || url.Query.Length > 0 || url.Fragment.Length > 0)
            {
                throw new ArgumentException($"listing root '{root}' is not a valid URL", nameof(root));
            }

            _url = url;
        }
        else
        {
            _directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        }
    }

    /// <summary>The root as entries are resolved against it: the URL with a final <c>/</c>, or the full directory path.</summary>
    public string Value => _url?.AbsoluteUri ?? _directory!;

    /// <summary>Resolves one entry (already stripped, not empty).</summary>
    /// <param name="line">The entry's line number, carried into the result.</param>
    /// <param name="entry">The entry as listed.</param>
    /// <returns>The input it names, or the reason it names none.</returns>
    public ListingEntry Resolve(long line, string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return Malformed("has white space or a control character inside");
        }

        if (InputStreams.IsUrl(entry))
        {
            return Uri.TryCreate(entry, UriKind.Absolute, out Uri? url) && url.Host.Length > 0
                ? new ListingEntry(line, entry, null)
                : Malformed("is not a valid URL");
        }

        if (SchemeOf(entry) is { } scheme)
        {
            return Malformed($"has scheme '{scheme}:' (an http or https URL, or a path, is read)");
        }

        if (Path.IsPathRooted(entry))
        {
            return new ListingEntry(line, Path.GetFullPath(entry), null);
        }

        string[] segments = entry.Split('/');
        if (segments.Contains("..") || entry.Contains('\\', StringComparison.Ordinal))
        {
            return Malformed($"climbs out of the listing root {Value} ('..' or '\\')");
        }

        if (_url is not null)
        {
            // Each segment escaped, so '?', '#' or '%' in a name stay part of the path.
            string relative = string.Join('/', segments.Where(s => s.Length > 0 && s != ".").Select(Uri.EscapeDataString));
            return new ListingEntry(line, new Uri(_url, relative).AbsoluteUri, null);
        }

        string full = Path.GetFullPath(Path.Combine(_directory!, entry));
        return full.StartsWith(_directory + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? new ListingEntry(line, full, null)
            : Malformed($"climbs out of the listing root {Value}");

        ListingEntry Malformed(string reason) => new(line, null, $"entry '{entry}' {reason}");
    }

    /// <inheritdoc />
    public override string ToString() => Value;

    // "s3:", "ftp:", "file:" — two letters at least, so that a drive letter is not a scheme.
    private static string? SchemeOf(string entry)
    {
        int colon = entry.IndexOf(':', StringComparison.Ordinal);
        if (colon < 2 || !char.IsAsciiLetter(entry[0]))
        {
            return null;
        }

        for (int i = 1; i < colon; i++)
        {
            char c = entry[i];
            if (!char.IsAsciiLetterOrDigit(c) && c is not '+' and not '-' and not '.')
            {
                return null;
            }
        }

        return entry[..colon];
    }
}
