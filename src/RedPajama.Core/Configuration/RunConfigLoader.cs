using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace RedPajama.Configuration;

/// <summary>Reads <see cref="RunConfig"/> from YAML; unknown keys are errors, so a typo is never silently ignored.</summary>
public static class RunConfigLoader
{
    /// <summary>Parses YAML text.</summary>
    /// <param name="yaml">The configuration.</param>
    /// <param name="origin">The file name, for messages.</param>
    /// <returns>The configuration; defaults for absent keys.</returns>
    /// <exception cref="FormatException">The YAML is invalid or has an unknown key.</exception>
    public static RunConfig Parse(string yaml, string origin = "config")
    {
        IDeserializer deserializer = new DeserializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .Build();
        try
        {
            return deserializer.Deserialize<RunConfig?>(yaml) ?? new RunConfig();
        }
        catch (YamlException exception)
        {
            string detail = exception.InnerException?.Message ?? exception.Message;
            throw new FormatException($"{origin}: line {exception.Start.Line}: {detail}", exception);
        }
    }

    /// <summary>Writes a configuration as YAML that <see cref="Parse"/> reads back (the Spark driver hands its completed configuration to the workers this way).</summary>
    /// <param name="config">The configuration.</param>
    /// <returns>The YAML text.</returns>
    public static string ToYaml(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new SerializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build().Serialize(config);
    }

    /// <summary>Reads and parses a YAML file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The configuration.</returns>
    public static RunConfig Load(string path) => Parse(File.ReadAllText(path), path);
}
