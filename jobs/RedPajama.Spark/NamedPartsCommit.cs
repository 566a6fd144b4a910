using System.Globalization;
using System.Text.Json;
using RedPajama.Engine;
using RedPajama.Spark.Plan;
using RedPajama.Writing;

namespace RedPajama.Spark;

/// <summary>
/// The driver's side of <see cref="RenamePartsStage"/>: Spark's committer has put each input's rows in one file under
/// the staging directory; this moves each to its input's name, in the order the local engine's commit follows —
/// <c>_SUCCESS</c> removed, the new files moved into place (each replacing the file of that name), the previous run's
/// part files that are not among them deleted, the staging directory removed. The job then writes <c>_stats.json</c>
/// and <c>_SUCCESS</c>. A job that dies before this leaves the previous output as it was (only the staging directory
/// changed); one that dies during it leaves no <c>_SUCCESS</c>, and a rerun writes and commits again.
/// </summary>
public static class NamedPartsCommit
{
    /// <summary>The staging directory a named-parts write goes to, inside the output directory.</summary>
    public const string StagingDirectory = "_rp_parts";

    /// <summary>The directory, inside the staging directory, an empty part is written to when an input has no rows.</summary>
    public const string EmptyPartDirectory = "_empty";

    /// <summary>Moves the staged files into place.</summary>
    /// <param name="fileSystem">The output's filesystem.</param>
    /// <param name="output">The output directory.</param>
    /// <param name="stage">The plan's stage.</param>
    /// <param name="rowsByInput">Rows written per input index (read back from the staged files), for <c>_stats.json</c>'s parts.</param>
    /// <param name="writeEmptyPart">Writes a part of no rows (with the schema) and gives its path; called at most once, only when an input has no file.</param>
    /// <returns>The parts now in the output, in name order.</returns>
    /// <exception cref="InvalidDataException">The staging directory does not hold one file per input (an unknown input, or an input split over several files).</exception>
    public static IReadOnlyList<PartStatistics> Commit(IOutputFileSystem fileSystem, string output, RenamePartsStage stage, IReadOnlyDictionary<int, long> rowsByInput, Func<string> writeEmptyPart)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(rowsByInput);
        ArgumentNullException.ThrowIfNull(writeEmptyPart);
        string staging = Join(output, stage.StagingDirectory);
        string prefix = stage.InputColumn + "=";

        // Every staged file mapped to its input before anything in the output is touched. The input is read from the
        // directory Spark's partitionBy named, never from a task number or file name.
        var staged = new SortedDictionary<int, string>();
        foreach (string file in fileSystem.Glob(Join(staging, prefix + "*/part-*")))
        {
            string directory = file.Split('/')[^2];
            if (!int.TryParse(directory.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int input) || !stage.Names.ContainsKey(input))
            {
                throw new InvalidDataException($"{file}: written for no input of this run");
            }

            if (!staged.TryAdd(input, file))
            {
                throw new InvalidDataException($"{staged[input]} and {file}: the rows of input {input} were written to two files, not one");
            }
        }

        fileSystem.Delete(Join(output, SparkJobPlan.SuccessMarker));
        var parts = new List<PartStatistics>();
        string? empty = null;
        foreach ((int input, string name) in stage.Names.OrderBy(n => n.Key))
        {
            string destination = Join(output, name);
            // Hadoop's rename does not replace (HDFS refuses, others differ): the previous file of that name goes first.
            fileSystem.Delete(destination);
            if (staged.TryGetValue(input, out string? file))
            {
                fileSystem.Rename(file, destination);
                parts.Add(new PartStatistics(name, rowsByInput.GetValueOrDefault(input)));
            }
            else
            {
                empty ??= writeEmptyPart();
                fileSystem.Copy(empty, destination);
                parts.Add(new PartStatistics(name, 0));
            }
        }

        var kept = new HashSet<string>(stage.Names.Values, StringComparer.Ordinal);
        foreach (string previous in PreviousParts(fileSystem, output).Where(p => !kept.Contains(p)))
        {
            fileSystem.Delete(Join(output, previous));
        }

        fileSystem.Delete(staging);
        return [.. parts.OrderBy(p => p.File, StringComparer.Ordinal)];
    }

    private static string Join(string directory, string name) => directory.TrimEnd('/') + "/" + name;

    // The previous run's part files at the top of the output: those its _stats.json lists and Spark's own part-*
    // files (a run that wrote Spark's names). Nothing else in the output directory is touched.
    private static SortedSet<string> PreviousParts(IOutputFileSystem fileSystem, string output)
    {
        var previous = new SortedSet<string>(StringComparer.Ordinal);
        if (fileSystem.Read(Join(output, RedPajama.Engine.Local.LocalEngine.StatisticsFileName)) is { } statistics)
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(statistics);
                if (document.RootElement.TryGetProperty("parts", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
                {
                    foreach (JsonElement part in list.EnumerateArray())
                    {
                        if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("file", out JsonElement file) && file.ValueKind == JsonValueKind.String &&
                            file.GetString() is { } name && InputPartNames.IsPartName(name))
                        {
                            previous.Add(name);
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // Unreadable statistics name no files: only Spark's part-* files are known to be a run's.
            }
        }

        foreach (string file in fileSystem.Glob(Join(output, "part-*")))
        {
            string name = file.Split('/')[^1];
            if (InputPartNames.IsPartName(name))
            {
                previous.Add(name);
            }
        }

        return previous;
    }
}
