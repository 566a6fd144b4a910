using System.Text;

namespace RedPajama.Udfs.Tokenization;

/// <summary>
/// Encodes text with a HuggingFace <c>tokenizer.json</c> byte-level BPE model (GPT-2, GPT-NeoX-20B, Pythia) to the ids
/// the HuggingFace <c>tokenizers</c> library gives with <c>add_special_tokens=false</c>: added tokens cut out first
/// (unnormalised ones in the raw text, then the others in each normalised gap, leftmost-longest), the normaliser,
/// GPT-2's pre-tokenisation regex over code points, then BPE on each pre-token's UTF-8 bytes, lowest merge rank and
/// leftmost first. Thread-safe: one instance serves every thread; each thread keeps its own buffers and a bounded
/// cache of pre-token ids.
/// </summary>
public sealed class ByteLevelBpeTokenizer
{
    private static long s_nextInstance;

    private readonly long _instance = Interlocked.Increment(ref s_nextInstance);
    private readonly NormalizationForm? _normalization;
    private readonly bool _addPrefixSpace;
    private readonly AddedTokenMatcher _rawTokens;
    private readonly AddedTokenMatcher _normalizedTokens;
    private readonly ByteLevelBpeModel _model;
    private readonly int[] _byteIds = new int[256];
    private readonly string?[] _tokens;
    private readonly bool[] _added;

    private ByteLevelBpeTokenizer(TokenizerJson json, string name)
    {
        Name = name;
        _normalization = json.Normalization;
        _addPrefixSpace = json.AddPrefixSpace;
        _rawTokens = new AddedTokenMatcher(json.AddedTokens.Where(t => !t.Normalized));
        _normalizedTokens = new AddedTokenMatcher(json.AddedTokens.Where(t => t.Normalized));

        int size = 0;
        foreach (int id in json.Vocabulary.Values.Concat(json.AddedTokens.Select(t => t.Id)))
        {
            if (id < 0)
            {
                throw new FormatException($"negative token id {id}");
            }

            size = Math.Max(size, id + 1);
        }

        _tokens = new string?[size];
        _added = new bool[size];
        foreach ((string token, int id) in json.Vocabulary)
        {
            _tokens[id] = token;
        }

        foreach (AddedToken token in json.AddedTokens)
        {
            _tokens[token.Id] = token.Content;
            _added[token.Id] = true;
        }

        for (int b = 0; b < 256; b++)
        {
            // GPT-NeoX has no token for C0, C1 and F5..FF, bytes that UTF-8 never contains; the others must be there.
            bool neverInUtf8 = b is 0xC0 or 0xC1 or >= 0xF5;
            _byteIds[b] = json.Vocabulary.TryGetValue(ByteLevelAlphabet.ToChar((byte)b).ToString(), out int id)
                ? id
                : neverInUtf8 ? -1 : throw new FormatException($"the vocabulary has no token for byte 0x{b:X2}");
        }

        var merges = new List<(int, int, int)>(json.Merges.Count);
        foreach ((string left, string right) in json.Merges)
        {
            merges.Add((Lookup(json, left), Lookup(json, right), Lookup(json, left + right)));
        }

        _model = new ByteLevelBpeModel(_byteIds, merges);
        VocabularySize = size;
    }

    /// <summary>The path or name the model was loaded from.</summary>
    public string Name { get; }

    /// <summary>One more than the highest id of the vocabulary and the added tokens.</summary>
    public int VocabularySize { get; }

    /// <summary>Loads a <c>tokenizer.json</c>.</summary>
    /// <param name="tokenizerJsonPath">The file.</param>
    /// <returns>The tokenizer.</returns>
    /// <exception cref="TokenizerJsonException">The file cannot be read or is not a usable byte-level BPE tokenizer.</exception>
    public static ByteLevelBpeTokenizer Load(string tokenizerJsonPath)
    {
        ArgumentNullException.ThrowIfNull(tokenizerJsonPath);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(tokenizerJsonPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TokenizerJsonException(tokenizerJsonPath, e.Message, e);
        }

        return FromJson(bytes, tokenizerJsonPath);
    }

    /// <summary>Loads a tokenizer from the bytes of a <c>tokenizer.json</c>.</summary>
    /// <param name="json">The UTF-8 JSON.</param>
    /// <param name="name">A name for error messages (usually the file path).</param>
    /// <returns>The tokenizer.</returns>
    /// <exception cref="TokenizerJsonException">The JSON is not a usable byte-level BPE tokenizer.</exception>
    public static ByteLevelBpeTokenizer FromJson(ReadOnlySpan<byte> json, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        try
        {
            return new ByteLevelBpeTokenizer(TokenizerJson.Parse(json), name);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or OverflowException)
        {
            throw new TokenizerJsonException(name, e.Message, e);
        }
    }

