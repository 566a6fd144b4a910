using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace RedPajama.Configuration;

/// <summary>
/// Reads <see cref="RunConfig"/> from YAML; unknown keys are errors, so a typo is never silently ignored. The sources'
/// sections (<see cref="Sources.SourceRegistry"/>) are top-level keys like the others.
/// </summary>
public static class RunConfigLoader
{
    /// <summary>Parses YAML text.</summary>
    /// <param name="yaml">The configuration.</param>
    /// <param name="origin">The file name, for messages.</param>
    /// <param name="beforeValidation">
    /// Changes the configuration before it is checked: a Spark worker points model paths, which name the driver's files,
    /// at the copies shipped to it, so that a check that a folder exists looks at the copy.
    /// </param>
    /// <returns>The configuration; defaults for absent keys.</returns>
    /// <exception cref="FormatException">The YAML is invalid, has an unknown key, a value of the wrong kind or out of range.</exception>
    public static RunConfig Parse(string yaml, string origin = "config", Action<RunConfig>? beforeValidation = null)
    {
        IDeserializer deserializer = new DeserializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .WithTypeInspector(inner => new SourceSectionsTypeInspector(inner))
            .Build();
        RunConfig config;
        try
        {
            config = deserializer.Deserialize<RunConfig?>(yaml) ?? new RunConfig();
        }
        catch (YamlException exception)
        {
            // A value of the wrong kind gets its key and the kind expected, not the .NET type it failed to convert to.
            string detail = RunConfigScalars.FirstProblem(yaml) ?? $"line {exception.Start.Line}: {exception.InnerException?.Message ?? exception.Message}";
            throw new FormatException($"{origin}: {detail}", exception);
        }

        beforeValidation?.Invoke(config);
        config.Validate(origin);
        return config;
    }

    /// <summary>Writes a configuration as YAML that <see cref="Parse"/> reads back (the Spark driver hands its completed configuration to the workers this way).</summary>
    /// <param name="config">The configuration.</param>
    /// <returns>The YAML text.</returns>
    public static string ToYaml(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new SerializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .WithTypeInspector(inner => new SourceSectionsTypeInspector(inner))
            .Build()
            .Serialize(config);
    }

    /// <summary>Reads and parses a YAML file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The configuration.</returns>
    public static RunConfig Load(string path) => Parse(File.ReadAllText(path), path);
}
