using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;
using System.Xml;

namespace RedPajama.Sources.Wikipedia.Reading;

/// <summary>
/// The header of a MediaWiki dump: the <c>&lt;mediawiki&gt;</c> root's namespace declarations and its
/// <c>&lt;siteinfo&gt;</c> (database name, namespace names). In a multistream dump it is the whole first stream.
/// </summary>
public sealed class SiteInfo
{
    /// <summary>Creates site information.</summary>
    /// <param name="dbName">The <c>&lt;dbname&gt;</c>, or null.</param>
    /// <param name="namespaces">Namespace key → localized name, from <c>&lt;namespaces&gt;</c>.</param>
    /// <param name="rootNamespaces">Prefix → URI declared on the root element (the empty prefix is the default namespace).</param>
    public SiteInfo(string? dbName, IReadOnlyDictionary<int, string> namespaces, IReadOnlyDictionary<string, string> rootNamespaces)
    {
        DbName = dbName;
        Namespaces = new ReadOnlyDictionary<int, string>(new Dictionary<int, string>(namespaces));
        RootNamespaces = new ReadOnlyDictionary<string, string>(new Dictionary<string, string>(rootNamespaces, StringComparer.Ordinal));
    }

    /// <summary>A dump without a header (a range of later streams read without stream 0).</summary>
    public static SiteInfo Empty { get; } = new(null, new Dictionary<int, string>(), new Dictionary<string, string>());

    /// <summary>The <c>&lt;siteinfo&gt;&lt;dbname&gt;</c> (<c>dewiki</c>), or null.</summary>
    public string? DbName { get; }

    /// <summary>Namespace key → the dump's (localized) name; the main namespace's name is empty.</summary>
    public ReadOnlyDictionary<int, string> Namespaces { get; }

    /// <summary>Prefix → URI declared on the root element; pages are parsed in this context.</summary>
    public ReadOnlyDictionary<string, string> RootNamespaces { get; }

    /// <summary>
    /// The File (6) and Category (14) namespace names as the <c>wiki_namespaces</c> meta value: one line per namespace
    /// present in the dump, <c>key:name</c>, key 6 first (<c>6:Файл\n14:Категория</c>); only what the dump's
    /// <c>&lt;namespace&gt;</c> elements hold (their localized names; siteinfo lists no aliases). Null when the dump
    /// names neither.
    /// </summary>
    /// <returns>The encoded names, or null.</returns>
    public string? EncodeMediaCategoryNamespaces()
    {
        var builder = new StringBuilder();
        foreach (int key in (int[])[6, 14])
        {
            if (Namespaces.TryGetValue(key, out string? name) && name.Length > 0)
            {
                if (builder.Length > 0)
                {
                    builder.Append('\n');
                }

                builder.Append(key.ToString(CultureInfo.InvariantCulture)).Append(':').Append(name);
            }
        }

        return builder.Length == 0 ? null : builder.ToString();
    }

    /// <summary>
    /// Parses a dump header: the text before the first <c>&lt;page&gt;</c> (XML declaration, root start tag,
    /// <c>&lt;siteinfo&gt;</c>). A DOCTYPE is refused (<see cref="InvalidDataException"/>); nothing is fetched.
    /// </summary>
    /// <param name="header">The header text.</param>
    /// <returns>The site information (<see cref="Empty"/> parts where the header lacks them).</returns>
    public static SiteInfo Parse(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var namespaces = new Dictionary<int, string>();
        var rootNamespaces = new Dictionary<string, string>(StringComparer.Ordinal);
        string? dbName = null;
        if (header.Trim().Length == 0)
        {
            return Empty;
        }

        XmlReaderSettings settings = DumpXml.Settings(ConformanceLevel.Document);
        try
        {
            // The header stops inside the root element: close it.
            using var reader = XmlReader.Create(new StringReader(header + "</mediawiki>"), settings);
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (reader.Depth == 0 && reader.LocalName == "mediawiki")
                {
                    while (reader.MoveToNextAttribute())
                    {
                        if (reader.Prefix == "xmlns")
                        {
                            rootNamespaces[reader.LocalName] = reader.Value;
                        }
                        else if (reader.Prefix.Length == 0 && reader.LocalName == "xmlns")
                        {
                            rootNamespaces[string.Empty] = reader.Value;
                        }
                    }

                    reader.MoveToElement();
                }
                else if (reader.LocalName == "dbname" && dbName is null)
                {
                    dbName = reader.ReadElementContentAsString().Trim();
                }
                else if (reader.LocalName == "namespace")
                {
                    string? key = reader.GetAttribute("key");
                    string name = reader.IsEmptyElement ? string.Empty : reader.ReadElementContentAsString();
                    if (int.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int k))
                    {
                        namespaces.TryAdd(k, name);
                    }
                }
            }
        }
        catch (XmlException e)
        {
            throw new InvalidDataException($"the dump header is not a MediaWiki XML header: {e.Message}", e);
        }

        return new SiteInfo(dbName, namespaces, rootNamespaces);
    }
}