    /// <summary>The ids of <paramref name="text"/>, as <c>tokenizer.encode(text, add_special_tokens=False).ids</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The ids.</returns>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<int> ids = ByteLevelScratch.Current.Ids;
        ids.Clear();
        Encode(text.AsSpan(), ids);
        return [.. ids];
    }

    /// <summary>Appends the ids of <paramref name="text"/> to <paramref name="ids"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="ids">Receives the ids.</param>
    public void Encode(ReadOnlySpan<char> text, List<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ByteLevelScratch scratch = ByteLevelScratch.Current;
        SegmentCache cache = scratch.CacheFor(_instance);
        while (!text.IsEmpty)
        {
            int start = _rawTokens.Find(text, out int length, out int id);
            EncodeGap(start < 0 ? text : text[..start], ids, scratch, cache);
            if (start < 0)
            {
                break;
            }

            ids.Add(id);
            text = text[(start + length)..];
        }
    }

    /// <summary>The number of ids <see cref="Encode(string)"/> gives for <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The count.</returns>
    public int CountTokens(ReadOnlySpan<char> text)
    {
        List<int> ids = ByteLevelScratch.Current.Ids;
        ids.Clear();
        Encode(text, ids);
        int count = ids.Count;
        if (ids.Capacity > 1 << 20)
        {
            // One huge document should not pin a huge buffer to the thread.
            ids.Clear();
            ids.Capacity = 1 << 16;
        }

        return count;
    }

    /// <summary>The text of <paramref name="ids"/> (the ByteLevel decoder): tokens' bytes joined, invalid UTF-8 as U+FFFD.</summary>
    /// <param name="ids">The ids.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An id is not in the vocabulary.</exception>
    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var bytes = new List<byte>();
        foreach (int id in ids)
        {
            string token = (uint)id < (uint)_tokens.Length && _tokens[id] is { } t ? t : throw new ArgumentOutOfRangeException(nameof(ids), id, "not a token id");
            if (_added[id])
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(token));
                continue;
            }

            foreach (char c in token)
            {
                int b = ByteLevelAlphabet.ToByte(c);
                if (b >= 0)
                {
                    bytes.Add((byte)b);
                }
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static int Lookup(TokenizerJson json, string token) =>
        json.Vocabulary.TryGetValue(token, out int id) ? id : throw new FormatException($"merge token \"{token}\" is not in the vocabulary");

    private void EncodeGap(ReadOnlySpan<char> gap, List<int> ids, ByteLevelScratch scratch, SegmentCache cache)
    {
        if (gap.IsEmpty)
        {
            return;
        }

        ReadOnlySpan<char> text = Normalize(gap);
        while (!text.IsEmpty)
        {
            int start = _normalizedTokens.Find(text, out int length, out int id);
            PreTokenize(start < 0 ? text : text[..start], ids, scratch, cache);
            if (start < 0)
            {
                break;
            }

            ids.Add(id);
            text = text[(start + length)..];
        }
    }

    private ReadOnlySpan<char> Normalize(ReadOnlySpan<char> text)
    {
        if (_normalization is not { } form)
        {
            return text;
        }

        // Below U+0300 no character composes or decomposes under NFC; ASCII is stable under every form.
        char stableBelow = form == NormalizationForm.FormC ? '\u0300' : '\u0080';
        if (text.IndexOfAnyInRange(stableBelow, '\uffff') < 0)
        {
            return text;
        }

        string value = text.ToString();
        return value.IsNormalized(form) ? value : value.Normalize(form);
    }

    private void PreTokenize(ReadOnlySpan<char> text, List<int> ids, ByteLevelScratch scratch, SegmentCache cache)
    {
        if (text.IsEmpty)
        {
            return;
        }

        if (_addPrefixSpace && text[0] != ' ')
        {
            text = string.Concat(" ", text);
        }

        while (!text.IsEmpty)
        {
            int length = ByteLevelPreTokenizer.Next(text);
            EncodeWord(text[..length], ids, scratch, cache);
            text = text[length..];
        }
    }

    private void EncodeWord(ReadOnlySpan<char> word, List<int> ids, ByteLevelScratch scratch, SegmentCache cache)
    {
        if (word.Length == 1 && word[0] < 0x80)
        {
            ids.Add(_byteIds[word[0]]);
            return;
        }

        Span<byte> buffer = scratch.Utf8Buffer(Encoding.UTF8.GetMaxByteCount(word.Length));
        ReadOnlySpan<byte> utf8 = buffer[..Encoding.UTF8.GetBytes(word, buffer)];
        if (utf8.Length > SegmentCache.MaxSegmentLength)
        {
            _model.Encode(utf8, ids, scratch);
            return;
        }

        ulong hash = SegmentCache.Hash(utf8);
        if (cache.TryGet(utf8, hash, out ReadOnlySpan<int> cached))
        {
            foreach (int id in cached)
            {
                ids.Add(id);
            }

            return;
        }

        List<int> wordIds = scratch.WordIds;
        wordIds.Clear();
        _model.Encode(utf8, wordIds, scratch);
        cache.Add(utf8, hash, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(wordIds));
        ids.AddRange(wordIds);
    }
}
