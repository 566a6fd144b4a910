using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using RedPajama.Reading;

namespace RedPajama.Cli;

/// <summary>
/// The <c>_stats.json</c> of <c>redpajama dedup</c>: every line read is written or dropped for a reason
/// (<c>read = written + Σ dropped</c>), and the inputs that failed are listed as <c>run</c> lists them.
/// </summary>
public sealed class DedupStatistics
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Non-blank lines read.</summary>
    public long Read { get; set; }

    /// <summary>Lines written.</summary>
    public long Written { get; set; }

    /// <summary>Lines dropped, by reason (<c>duplicate</c>, <c>malformed</c>, <c>too_large</c>, <c>no_line_left</c>).</summary>
    public Dictionary<string, long> Dropped { get; } = [];

    /// <summary>Exact and near dedup: documents found to duplicate an earlier one (dropped or, with <c>--mark</c>, marked).</summary>
    public long? DuplicatesFound { get; set; }

    /// <summary>Exact and near dedup: the method and its parameters.</summary>
    public string? Method { get; set; }

    /// <summary>Line dedup: lines in the documents read.</summary>
    public long? LinesBefore { get; set; }

    /// <summary>Line dedup: lines in the documents written.</summary>
    public long? LinesAfter { get; set; }

    /// <summary>Inputs that were missing, or failed part way (their complete lines before the failure were used).</summary>
    public List<InputError> InputErrors { get; } = [];

    /// <summary>True when <c>read = written + Σ dropped</c>.</summary>
    [JsonIgnore]
    public bool IsBalanced => Read == Written + Dropped.Values.Sum();

    /// <summary>Adds one dropped line.</summary>
    /// <param name="reason">Why.</param>
    /// <param name="count">How many.</param>
    public void Drop(string reason, long count = 1) => Dropped[reason] = Dropped.GetValueOrDefault(reason) + count;

    /// <summary>The statistics as indented JSON with snake_case keys.</summary>
    /// <returns>JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, s_json) + "\n";
}
