using System.Globalization;
using System.Text;
using System.Text.Json;
using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Udfs.Hashing;

namespace RedPajama.Engine.Rows;

/// <summary>
/// A <see cref="GroupedStep"/> in row form, for engines that group by a shuffle (Spark): a document's entries as text,
/// a group's members and its verdicts as JSON, and a document's edits as text. The relational steps between them
/// (explode, group by key, join back) are the engine's; what runs the step's code is here, so every engine decides
/// the same way.
/// </summary>
public static class GroupRows
{
    /// <summary>Verdict kind: drop the member's document.</summary>
    public const string Drop = "drop";

    /// <summary>Verdict kind: an edit for the member's document.</summary>
    public const string Edit = "edit";

    /// <summary>Verdict kind: link the member's document with another member's.</summary>
    public const string Link = "link";

    /// <summary>
    /// The Spark schema (DDL) of one verdict as <see cref="Decide"/> returns it: kind, the member's path, order key
    /// (input, record) and entry, the edit's value in base64, the linked member's path and order key.
    /// </summary>
    public const string VerdictSchema = "kind STRING, path STRING, input BIGINT, record BIGINT, entry INT, value STRING, path_b STRING, input_b BIGINT, record_b BIGINT";

    /// <summary>
    /// A document's entries for a grouped step, in entry order, separated by spaces: each the key as 32 hex digits,
    /// then <c>:</c> and the payload in base64 when it has one; null when it gives none. An engine splits on spaces (the
    /// position is the entry index) and on <c>:</c>.
    /// </summary>
    /// <param name="step">The grouped step.</param>
    /// <param name="document">A kept document.</param>
    /// <returns>The text, or null.</returns>
    public static string? EntriesText(GroupedStep step, Document document)
    {
        ArgumentNullException.ThrowIfNull(step);
        var keys = new GroupKeys();
        step.EmitKeys(document, keys);
        if (keys.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder(keys.Count * 33);
        for (int e = 0; e < keys.Count; e++)
        {
            text.Append(e == 0 ? string.Empty : " ").Append(ContentHash.ToHex(keys.Key(e)));
            if (keys.Payload(e) is { Length: > 0 } payload)
            {
                text.Append(':').Append(Convert.ToBase64String(payload));
            }
        }

        return text.ToString();
    }

    /// <summary>One member as JSON, as an engine builds it from an exploded entry (Spark: <c>to_json(struct(…))</c>).</summary>
    /// <param name="path">The document's input path.</param>
    /// <param name="input">The document's input index (files in path order).</param>
    /// <param name="record">The document's record.</param>
    /// <param name="entry">The entry index.</param>
    /// <param name="payload">The payload in base64, or null.</param>
    /// <returns>The JSON text.</returns>
    public static string MemberJson(string path, long input, long record, int entry, string? payload) =>
        JsonSerializer.Serialize(new Dictionary<string, object?> { ["path"] = path, ["input"] = input, ["record"] = record, ["entry"] = entry, ["payload"] = payload });

    /// <summary>
    /// Decides one group: sorts the members by the local engine's order key (input index, record), then entry, and
    /// calls <see cref="GroupedStep.Decide"/>; members see the same <see cref="OrderKey"/>s as in the local engine.
    /// </summary>
    /// <param name="step">The grouped step.</param>
    /// <param name="members">The members as <see cref="MemberJson"/> writes them (or Spark's <c>to_json</c>), any order.</param>
    /// <returns>The verdicts, one JSON object each (<see cref="VerdictSchema"/>).</returns>
    public static string[] Decide(GroupedStep step, IReadOnlyList<string> members)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(members);
        var parsed = new List<(int Input, string PathText, long Record, int Entry, byte[] Payload)>(members.Count);
        foreach (string member in members)
        {
            using JsonDocument json = JsonDocument.Parse(member);
            JsonElement root = json.RootElement;
            string path = root.GetProperty("path").GetString() ?? string.Empty;
            byte[] payload = root.TryGetProperty("payload", out JsonElement p) && p.ValueKind == JsonValueKind.String ? Convert.FromBase64String(p.GetString()!) : [];
            parsed.Add((root.GetProperty("input").GetInt32(), path, root.GetProperty("record").GetInt64(), root.GetProperty("entry").GetInt32(), payload));
        }

        parsed.Sort(static (a, b) =>
        {
            int byOrder = new OrderKey(a.Input, a.Record).CompareTo(new OrderKey(b.Input, b.Record));
            return byOrder != 0 ? byOrder : a.Entry.CompareTo(b.Entry);
        });
        var groupMembers = new GroupMember[parsed.Count];
        for (int i = 0; i < parsed.Count; i++)
        {
            groupMembers[i] = new GroupMember(new OrderKey(parsed[i].Input, parsed[i].Record), parsed[i].Entry, parsed[i].Payload);
        }

        var verdicts = new GroupVerdicts();
        step.Decide(groupMembers, verdicts);
        var answers = new List<string>(verdicts.Drops.Count + verdicts.EditCount + verdicts.Links.Count);
        answers.AddRange(verdicts.Drops.Select(m => Verdict(Drop, parsed[m].PathText, parsed[m].Input, parsed[m].Record, parsed[m].Entry)));
        for (int e = 0; e < verdicts.EditCount; e++)
        {
            int m = verdicts.EditMember(e);
            answers.Add(Verdict(Edit, parsed[m].PathText, parsed[m].Input, parsed[m].Record, parsed[m].Entry, Convert.ToBase64String(verdicts.EditValue(e))));
        }

        answers.AddRange(verdicts.Links.Select(l => Verdict(Link, parsed[l.A].PathText, parsed[l.A].Input, parsed[l.A].Record, parsed[l.A].Entry,
            pathB: parsed[l.B].PathText, inputB: parsed[l.B].Input, recordB: parsed[l.B].Record)));
        return [.. answers];
    }

    /// <summary>One edit of a document as text, as an engine collects them per document: <c>entry:value-in-base64</c>.</summary>
    /// <param name="entry">The entry index.</param>
    /// <param name="value">The value in base64 (a verdict's <c>value</c>).</param>
    /// <returns>The text.</returns>
    public static string EditText(int entry, string? value) => string.Create(CultureInfo.InvariantCulture, $"{entry}:{value}");

    /// <summary>A document's edits from their text (<see cref="EditText"/>), sorted by entry.</summary>
    /// <param name="edits">The texts, any order; null for none.</param>
    /// <returns>The edits.</returns>
    public static IReadOnlyList<GroupEdit> ParseEdits(IEnumerable<string>? edits) =>
        edits is null ? [] : [.. edits.Select(text =>
        {
            int colon = text.IndexOf(':', StringComparison.Ordinal);
            return new GroupEdit(int.Parse(text.AsSpan(0, colon), CultureInfo.InvariantCulture), Convert.FromBase64String(text[(colon + 1)..]));
        }).OrderBy(e => e.Entry)];

    private static string Verdict(string kind, string path, long input, long record, int entry, string? value = null, string? pathB = null, long? inputB = null, long? recordB = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["kind"] = kind,
            ["path"] = path,
            ["input"] = input,
            ["record"] = record,
            ["entry"] = entry,
            ["value"] = value,
            ["path_b"] = pathB,
            ["input_b"] = inputB,
            ["record_b"] = recordB,
        });
}
