using System.Diagnostics;

namespace RedPajama.Tests.Support;

/// <summary>
/// The reference implementation: Debian's SentencePiece 0.1.97 command-line tools (<c>spm_encode</c>,
/// <c>spm_decode</c>) and Python module. CI installs them (.ci/run); without them the differential tests fall
/// back to the golden files those tools wrote (fixtures/tokenization/make-golden.sh).
/// </summary>
internal static class SentencePieceReference
{
    public static bool HasCommandLineTools => ReferenceTool.Find("spm_encode") is not null && ReferenceTool.Find("spm_decode") is not null;

    public static bool HasPythonModule { get; } = ProbePython();

    public const string InstallHint = "the reference needs Debian's sentencepiece and python3-sentencepiece packages (.ci/run installs them)";

    public static string TokenizationFixtures => TestData.Fixture("tokenization");

    public static string MistralModel => Path.Combine(AppContext.BaseDirectory, "models", "mistral-7b-v0.1-tokenizer.model");

    /// <summary>The six models the differential tests cover: the bundled Mistral model and five trained here.</summary>
    public static IReadOnlyList<string> Models =>
        [MistralModel, .. Directory.GetFiles(Path.Combine(TokenizationFixtures, "models"), "*.model").Order(StringComparer.Ordinal)];

    /// <summary>The real-text fixtures, one test line per LF-terminated line.</summary>
    public static IReadOnlyList<string> Fixtures =>
        [.. Directory.GetFiles(TokenizationFixtures, "*.txt").Order(StringComparer.Ordinal), Path.Combine(TokenizationFixtures, "invalid-utf8.bin")];

    /// <summary>Runs <c>spm_encode</c> over a file and returns its standard output bytes.</summary>
    public static byte[] Encode(string model, string inputFile, string format, string extraOptions = "")
    {
        var arguments = new List<string> { $"--model={model}", $"--output_format={format}" };
        if (extraOptions.Length > 0)
        {
            arguments.Add($"--extra_options={extraOptions}");
        }

        return Run(ReferenceTool.Require("spm_encode", "sentencepiece"), arguments, File.ReadAllBytes(inputFile));
    }

    /// <summary>Runs <c>spm_decode --input_format=id</c>.</summary>
    public static byte[] DecodeIds(string model, byte[] idLines) =>
        Run(ReferenceTool.Require("spm_decode", "sentencepiece"), [$"--model={model}", "--input_format=id"], idLines);

    /// <summary>Token counts of whole texts (newlines inside) by the Python module, one per text.</summary>
    public static IReadOnlyList<int> PythonTokenCounts(string model, IReadOnlyList<string> texts)
    {
        string script = "import sys, json, sentencepiece as s\n" +
            "sp = s.SentencePieceProcessor(model_file=sys.argv[1])\n" +
            "texts = json.load(sys.stdin)\n" +
            "print(json.dumps([len(sp.encode(t)) for t in texts]))\n";
        string json = System.Text.Json.JsonSerializer.Serialize(texts);
        byte[] output = Run(PythonReference.Executable, ["-c", script, model], System.Text.Encoding.UTF8.GetBytes(json));
        return System.Text.Json.JsonSerializer.Deserialize<int[]>(output)!;
    }

    private static byte[] Run(string executable, IReadOnlyList<string> arguments, byte[] input) => ExternalTool.Run(executable, arguments, input);

    private static bool ProbePython()
    {
        try
        {
            PythonReference.Run("import sentencepiece", string.Empty);
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
