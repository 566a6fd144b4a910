using System.Text;
using System.Text.Json;
using RedPajama.Reading;
using RedPajama.Udfs.Quality;

namespace RedPajama.Sources.CommonCrawl;

/// <summary>
/// The training corpus of RedPajama's Wikipedia-reference classifier, as <c>rp_v1:data_prep/cc/classifier/create_corpus.py</c>
/// writes it (spec §1.6b). Wiki side: every cc_net record of the wiki files is counted (<c>i</c>); a record whose
/// digest was seen is skipped, then one shorter than 1000 code points; the rest become
/// <c>__label__wiki " ".join(raw_content.splitlines())</c>. CC side: from each CC file, the records numbered
/// 1 … <c>i / number of CC files</c> (a float, as Python divides) become <c>__label__cc …</c>, with no other check.
/// Upstream stores the literal key <c>"digest"</c> instead of the record's digest, so its dedup never fires (it only
/// skips later records whose digest is the string <c>digest</c>): <paramref name="faithful"/> keeps that, the default
/// deduplicates by digest as intended.
/// </summary>
/// <param name="faithful">Reproduce upstream's <c>unique["digest"] = 1</c>.</param>
public sealed class WikiReferenceCorpus(bool faithful)
{
    /// <summary>The label of the wiki side.</summary>
    public const string WikiLabel = "__label__wiki";

    /// <summary>The label of the CC side.</summary>
    public const string CcLabel = "__label__cc";

    /// <summary>Wiki records shorter than this many code points are left out.</summary>
    public const int MinWikiLength = 1000;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// The files an argument names: a file as it is; a directory's <c>.gz</c> files, at any depth, whose path below
    /// it contains <c>head</c> or <c>middle</c> and not <c>dedup</c> (upstream's rule on its glob), in ordinal order.
    /// </summary>
    /// <param name="arguments">Files and directories.</param>
    /// <returns>The files, in argument order.</returns>
    /// <exception cref="FileNotFoundException">An argument is neither a file nor a directory.</exception>
    public static IReadOnlyList<string> ExpandInputs(IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var files = new List<string>();
        foreach (string argument in arguments)
        {
            if (File.Exists(argument))
            {
                files.Add(argument);
            }
            else if (Directory.Exists(argument))
            {
                files.AddRange(Directory.EnumerateFiles(argument, "*.gz", SearchOption.AllDirectories)
                    .Where(path => Path.GetRelativePath(argument, path) is var relative
                        && (relative.Contains("head", StringComparison.Ordinal) || relative.Contains("middle", StringComparison.Ordinal))
                        && !relative.Contains("dedup", StringComparison.Ordinal))
                    .Order(StringComparer.Ordinal));
            }
            else
            {
                throw new FileNotFoundException($"no such file or directory: {argument}", argument);
            }
        }

        return files;
    }

    /// <summary>Writes the corpus, one example a line (UTF-8, <c>\n</c>).</summary>
    /// <param name="wikiFiles">cc_net JSON lines (optionally gzip) of the crawled Wikipedia references, in order.</param>
    /// <param name="ccFiles">cc_net JSON lines of Common Crawl head/middle files, in order.</param>
    /// <param name="output">Receives the corpus.</param>
    /// <returns>What was read and written.</returns>
    /// <exception cref="InvalidDataException">A record is not JSON or lacks a field upstream reads (upstream stops there too).</exception>
    /// <exception cref="ArgumentException">There are no CC files (upstream divides by their number).</exception>
    public WikiReferenceCorpusCounts Write(IReadOnlyList<string> wikiFiles, IReadOnlyList<string> ccFiles, Stream output)
    {
        ArgumentNullException.ThrowIfNull(wikiFiles);
        ArgumentNullException.ThrowIfNull(ccFiles);
        ArgumentNullException.ThrowIfNull(output);
        if (ccFiles.Count == 0)
        {
            throw new ArgumentException("no CC files: the per-file quota is the wiki record count divided by their number");
        }

        using var writer = new StreamWriter(output, Utf8, 1 << 16, leaveOpen: true);
        long records = 0, duplicates = 0, tooShort = 0, wikiWritten = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string file in wikiFiles)
        {
            foreach ((string line, long number) in Lines(file))
            {
                records++;
                using JsonDocument json = Parse(line, file, number);
                JsonElement record = json.RootElement;
                string digest = DigestKey(Field(record, "digest", file, number));
                if (seen.Contains(digest))
                {
                    duplicates++;
                    continue;
                }

                // Upstream: unique["digest"] = 1, the literal key, where unique[result["digest"]] was meant.
                seen.Add(faithful ? DigestKey("digest") : digest);
                string rawContent = RawContent(record, file, number);
                if (PythonText.CodePointCount(rawContent) < MinWikiLength)
                {
                    tooShort++;
                    continue;
                }

                WriteExample(writer, WikiLabel, rawContent);
                wikiWritten++;
            }
        }

        // perfile = i / len(jobs): Python's true division, compared with the 1-based record number as a double.
        double perFile = (double)records / ccFiles.Count;
        long ccWritten = 0;
        foreach (string file in ccFiles)
        {
            long taken = 0;
            foreach ((string line, long number) in Lines(file))
            {
                if (number > perFile)
                {
                    break;
                }

                using JsonDocument json = Parse(line, file, number);
                WriteExample(writer, CcLabel, RawContent(json.RootElement, file, number));
                taken++;
            }

            ccWritten += taken;
        }

        return new WikiReferenceCorpusCounts(records, duplicates, tooShort, wikiWritten, ccFiles.Count, perFile, ccWritten);
    }

    private static void WriteExample(StreamWriter writer, string label, string rawContent)
    {
        writer.Write(label);
        writer.Write(' ');
        writer.Write(WikiReferenceText.ForTraining(rawContent));
        writer.Write('\n');
    }

    // gzip.open(f, "rt"): UTF-8 lines split by universal newlines (\n, \r, \r\n), as StreamReader.ReadLine splits;
    // numbered from 1.
    private static IEnumerable<(string Line, long Number)> Lines(string path)
    {
        using Stream stream = InputStreams.Decompress(InputStreams.OpenRaw(path), path);
        using var reader = new StreamReader(stream, Utf8, detectEncodingFromByteOrderMarks: false, 1 << 16);
        long number = 0;
        while (reader.ReadLine() is { } line)
        {
            yield return (line, ++number);
        }
    }

    private static JsonDocument Parse(string line, string file, long number)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{file}:{number}: not a JSON record ({exception.Message})", exception);
        }
    }

    // result[name]: the last of repeated keys wins, as in Python's json.loads.
    private static JsonElement Field(JsonElement record, string name, string file, long number)
    {
        JsonElement? found = null;
        if (record.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty property in record.EnumerateObject())
            {
                if (property.NameEquals(name))
                {
                    found = property.Value;
                }
            }
        }

        return found ?? throw new InvalidDataException($"{file}:{number}: the record has no \"{name}\"");
    }

    private static string RawContent(JsonElement record, string file, long number)
    {
        JsonElement value = Field(record, "raw_content", file, number);
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new InvalidDataException($"{file}:{number}: \"raw_content\" is not a string");
    }

    // A digest is usually a string; any other JSON value is compared by its text, apart from all strings.
    private static string DigestKey(JsonElement digest) =>
        digest.ValueKind == JsonValueKind.String ? DigestKey(digest.GetString()!) : "j" + digest.GetRawText();

    private static string DigestKey(string digest) => "s" + digest;
}
