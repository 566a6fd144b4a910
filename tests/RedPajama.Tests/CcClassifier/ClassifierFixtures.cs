using System.Text.Json;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.CcClassifier;

/// <summary>
/// The cc-classifier fixtures (fixtures/cc-classifier, see its README): cc_net-format files of both sides, the
/// corpora RedPajama's create_corpus.py wrote from them, and a model Debian's <c>fasttext supervised</c> trains on
/// the corpus once per test process.
/// </summary>
internal static class ClassifierFixtures
{
    private static readonly Lazy<string> s_referenceModel = new(TrainReferenceModel);

    public static string Root => TestData.Fixture("cc-classifier");

    /// <summary>The wiki side, in create_corpus.py's order (head, then middle).</summary>
    public static string[] WikiFiles => [Path.Combine(Root, "wiki", "en_head_0000.json.gz"), Path.Combine(Root, "wiki", "en_middle_0000.json.gz")];

    /// <summary>The CC tree: two dumps, head/middle files, plus a tail and a dedup file upstream's filter leaves out.</summary>
    public static string CcDirectory => Path.Combine(Root, "cc");

    public static string Golden(string name) => Path.Combine(Root, "golden", name);

    /// <summary>Every record's raw_content in every fixture file (tail and dedup files included), in path order.</summary>
    public static IReadOnlyList<string> AllRawContents() =>
        [.. Directory.EnumerateFiles(Root, "*.json.gz", SearchOption.AllDirectories).Order(StringComparer.Ordinal).SelectMany(RawContents)];

    public static IEnumerable<string> RawContents(string path)
    {
        using var stream = new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            using var record = JsonDocument.Parse(line);
            yield return record.RootElement.GetProperty("raw_content").GetString()!;
        }
    }

    /// <summary>
    /// A model the fastText CLI trained on create_corpus.py's (deduplicated) corpus: 25 epochs at lr 0.5 on one
    /// thread, so that probabilities spread away from 0.5 (the defaults barely move on 61 examples).
    /// </summary>
    public static string ReferenceModel => s_referenceModel.Value;

    private static string TrainReferenceModel()
    {
        string directory = Path.Combine(Path.GetTempPath(), "redpajama-tests", "cc-classifier-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(directory, recursive: true);
        string output = Path.Combine(directory, "reference");
        ExternalTool.Run(ReferenceTool.Require("fasttext", "fasttext"),
            ["supervised", "-input", Golden("corpus-dedup.txt"), "-output", output, "-epoch", "25", "-lr", "0.5", "-thread", "1", "-verbose", "0"], []);
        return output + ".bin";
    }
}
