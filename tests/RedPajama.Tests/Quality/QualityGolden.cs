using System.Text;
using System.Text.Json;
using RedPajama.Reading;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Quality;

/// <summary>The quality fixtures: documents and the values upstream code computed for them (fixtures/quality/README.md).</summary>
internal static class QualityGolden
{
    public static string BadWordsDirectory => Path.Combine(AppContext.BaseDirectory, "models", "ldnoobw");

    public static IReadOnlyList<(string Id, string Text, string Language)> Documents { get; } = LoadDocuments();

    /// <summary>RedPajama-V2's classes' output per document id: signal name → spans (value null when upstream said None).</summary>
    public static IReadOnlyDictionary<string, Dictionary<string, JsonElement>> RedPajamaV2 { get; } =
        LoadGolden("rpv2.jsonl", "quality_signals");

    /// <summary>datatrove-based Gopher and C4 values per document id.</summary>
    public static IReadOnlyDictionary<string, Dictionary<string, JsonElement>> GopherC4 { get; } =
        LoadGolden("gopher-c4.jsonl", "signals");

    public static (string Id, string Text, string Language) Document(string id) => Documents.Single(d => d.Id == id);

    private static List<(string, string, string)> LoadDocuments()
    {
        var documents = new List<(string, string, string)>();
        foreach (string line in File.ReadLines(TestData.Fixture("quality/documents.jsonl")))
        {
            using JsonDocument json = JsonDocument.Parse(line);
            JsonElement root = json.RootElement;
            documents.Add((root.GetProperty("id").GetString()!, JsonStrings.Unescape(Encoding.UTF8.GetBytes(root.GetProperty("text").GetRawText()[1..^1])), root.GetProperty("language").GetString()!));
        }

        return documents;
    }

    private static Dictionary<string, Dictionary<string, JsonElement>> LoadGolden(string file, string property)
    {
        var golden = new Dictionary<string, Dictionary<string, JsonElement>>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(TestData.Fixture("quality/golden/" + file)))
        {
            JsonElement root = JsonDocument.Parse(line).RootElement;
            golden[root.GetProperty("id").GetString()!] = root.GetProperty(property).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        }

        return golden;
    }
}
