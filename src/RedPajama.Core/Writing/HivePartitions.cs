using System.Globalization;
using System.Text;

namespace RedPajama.Writing;

/// <summary>
/// Hive-style partition directories (<c>language=en/bucket=head</c>) named exactly as Spark's
/// <c>DataFrameWriter.partitionBy</c> names them (<c>ExternalCatalogUtils.getPartitionPathString</c>), so Spark, DuckDB
/// and pyarrow read the values back from the path and prune on them.
/// </summary>
public static class HivePartitions
{
    /// <summary>The directory value of a null or empty partition value (Hive's <c>DEFAULTPARTITIONNAME</c>).</summary>
    public const string DefaultPartitionName = "__HIVE_DEFAULT_PARTITION__";

    // Spark's charToEscape (copied from Hive's FileUtils): controls 0x01-0x1F, 0x7F and " # % ' * / : = ? \ { [ ] ^.
    // 0x00 is not in it, and neither are space or non-ASCII (escaped on Windows only, which this project does not target).
    private static readonly bool[] s_escaped = BuildEscapeTable();

    /// <summary>Escapes a column name or value as Spark's <c>escapePathName</c> does: each listed character becomes <c>%XX</c> (upper-case hex).</summary>
    /// <param name="value">The text.</param>
    /// <returns>The escaped text.</returns>
    public static string EscapePathName(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int first = 0;
        while (first < value.Length && !NeedsEscaping(value[first]))
        {
            first++;
        }

        if (first == value.Length)
        {
            return value;
        }

        var escaped = new StringBuilder(value, 0, first, value.Length + 8);
        for (int i = first; i < value.Length; i++)
        {
            char c = value[i];
            if (NeedsEscaping(c))
            {
                escaped.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    /// <summary>Reverses <see cref="EscapePathName"/> as Spark's <c>unescapePathName</c> does: <c>%</c> and two hex digits become that character; anything else stays.</summary>
    /// <param name="value">A directory name's column or value.</param>
    /// <returns>The unescaped text.</returns>
    public static string UnescapePathName(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var text = new StringBuilder(value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length
                && int.TryParse(value.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
            {
                text.Append((char)code);
                i += 2;
            }
            else
            {
                text.Append(value[i]);
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The text of a partition value, as Spark casts it to a string: text as it is, integers in decimal, booleans
    /// <c>true</c>/<c>false</c>; null for null.
    /// </summary>
    /// <param name="value">A meta value: <see cref="string"/>, <see cref="long"/>, <see cref="bool"/> or null.</param>
    /// <returns>The text, or null.</returns>
    /// <exception cref="ArgumentException">A floating-point value (not a partition type: its text differs between Spark and .NET).</exception>
    public static string? ValueText(object? value) => value switch
    {
        null => null,
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => throw new ArgumentException($"a {value.GetType().Name} cannot be a partition value", nameof(value)),
    };

    /// <summary>One directory name, <c>column=value</c>, both escaped; a null or empty value is <see cref="DefaultPartitionName"/>.</summary>
    /// <param name="column">The partition column.</param>
    /// <param name="value">The value (<see cref="ValueText"/>'s kinds).</param>
    /// <returns>The directory name.</returns>
    public static string DirectoryName(string column, object? value)
    {
        string? text = ValueText(value);
        return EscapePathName(column) + "=" + (string.IsNullOrEmpty(text) ? DefaultPartitionName : EscapePathName(text));
    }

    /// <summary>
    /// The partition columns and values of a file's path: the <c>column=value</c> directories right above the file,
    /// outermost first, unescaped; <see cref="DefaultPartitionName"/> reads as null. Works on local paths and URIs
    /// (<c>file:/…</c>, <c>s3a://…</c>) alike; a directory without <c>=</c> ends the partition directories.
    /// </summary>
    /// <param name="path">A file's path.</param>
    /// <returns>The pairs, outermost first; empty when the file is not in a partition directory.</returns>
    public static IReadOnlyList<KeyValuePair<string, string?>> FromPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string[] segments = path.Split('/', '\\');
        var pairs = new List<KeyValuePair<string, string?>>();
        for (int i = segments.Length - 2; i >= 0; i--)
        {
            if (!TryParseDirectoryName(segments[i], out string? column, out string? value))
            {
                break;
            }

            pairs.Add(new(column, value));
        }

        pairs.Reverse();
        return pairs;
    }

    /// <summary>Parses a <c>column=value</c> directory name (split at the first <c>=</c>, which escaping keeps out of the column).</summary>
    /// <param name="name">A directory name.</param>
    /// <param name="column">The unescaped column.</param>
    /// <param name="value">The unescaped value; null for <see cref="DefaultPartitionName"/>.</param>
    /// <returns>False when the name is not a partition directory (no <c>=</c>, an empty column, or a hidden name).</returns>
    public static bool TryParseDirectoryName(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? column, out string? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        int equals = name.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || name[0] is '.' or '_')
        {
            column = null;
            value = null;
            return false;
        }

        column = UnescapePathName(name[..equals]);
        string raw = name[(equals + 1)..];
        value = raw == DefaultPartitionName ? null : UnescapePathName(raw);
        return true;
    }

    /// <summary>A partition value read from a path, as a meta field of <paramref name="type"/> holds it; null when it is not one.</summary>
    /// <param name="text">The unescaped value (null for the default partition).</param>
    /// <param name="type">The field's type.</param>
    /// <returns>The value, or null.</returns>
    public static object? ValueOf(string? text, Documents.MetaType type) => (text, type) switch
    {
        (null, _) => null,
        (_, Documents.MetaType.Boolean) => bool.TryParse(text, out bool b) ? b : null,
        _ => Reading.MetaValues.Coerce(text, type),
    };

    /// <summary>
    /// The type of a partition column seen only in a path: integer when the value is a whole number (as Spark's and
    /// DuckDB's partition inference read <c>bucket=3</c>), text otherwise.
    /// </summary>
    /// <param name="text">The unescaped value (null for the default partition).</param>
    /// <returns>The type.</returns>
    public static Documents.MetaType InferType(string? text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? Documents.MetaType.Integer : Documents.MetaType.Text;

    private static bool NeedsEscaping(char c) => c < s_escaped.Length && s_escaped[c];

    private static bool[] BuildEscapeTable()
    {
        var table = new bool[128];
        for (int c = 0x01; c <= 0x1F; c++)
        {
            table[c] = true;
        }

        foreach (char c in "\"#%'*/:=?\\\u007F{[]^")
        {
            table[c] = true;
        }

        return table;
    }
}
