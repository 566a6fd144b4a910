using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

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

    /// <summary>The statistics as indented JSON with snake_case keys.</summary>
    /// <returns>JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions) + "\n";

    /// <summary>Reads statistics written by <see cref="ToJson"/>.</summary>
    /// <param name="json">JSON text.</param>
    /// <returns>The document as a JSON DOM (the counters are plain numbers).</returns>
    public static JsonDocument Parse(string json) => JsonDocument.Parse(json);
}
