using System.Text.Json;
using RedPajama.Engine.Rows;

namespace RedPajama.Spark;

/// <summary>
/// The read as a Spark UDF over <c>binaryFile</c> rows: one input file's bytes in, its document rows out, each as a
/// JSON object that <c>from_json</c> turns back into the row struct (Microsoft.Spark returns arrays of primitives,
/// not of structs). The file goes through <see cref="SegmentRows.ReadFile"/>, the local engine's reader, so
/// formats, compressions, size limits and record numbers are the local engine's; a file that fails part way adds
/// one last element carrying the failure (<see cref="SparkColumns.InputError"/>) instead of failing the task.
/// </summary>
/// <remarks>
/// The UDF itself is <see cref="DocumentUdf.FileRows"/>: a UDF's target object travels to the workers field by field
/// (MessagePack), and a target holding another object (this class once held its <see cref="DocumentUdf"/>) cannot be
/// serialised; the Spark-worker harness found it.
/// </remarks>
public static class InputFileUdf
{
    /// <summary>The rows of one file.</summary>
    /// <param name="rows">The pipeline's rows.</param>
    /// <param name="input">The file's index among the run's files, in path order.</param>
    /// <param name="path">The file's path.</param>
    /// <param name="content">The file's bytes as stored.</param>
    /// <returns>The JSON elements.</returns>
    public static string[] Encode(SegmentRows rows, int input, string path, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Elements(rows, rows.ReadFile(input, path, content));
    }

    /// <summary>The rows of one input the executor downloads (a URL) or opens (a path) itself: <see cref="SegmentRows.ReadFrom"/>.</summary>
    /// <param name="rows">The pipeline's rows.</param>
    /// <param name="input">The input's index in the run's order.</param>
    /// <param name="path">Its URL or path.</param>
    /// <returns>The JSON elements, as <see cref="Encode"/> gives them.</returns>
    public static string[] EncodeFetched(SegmentRows rows, int input, string path)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Elements(rows, rows.ReadFrom(input, path));
    }

    /// <summary>The rows of one range of a split file, read by path in the executor: <see cref="SegmentRows.ReadRange"/>.</summary>
    /// <param name="rows">The pipeline's rows.</param>
    /// <param name="input">The range's index in the run's order.</param>
    /// <param name="path">The file's local path.</param>
    /// <param name="start">The range's first byte.</param>
    /// <param name="end">The offset just past its last byte.</param>
    /// <returns>The JSON elements, as <see cref="Encode"/> gives them.</returns>
    public static string[] EncodeRange(SegmentRows rows, int input, string path, long start, long end)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Elements(rows, rows.ReadRange(input, path, start, end));
    }

    private static string[] Elements(SegmentRows rows, FileRows read)
    {
        var elements = new List<string>(read.Rows.Count + 1);
        elements.AddRange(read.Rows.Select(rows.ToJson));
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
