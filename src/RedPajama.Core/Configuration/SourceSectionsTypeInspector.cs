using RedPajama.Sources;
using YamlDotNet.Serialization;

namespace RedPajama.Configuration;

/// <summary>
/// Shows YamlDotNet each source's section as a property of <see cref="RunConfig"/> (<c>books:</c> at the top level,
/// as before sections were registered), so reading and writing keep their rules and messages: an unknown key is
/// still "not found on type", a section is read into its type with defaults for absent keys.
/// </summary>
internal sealed class SourceSectionsTypeInspector(ITypeInspector inner) : ITypeInspector
{
    /// <inheritdoc />
    public string GetEnumName(Type enumType, string name) => inner.GetEnumName(enumType, name);

    /// <inheritdoc />
    public string GetEnumValue(object enumValue) => inner.GetEnumValue(enumValue);

    /// <inheritdoc />
    public IEnumerable<IPropertyDescriptor> GetProperties(Type type, object? container) =>
        type == typeof(RunConfig) ? inner.GetProperties(type, container).Concat(Sections()) : inner.GetProperties(type, container);

    /// <inheritdoc />
    public IPropertyDescriptor GetProperty(Type type, object? container, string name, bool ignoreUnmatched, bool caseInsensitivePropertyMatching) =>
        type == typeof(RunConfig) && Sections().FirstOrDefault(s => s.Name == name) is { } section
            ? section
            : inner.GetProperty(type, container, name, ignoreUnmatched, caseInsensitivePropertyMatching);

    private static IEnumerable<IPropertyDescriptor> Sections() => SourceRegistry.All.Select(s => new SourceSectionDescriptor(s));
}
