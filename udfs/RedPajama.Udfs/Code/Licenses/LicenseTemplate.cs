namespace RedPajama.Udfs.Code.Licenses;

/// <summary>
/// One licence text of choosealicense.com (<c>_licenses/&lt;key&gt;.txt</c>) as licensee reads it: the key from the file
/// name, <c>title</c>, <c>spdx-id</c> and <c>nickname</c> from the YAML front matter, the body after it, and the number
/// of <c>&lt;alt&gt;</c> segments of its SPDX XML (which lets its length vary in the Dice score).
/// </summary>
internal sealed class LicenseTemplate
{
    /// <summary>The file name without <c>.txt</c>, lower case (<c>mit</c>, <c>apache-2.0</c>, …).</summary>
    public required string Key { get; init; }

    /// <summary>The SPDX identifier of the front matter; null when it has none.</summary>
    public string? SpdxId { get; init; }

    /// <summary>The <c>title</c> of the front matter; null when it has none.</summary>
    public string? Title { get; init; }

    /// <summary>The <c>nickname</c> of the front matter (<c>GNU GPLv3</c>); null when it has none.</summary>
    public string? Nickname { get; init; }

    /// <summary>The licence text after the front matter.</summary>
    public required string Body { get; init; }

    /// <summary>The <c>&lt;alt&gt;</c> segments outside optional, title and copyright text in the SPDX XML of the licence.</summary>
    public int AltSegments { get; init; }

    /// <summary>Licensee's <c>License#name</c>: the title, else the SPDX identifier.</summary>
    public string Name => Title ?? SpdxId ?? Key;

    /// <summary>Creative Commons licences (<c>cc-*</c>) are kept from files that name a NonCommercial or NoDerivatives variant.</summary>
    public bool IsCreativeCommons => Key.StartsWith("cc-", StringComparison.Ordinal);
}
