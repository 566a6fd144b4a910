using System.Text.Json;
using RedPajama.Engine.Rows;

namespace RedPajama.Spark;

/// <summary>
/// The read as a Spark UDF over <c>binaryFile</c> rows: one input file's bytes in, its document rows out, each as a
/// JSON object that <c>from_json</c> turns back into the row struct (Microsoft.Spark returns arrays of primitives,
/// not of structs). The file goes through <see cref="DocumentRowCodec.ReadFile"/>, the local engine's reader, so
/// formats, compressions, size limits and record numbers are the local engine's; a file that fails part way adds
/// one last element carrying the failure (<see cref="SparkColumns.InputError"/>) instead of failing the task.
/// </summary>
/// <param name="documents">The per-document UDFs, which hold the source and configuration the workers rebuild.</param>
[Serializable]
public sealed class InputFileUdf(DocumentUdf documents)
{
    private readonly DocumentUdf _documents = documents;

    /// <summary>UDF: the rows of one input file.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="content">The file's bytes as stored.</param>
    /// <returns>One JSON object per record, then one for the failure if the file could not be read to its end.</returns>
    public string[] Rows(string path, byte[] content) => Encode(_documents.Codec, path, content ?? []);

    /// <summary>What <see cref="Rows"/> returns, for a given codec.</summary>
    /// <param name="codec">The pipeline's row codec.</param>
    /// <param name="path">The file's path.</param>
    /// <param name="content">The file's bytes as stored.</param>
    /// <returns>The JSON elements.</returns>
    public static string[] Encode(DocumentRowCodec codec, string path, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(codec);
        FileRows read = codec.ReadFile(path, content);
        var elements = new List<string>(read.Rows.Count + 1);
        elements.AddRange(read.Rows.Select(codec.ToJson));
        if (read.Error is { } error)
        {
            elements.Add(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                [SparkColumns.InputError] = error.Error,
                [SparkColumns.RecordsRead] = error.RecordsRead,
            }));
        }

        return [.. elements];
    }
}
