using System.Reflection;
using RedPajama.Sources;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization.NamingConventions;

namespace RedPajama.Configuration;

/// <summary>
/// Finds a YAML value that is not of its key's kind (<c>threads: abc</c>), so the message names the key and the kind
/// expected instead of the .NET type YamlDotNet could not convert to.
/// </summary>
internal static class RunConfigScalars
{
    /// <summary>The first value of the wrong kind, as <c>line 2: threads must be a whole number (got 'abc')</c>.</summary>
    /// <param name="yaml">The configuration text.</param>
    /// <returns>The message, or null when every number and boolean value parses (or the YAML itself is invalid).</returns>
    public static string? FirstProblem(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return null;
        }

        return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root ? Walk(root, typeof(RunConfig), string.Empty) : null;
    }

    private static string? Walk(YamlMappingNode mapping, Type type, string prefix)
    {
        PropertyInfo[] properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        foreach ((YamlNode keyNode, YamlNode value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } || KeyType(type, properties, key) is not { } propertyType)
            {
                continue;
            }

            string name = prefix + key;
            if (ValueKinds.IsScalar(propertyType) && !propertyType.IsArray)
            {
                string kind = ValueKinds.Describe(propertyType);
                if (value is not YamlScalarNode scalar)
                {
                    return $"line {value.Start.Line}: {name} must be {kind} (got a list or a mapping)";
                }

                bool empty = string.IsNullOrEmpty(scalar.Value) || scalar.Value is "~" or "null";
                if (empty ? Nullable.GetUnderlyingType(propertyType) is null : !ValueKinds.TryParse(propertyType, scalar.Value!, out _))
                {
                    return $"line {scalar.Start.Line}: {name} must be {kind} (got '{scalar.Value}')";
                }
            }
            else if (value is YamlMappingNode section && propertyType.IsClass && propertyType != typeof(string))
            {
                if (Walk(section, propertyType, name + ".") is { } problem)
                {
                    return problem;
                }
            }
        }

        return null;
    }

    // A source's section is a key of the configuration like a property (see SourceSectionsTypeInspector).
    private static Type? KeyType(Type type, PropertyInfo[] properties, string key) =>
        properties.FirstOrDefault(p => UnderscoredNamingConvention.Instance.Apply(p.Name) == key)?.PropertyType ??
        (type == typeof(RunConfig) ? SourceRegistry.All.FirstOrDefault(s => s.SectionName == key)?.SectionType : null);
}
