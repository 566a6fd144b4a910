using System.Text.Json;

namespace RedPajama.Tests.Support;

/// <summary>
/// Reads a run's JSON-lines output, Hive-partitioned or not, as flat records: the top-level keys (text, drop_reason …),
/// the fields of a <c>meta</c> object, and the partition values of the file's path (<c>language=en/bucket=head/</c>).
/// </summary>
internal static class HiveJsonl
{
    /// <summary>Every record of every part file under <paramref name="output"/>, files in path order.</summary>
    public static List<JsonElement> Read(string output) =>
        [.. Directory.GetFiles(output, "part-*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .SelectMany(f => File.ReadAllLines(f).Select(l => Flatten(JsonDocument.Parse(l).RootElement, Path.GetRelativePath(output, f))))];

    private static JsonElement Flatten(JsonElement record, string relativePath)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (string directory in (Path.GetDirectoryName(relativePath) ?? string.Empty).Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            string[] pair = directory.Split('=', 2);
            fields[pair[0]] = JsonSerializer.SerializeToElement(pair[1]);
        }

        foreach (JsonProperty property in record.EnumerateObject())
        {
            if (property.Name == "meta" && property.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty field in property.Value.EnumerateObject())
                {
                    fields[field.Name] = field.Value.Clone();
                }
            }
            else
            {
                fields[property.Name] = property.Value.Clone();
            }
        }

        return JsonSerializer.SerializeToElement(fields);
    }
}
