using RedPajama.Reading;

namespace RedPajama.Writing;

/// <summary>
/// Part files named after their input, one per input, as RedPajama's per-file scripts named theirs
/// (<c>c4_reformat.py</c>: "input name without .gz and json → jsonl"): <c>c4-train.00000-of-01024.json.gz</c> →
/// <c>c4-train.00000-of-01024.jsonl</c>, or <c>.parquet</c>/<c>.jsonl.zst</c> for the other formats
/// (<see cref="Pipeline.PipelineDescription.NamesPartsAfterInputs"/>).
/// </summary>
public static class InputPartNames
{
    private static readonly string[] JsonExtensions = [".jsonl", ".json", ".ndjson"];

    /// <summary>The part file name of an input.</summary>
    /// <param name="inputPath">The input's path or URL.</param>
    /// <param name="format">The output format.</param>
    /// <returns>The name: the input's file name without its compression and JSON extensions, plus the format's.</returns>
    public static string Of(string inputPath, OutputFormat format)
    {
        ArgumentNullException.ThrowIfNull(inputPath);
        string name = Path.GetFileName(InputStreams.IsUrl(inputPath) ? new Uri(inputPath).AbsolutePath : inputPath);
        string compression = InputStreams.CompressionOf(name);
        name = name[..^compression.Length];
        foreach (string extension in JsonExtensions)
        {
            if (name.Length > extension.Length && name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                name = name[..^extension.Length];
                break;
            }
        }

        return name + OutputFormats.Extension(format);
    }

    /// <summary>Checks that no two inputs get the same part name (same file name in two folders).</summary>
    /// <param name="inputs">The run's inputs.</param>
    /// <param name="format">The output format.</param>
    /// <exception cref="ArgumentException">Two inputs share a name; the message names both.</exception>
    public static void CheckDistinct(IReadOnlyList<InputFile> inputs, OutputFormat format)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (InputFile input in inputs)
        {
            string name = Of(input.Path, format);
            if (!seen.TryAdd(name, input.Path))
            {
                throw new ArgumentException($"inputs {seen[name]} and {input.Path} would both be written to {name}: part files are named after their inputs");
            }
        }
    }

    /// <summary>Whether a file name is a part file named after an input: a visible file with an output format's extension.</summary>
    /// <param name="name">A file name.</param>
    /// <returns>True for such a name.</returns>
    public static bool IsPartName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length > 0 && name[0] is not ('.' or '_') && !name.Contains('/', StringComparison.Ordinal) &&
            Enum.GetValues<OutputFormat>().Any(f => name.Length > OutputFormats.Extension(f).Length && name.EndsWith(OutputFormats.Extension(f), StringComparison.Ordinal));
    }
}
