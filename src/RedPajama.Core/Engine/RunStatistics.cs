using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using RedPajama.Reading;

namespace RedPajama.Engine;

/// <summary>
/// The accounting of a run, written as <c>_stats.json</c> next to the output: every record read is either written
/// or dropped for a reason (<see cref="IsBalanced"/>). Holds no timings, so the same input gives the same file.
/// </summary>
public sealed class RunStatistics
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The source (<c>books</c>).</summary>
    public required string Source { get; init; }

    /// <summary>The engine that ran (<c>local</c> or <c>spark</c>).</summary>
    public required string Engine { get; init; }

    /// <summary>Number of input files.</summary>
    public int InputFiles { get; set; }

    /// <summary>Total size of the input files in bytes.</summary>
    public long InputBytes { get; set; }

    /// <summary>Records read (including those dropped by the reader).</summary>
    public long Read { get; set; }

    /// <summary>Documents written as kept.</summary>
    public long Written { get; set; }

    /// <summary>Documents dropped, by reason, over all steps.</summary>
    public SortedDictionary<string, long> Dropped { get; } = new(StringComparer.Ordinal);

    /// <summary>Per-step counters, in pipeline order (the reader first).</summary>
    public List<StepStatistics> Steps { get; } = [];

    /// <summary>Inputs that failed, fully or part way.</summary>
    public List<InputError> InputErrors { get; } = [];

    /// <summary>Part files written, in order.</summary>
    public List<PartStatistics> Parts { get; } = [];

    /// <summary>True when <c>read = written + Σ dropped</c>.</summary>
    public bool IsBalanced => Read == Written + Dropped.Values.Sum();

    /// <summary>Fills <see cref="Dropped"/> from the steps' counters.</summary>
    public void SumDropped()
    {
        Dropped.Clear();
        foreach (StepStatistics step in Steps)
        {
            foreach ((string reason, long count) in step.Dropped)
            {
                Dropped[reason] = Dropped.GetValueOrDefault(reason) + count;
            }
        }
    }

    /// <summary>
    /// Builds the accounting from a group-by of documents on (step that dropped them, reason), the form an engine
    /// that keeps documents as rows (Spark) computes it in. Steps' in/kept counts follow from the order of steps.
    /// </summary>
    /// <param name="source">The source.</param>
    /// <param name="engine">The engine.</param>
    /// <param name="stepNames">All steps in order: the reader, per-document steps, keyed steps.</param>
    /// <param name="counts">Counts per (step, reason); kept documents have a null step.</param>
    /// <returns>The statistics, with <see cref="Read"/>, <see cref="Written"/>, <see cref="Steps"/> and <see cref="Dropped"/> filled.</returns>
    public static RunStatistics FromDropCounts(string source, string engine, IReadOnlyList<string> stepNames, IEnumerable<DropCount> counts)
    {
        ArgumentNullException.ThrowIfNull(stepNames);
        ArgumentNullException.ThrowIfNull(counts);
        var statistics = new RunStatistics { Source = source, Engine = engine };
        List<DropCount> rows = counts.ToList();
        statistics.Read = rows.Sum(r => r.Count);
        statistics.Written = rows.Where(r => r.Step is null).Sum(r => r.Count);
        long reaching = statistics.Read;
        foreach (string name in stepNames)
        {
            var step = new StepStatistics(name) { In = reaching };
            foreach (DropCount row in rows.Where(r => r.Step == name))
            {
                step.AddDropped(row.Reason ?? "unknown", row.Count);
            }

            step.Kept = reaching - step.Dropped.Values.Sum();
            reaching = step.Kept;
            statistics.Steps.Add(step);
        }

        statistics.SumDropped();
        return statistics;
    }

    /// <summary>
    /// Builds the accounting from a group-by on (step, reason) and from two counts measured elsewhere: records read
    /// (counted where they are read) and documents written (counted in the output). Steps start from
    /// <paramref name="read"/>, so a record lost between the read and the group-by, or between the group-by and the
    /// output, leaves the run unbalanced instead of disappearing from both sides.
    /// </summary>
    /// <param name="source">The source.</param>
    /// <param name="engine">The engine.</param>
    /// <param name="stepNames">All steps in order: the reader, per-document steps, keyed steps.</param>
    /// <param name="counts">Counts per (step, reason); kept documents have a null step.</param>
    /// <param name="read">Records read, counted at the read.</param>
    /// <param name="written">Kept documents, counted in what was written.</param>
    /// <returns>The statistics.</returns>
    public static RunStatistics FromDropCounts(string source, string engine, IReadOnlyList<string> stepNames, IEnumerable<DropCount> counts, long read, long written)
    {
        ArgumentNullException.ThrowIfNull(stepNames);
        ArgumentNullException.ThrowIfNull(counts);
        List<DropCount> rows = counts.ToList();
        RunStatistics statistics = FromDropCounts(source, engine, stepNames, rows);
        statistics.Read = read;
        statistics.Written = written;
        long reaching = read;
        foreach (StepStatistics step in statistics.Steps)
        {
            step.In = reaching;
            step.Kept = reaching - step.Dropped.Values.Sum();
            reaching = step.Kept;
        }

        return statistics;
    }

    /// <summary>The statistics as indented JSON with snake_case keys.</summary>
    /// <returns>JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions) + "\n";
}
