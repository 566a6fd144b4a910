using System.Text;
using System.Text.Json;

namespace RedPajama.Udfs.Tokenization;

/// <summary>
/// What <see cref="ByteLevelBpeTokenizer"/> needs from a HuggingFace <c>tokenizer.json</c>, read and checked: the
/// normaliser form, the ByteLevel pre-tokenizer's options, the BPE vocabulary and merges, the added tokens. Anything
/// that would change the ids and is not implemented (dropout, subword prefixes, other pre-tokenizers, added-token
/// stripping) is refused rather than ignored.
/// </summary>
internal sealed class TokenizerJson
{
    public NormalizationForm? Normalization { get; private init; }

    public bool AddPrefixSpace { get; private init; }

    public required Dictionary<string, int> Vocabulary { get; init; }

    public required List<(string Left, string Right)> Merges { get; init; }

    public required List<AddedToken> AddedTokens { get; init; }

    /// <exception cref="FormatException">Malformed or unsupported.</exception>
    public static TokenizerJson Parse(ReadOnlySpan<byte> json)
    {
        using JsonDocument document = ParseDocument(json);
        JsonElement root = document.RootElement;
        JsonElement model = Required(root, "model");
        string type = model.TryGetProperty("type", out JsonElement t) ? t.GetString() ?? "" : "BPE";
        if (type != "BPE")
        {
            throw new FormatException($"model type {type} is not supported; only BPE is");
        }

        RefuseUnless(model, "dropout", v => v.ValueKind == JsonValueKind.Null);
        RefuseUnless(model, "continuing_subword_prefix", v => v.ValueKind == JsonValueKind.Null || v.GetString() == "");
        RefuseUnless(model, "end_of_word_suffix", v => v.ValueKind == JsonValueKind.Null || v.GetString() == "");
        RefuseUnless(model, "byte_fallback", v => v.ValueKind == JsonValueKind.False);
        RefuseUnless(model, "ignore_merges", v => v.ValueKind == JsonValueKind.False);

        var vocabulary = new Dictionary<string, int>();
        foreach (JsonProperty entry in Required(model, "vocab").EnumerateObject())
        {
            vocabulary[entry.Name] = entry.Value.GetInt32();
        }

        var merges = new List<(string, string)>();
        foreach (JsonElement merge in Required(model, "merges").EnumerateArray())
        {
            merges.Add(ReadMerge(merge));
        }

        var added = new List<AddedToken>();
        if (root.TryGetProperty("added_tokens", out JsonElement addedTokens) && addedTokens.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement token in addedTokens.EnumerateArray())
            {
                added.Add(ReadAddedToken(token));
            }
        }

        return new TokenizerJson
        {
            Normalization = ReadNormalizer(root),
            AddPrefixSpace = ReadPreTokenizer(root),
            Vocabulary = vocabulary,
            Merges = merges,
            AddedTokens = added,
        };
    }

    private static JsonDocument ParseDocument(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException e)
        {
            throw new FormatException($"invalid JSON: {e.Message}", e);
        }
    }

    private static (string, string) ReadMerge(JsonElement merge)
    {
        // Older files write "left right", newer ones ["left", "right"].
        if (merge.ValueKind == JsonValueKind.String)
        {
            string text = merge.GetString()!;
            int space = text.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0 || space != text.LastIndexOf(' ') || space == text.Length - 1)
            {
                throw new FormatException($"merge \"{text}\" is not two tokens separated by one space");
            }

            return (text[..space], text[(space + 1)..]);
        }

        if (merge.ValueKind == JsonValueKind.Array && merge.GetArrayLength() == 2)
        {
            return (merge[0].GetString() ?? "", merge[1].GetString() ?? "");
        }

        throw new FormatException($"merge {merge.GetRawText()} is neither \"a b\" nor [a, b]");
    }

    private static AddedToken ReadAddedToken(JsonElement token)
    {
        foreach (string flag in (string[])["single_word", "lstrip", "rstrip"])
        {
            if (token.TryGetProperty(flag, out JsonElement value) && value.ValueKind == JsonValueKind.True)
            {
                throw new FormatException($"added token {token.GetRawText()}: {flag} is not supported");
            }
        }

        bool special = token.TryGetProperty("special", out JsonElement s) && s.ValueKind == JsonValueKind.True;

        // When the flag is absent: special tokens are matched in the raw text, others in the normalised text (AddedToken::from).
        bool normalized = token.TryGetProperty("normalized", out JsonElement n) ? n.ValueKind == JsonValueKind.True : !special;
        return new AddedToken(Required(token, "id").GetInt32(), Required(token, "content").GetString() ?? "", special, normalized);
    }

    private static NormalizationForm? ReadNormalizer(JsonElement root)
    {
        if (!root.TryGetProperty("normalizer", out JsonElement normalizer) || normalizer.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        string type = Required(normalizer, "type").GetString() ?? "";
        return type switch
        {
            "NFC" => NormalizationForm.FormC,
            "NFD" => NormalizationForm.FormD,
            "NFKC" => NormalizationForm.FormKC,
            "NFKD" => NormalizationForm.FormKD,
            _ => throw new FormatException($"normalizer {type} is not supported; only none, NFC, NFD, NFKC and NFKD are"),
        };
    }

    private static bool ReadPreTokenizer(JsonElement root)
    {
        JsonElement pre = Required(root, "pre_tokenizer");
        string type = pre.ValueKind == JsonValueKind.Object ? Required(pre, "type").GetString() ?? "" : "null";
        if (type != "ByteLevel")
        {
            throw new FormatException($"pre_tokenizer {type} is not supported; only ByteLevel is");
        }

        RefuseUnless(pre, "use_regex", v => v.ValueKind == JsonValueKind.True);
        return pre.TryGetProperty("add_prefix_space", out JsonElement prefix) && prefix.ValueKind == JsonValueKind.True;
    }

    private static void RefuseUnless(JsonElement element, string name, Func<JsonElement, bool> acceptable)
    {
        if (element.TryGetProperty(name, out JsonElement value) && !acceptable(value))
        {
            throw new FormatException($"{name} = {value.GetRawText()} is not supported");
        }
    }

    private static JsonElement Required(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value)
            ? value
            : throw new FormatException($"\"{name}\" is missing");
}
