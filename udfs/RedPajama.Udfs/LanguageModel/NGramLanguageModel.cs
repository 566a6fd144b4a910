using System.Globalization;
using System.Text;
using RedPajama.Udfs.LanguageModel.KenLm;

namespace RedPajama.Udfs.LanguageModel;

/// <summary>
/// A back-off n-gram language model read from an ARPA file, scored exactly as KenLM scores (<c>FullScore</c>): the
/// log10 probability of the longest n-gram of the history and the word that the model has, plus the backoff weights
/// of the longer contexts it had to skip; unknown words are <c>&lt;unk&gt;</c> (id 0; -100 when the file has no
/// <c>&lt;unk&gt;</c>, as KenLM); sentences start with <c>&lt;s&gt;</c> and end with <c>&lt;/s&gt;</c>. Sums are
/// in float, as KenLM's Python <c>score</c> keeps them. <see cref="Load"/> also memory-maps KenLM's own binary files
/// (<c>build_binary</c>'s probing and trie structures, quantised or array-compressed: CCNet's <c>{lang}.arpa.bin</c>)
/// and scores them in place; <see cref="SaveBinary"/> writes KenLM's probing format. Processes on one machine then
/// share one copy of a large model. Thread-safe.
/// </summary>
public sealed class NGramLanguageModel : IDisposable
{
    // This project's former binary form: refused by name, the ARPA file has to be binarized again.
    private static readonly byte[] s_formerBinaryMagic = "RPNGRAM1"u8.ToArray();

    /// <summary>The begin-of-sentence token.</summary>
    public const string BeginOfSentence = "<s>";

    /// <summary>The end-of-sentence token.</summary>
    public const string EndOfSentence = "</s>";

    /// <summary>The unknown-word token.</summary>
    public const string Unknown = "<unk>";

    /// <summary>The log10 probability KenLM gives <c>&lt;unk&gt;</c> when the ARPA file lacks it.</summary>
    public const float MissingUnknownLogProbability = -100f;

    private readonly Dictionary<string, int> _vocabulary;
    private readonly INGramTable[] _orders;
    private readonly int _begin;
    private readonly int _end;
    private readonly KenLmBinaryModel? _kenLm;

    private NGramLanguageModel(Dictionary<string, int> vocabulary, INGramTable[] orders, string name)
    {
        _vocabulary = vocabulary;
        _orders = orders;
        Name = name;
        _begin = vocabulary[BeginOfSentence];
        _end = vocabulary[EndOfSentence];
        Format = "ARPA";
    }

    private NGramLanguageModel(KenLmBinaryModel kenLm, string name)
    {
        _kenLm = kenLm;
        _vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        _orders = [];
        Name = name;
        Format = kenLm.Header.ModelType switch
        {
            KenLmModelType.Probing => "KenLM probing",
            KenLmModelType.RestProbing => "KenLM probing with rest costs",
            KenLmModelType.Trie => "KenLM trie",
            KenLmModelType.QuantTrie => "KenLM trie, quantised",
            KenLmModelType.ArrayTrie => "KenLM trie, array-compressed pointers",
            _ => "KenLM trie, quantised, array-compressed pointers",
        };
    }

    /// <summary>The model's file.</summary>
    public string Name { get; }

    /// <summary>What the model was read from: <c>ARPA</c>, <c>KenLM probing</c>, <c>KenLM trie</c> ….</summary>
    public string Format { get; private init; }

    /// <summary>The longest n-gram.</summary>
    public int Order => _kenLm?.Header.Order ?? _orders.Length;

    /// <summary>Words in the vocabulary, <c>&lt;unk&gt;</c> included.</summary>
    public int VocabularySize => _kenLm?.VocabularySize ?? _vocabulary.Count;

    /// <summary>Number of n-grams of each order (index 0: unigrams), as the file counts them.</summary>
    public IReadOnlyList<long> Counts => _kenLm is null ? [.. _orders.Select(o => (long)o.Count)] : _kenLm.Header.Counts;

    /// <summary>Whether the model is read from a memory-mapped binary file.</summary>
    public bool IsMapped => _kenLm is not null;

    /// <summary>
    /// Reads an ARPA file, or memory-maps a KenLM binary one (<c>build_binary</c>'s or <see cref="SaveBinary"/>'s,
    /// recognised by KenLM's magic text).
    /// </summary>
    /// <param name="path">The file.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArpaFormatException">The file is missing, malformed or inconsistent (with the line).</exception>
    public static NGramLanguageModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            if (IsKenLmBinary(path))
            {
                return MapKenLm(path);
            }

            if (IsFormerBinary(path))
            {
                throw new ArpaFormatException(path, 0, "this project's former binary form (RPNGRAM1), no longer read: run 'redpajama lm binarize' on the ARPA file again (it now writes KenLM's probing format)");
            }

            using var reader = new StreamReader(path);
            return ReadArpa(reader, path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ArpaFormatException(path, 0, exception.Message);
        }
    }

    /// <summary>Reads ARPA text.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="name">A name for messages.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArpaFormatException">The text is malformed or inconsistent.</exception>
    public static NGramLanguageModel ReadArpa(TextReader reader, string name = "model")
    {
        ArgumentNullException.ThrowIfNull(reader);

        // As KenLM's lm/read_arpa: lines end at LF only (a CR before it is dropped), blank means C-locale whitespace,
        // and words are separated by space, tab or CR only, so U+00A0 or a form feed stays part of a word.
        var lines = new KenLmLineReader(reader);
        string? line;
        while ((line = lines.Next()) is not null && (KenLmText.IsBlank(line) || line.StartsWith('#')))
        {
        }

        if (line != "\\data\\")
        {
            throw new ArpaFormatException(name, lines.Number + (line is null ? 1 : 0), line is null ? "no \\data\\ section" : $"first non-empty line was '{line}' not \\data\\");
        }

        var counts = new List<int>();
        while ((line = lines.Next()) is not null && !KenLmText.IsBlank(line))
        {
            if (!line.StartsWith("ngram ", StringComparison.Ordinal)
                || line[6..].Split('=') is not [string orderText, string countText]
                || !int.TryParse(orderText, NumberStyles.None, CultureInfo.InvariantCulture, out int order)
                || !int.TryParse(countText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int count)
                || order != counts.Count + 1)
            {
                throw new ArpaFormatException(name, lines.Number, $"expected 'ngram {counts.Count + 1}=<count>', found '{line}'");
            }

            counts.Add(count);
        }

        if (counts.Count == 0)
        {
            throw new ArpaFormatException(name, lines.Number, "the \\data\\ section lists no n-gram counts");
        }

        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal) { [Unknown] = 0 };
        var orders = new NGramEntries[counts.Count];
        Span<int> ids = stackalloc int[counts.Count];
        var words = new List<string>(counts.Count);
        for (int order = 1; order <= counts.Count; order++)
        {
            string header = $"\\{order}-grams:";
            while ((line = lines.Next()) is not null && KenLmText.IsBlank(line))
            {
            }

            if (line != header)
            {
                throw new ArpaFormatException(name, lines.Number + (line is null ? 1 : 0), $"expected '{header}', found '{line ?? "end of file"}'");
            }

            var entries = new NGramEntries(order, counts[order - 1] + (order == 1 ? 1 : 0));
            int read = 0;
            while ((line = lines.Next()) is not null && !KenLmText.IsBlank(line))
            {
                if (line.StartsWith('\\'))
                {
                    throw new ArpaFormatException(name, lines.Number, $"the {order}-grams section ends after {read} entries; its header says {counts[order - 1]}");
                }

                (float probability, float backoff) = ParseEntry(line, order, words, name, lines.Number, order == counts.Count);
                for (int i = 0; i < order; i++)
                {
                    string word = words[i];
                    if (!vocabulary.TryGetValue(word, out int id))
                    {
                        if (order > 1)
                        {
                            throw new ArpaFormatException(name, lines.Number, $"'{word}' is not a unigram");
                        }

                        id = vocabulary.Count;
                        vocabulary.Add(word, id);
                    }

                    ids[i] = id;
                }

                if (read == counts[order - 1] || !entries.Add(ids[..order], probability, backoff))
                {
                    throw new ArpaFormatException(name, lines.Number, read == counts[order - 1]
                        ? $"more {order}-grams than the {counts[order - 1]} the header announces"
                        : $"the {order}-gram '{string.Join(' ', words)}' appears twice");
                }

                read++;
            }

            if (read != counts[order - 1])
            {
                throw new ArpaFormatException(name, lines.Number, $"the {order}-grams section has {read} entries; its header says {counts[order - 1]}");
            }

            orders[order - 1] = entries;
        }

        while ((line = lines.Next()) is not null && KenLmText.IsBlank(line))
        {
        }

        if (line != "\\end\\")
        {
            throw new ArpaFormatException(name, lines.Number + (line is null ? 1 : 0), $"expected '\\end\\', found '{line ?? "end of file"}'");
        }

        while ((line = lines.Next()) is not null)
        {
            if (!KenLmText.IsBlank(line))
            {
                throw new ArpaFormatException(name, lines.Number, $"a line after \\end\\: '{line}'");
            }
        }

        if (orders[0].Find([0]) < 0)
        {
            // KenLM's default for a model trained without <unk>.
            orders[0].Add([0], MissingUnknownLogProbability, 0f);
        }

        foreach (string required in (string[])[BeginOfSentence, EndOfSentence])
        {
            if (!vocabulary.ContainsKey(required))
            {
                throw new ArpaFormatException(name, 0, $"the vocabulary has no {required}");
            }
        }

        var model = new NGramLanguageModel(vocabulary, orders, name);
        model.FillBlanks();
        return model;
    }

    /// <summary>
    /// Writes the model in KenLM's probing binary format (<c>build_binary probing</c>'s, multiplier 1.5), which
    /// <see cref="Load"/> memory-maps and KenLM's own tools read.
    /// </summary>
    /// <param name="path">The file to create.</param>
    /// <exception cref="InvalidOperationException">The model is itself a binary model, or of order 1.</exception>
    public void SaveBinary(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (IsMapped)
        {
            throw new InvalidOperationException($"{Name} is already a binary model ({Format})");
        }

        string[] words = new string[_vocabulary.Count];
        foreach ((string word, int id) in _vocabulary)
        {
            words[id] = word;
        }

        KenLmProbingWriter.Write(path, words, _orders);
    }

    /// <summary>Releases the mapping of a binary model.</summary>
    public void Dispose() => _kenLm?.Dispose();

    private static bool IsKenLmBinary(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read);
        Span<byte> head = stackalloc byte[KenLmBinaryHeader.MagicPrefix.Length];
        int read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);

        // A file cut inside the magic text is a truncated KenLM file, not ARPA text.
        return read >= 8 && KenLmBinaryHeader.MagicPrefix.StartsWith(head[..read]);
    }

    private static NGramLanguageModel MapKenLm(string path)
    {
        try
        {
            return new NGramLanguageModel(KenLmBinaryModel.Open(path), path);
        }
        catch (InvalidDataException exception)
        {
            throw new ArpaFormatException(path, 0, $"not a usable KenLM binary model: {exception.Message}");
        }
    }

    private static bool IsFormerBinary(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read);
        Span<byte> head = stackalloc byte[8];
        return file.ReadAtLeast(head, 8, throwOnEndOfStream: false) == 8 && head.SequenceEqual(s_formerBinaryMagic);
    }

    /// <summary>
    /// Adds the "blanks" KenLM adds: it finds an n-gram through all its suffixes (w2..wn, w3..wn, …), so a suffix
    /// missing from the file is added with the probability backing off gives it and no backoff. It scores the same,
    /// and reports its own length as KenLM does.
    /// </summary>
    private void FillBlanks()
    {
        for (int order = Order - 1; order >= 2; order--)
        {
            INGramTable longer = _orders[order];
            var shorter = (NGramEntries)_orders[order - 1];
            for (int entry = 0; entry < longer.Count; entry++)
            {
                ReadOnlySpan<int> suffix = longer.Words(entry)[1..];
                if (shorter.Find(suffix) < 0)
                {
                    float probability = Score(suffix[..^1], suffix[^1]).LogProbability;
                    shorter.Add(suffix, probability, 0f);
                }
            }
        }
    }

    /// <summary>The id of a word, 0 (<c>&lt;unk&gt;</c>) when unknown.</summary>
    /// <param name="word">A word.</param>
    /// <returns>The id.</returns>
    public int IdOf(string word) => _kenLm is not null ? (int)_kenLm.IdOf(word) : _vocabulary.TryGetValue(word, out int id) ? id : 0;

    /// <summary>
    /// KenLM's <c>FullScore</c>: log10 p(<paramref name="word"/> | <paramref name="history"/>) with the length of the
    /// n-gram found.
    /// </summary>
    /// <param name="history">Earlier word ids, oldest first (only the last <c>Order - 1</c> count).</param>
    /// <param name="word">The word's id.</param>
    /// <returns>The log10 probability and the n-gram length used.</returns>
    public (float LogProbability, int NGramLength) Score(ReadOnlySpan<int> history, int word)
    {
        if (_kenLm is not null)
        {
            return _kenLm.Score(history, word);
        }

        int context = Math.Min(history.Length, Order - 1);
        Span<int> ngram = stackalloc int[context + 1];
        history[^context..].CopyTo(ngram);
        ngram[context] = word;
        int matched = 0;
        float probability = 0f;
        for (int length = context; length >= 0; length--)
        {
            int entry = _orders[length].Find(ngram[(context - length)..]);
            if (entry >= 0)
            {
                matched = length;
                probability = _orders[length].Probability(entry);
                break;
            }
        }

        // The contexts longer than the one used pay their backoff weights (0 when they are not in the model).
        for (int length = matched + 1; length <= context; length++)
        {
            int entry = _orders[length - 1].Find(ngram[(context - length)..context]);
            if (entry >= 0)
            {
                probability += _orders[length - 1].Backoff(entry);
            }
        }

        return (probability, matched + 1);
    }

    /// <summary>
    /// Scores a sentence as KenLM's Python <c>Model.score(sentence, bos, eos)</c> does (the call cc_net makes): the
    /// sentence ends at a NUL and its words are split on ASCII whitespace only (<see cref="KenLmText.ScoringWords"/>),
    /// so a no-break space or U+2009 is part of a word, as for KenLM.
    /// </summary>
    /// <param name="sentence">Words separated by ASCII whitespace.</param>
    /// <param name="bos">Start from <c>&lt;s&gt;</c>.</param>
    /// <param name="eos">Score <c>&lt;/s&gt;</c> at the end.</param>
    /// <returns>The log10 probability (float sum), the words scored and how many were unknown.</returns>
    public SentenceScore ScoreSentence(string sentence, bool bos = true, bool eos = true)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        if (_kenLm is not null)
        {
            return _kenLm.ScoreSentence(sentence, bos, eos);
        }

        List<string> words = KenLmText.ScoringWords(sentence);
        var history = new List<int>(words.Count + 2);
        if (bos)
        {
            history.Add(_begin);
        }

        float total = 0f;
        int unknown = 0;
        foreach (string word in words)
        {
            int id = IdOf(word);
            unknown += id == 0 ? 1 : 0;
            total += Score(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(history), id).LogProbability;
            history.Add(id);
        }

        if (eos)
        {
            total += Score(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(history), _end).LogProbability;
        }

        return new SentenceScore(total, words.Count, unknown);
    }

    /// <summary>
    /// <see cref="ScoreSentence"/> of a sentence given as UTF-8 bytes (the bytes KenLM hashes): a KenLM binary model
    /// scores them without decoding. Ends at a NUL, as the Python binding's C string does.
    /// </summary>
    /// <param name="sentence">UTF-8 words separated by ASCII whitespace.</param>
    /// <param name="bos">Start from <c>&lt;s&gt;</c>.</param>
    /// <param name="eos">Score <c>&lt;/s&gt;</c> at the end.</param>
    /// <returns>The log10 probability (float sum), the words scored and how many were unknown.</returns>
    public SentenceScore ScoreSentenceUtf8(ReadOnlySpan<byte> sentence, bool bos = true, bool eos = true)
    {
        int nul = sentence.IndexOf((byte)0);
        ReadOnlySpan<byte> text = nul < 0 ? sentence : sentence[..nul];
        return _kenLm is not null ? _kenLm.ScoreUtf8(text, bos, eos) : ScoreSentence(Encoding.UTF8.GetString(text), bos, eos);
    }

    /// <summary>
    /// One n-gram line as KenLM's <c>ReadNGram</c> reads it: the probability (after optional whitespace), for unigrams a
    /// tab, the words separated by runs of space, tab or CR, then the end of the line or a tab and the backoff.
    /// A positive probability is refused (KenLM's default), and so is a non-zero backoff on the highest order.
    /// </summary>
    private static (float Probability, float Backoff) ParseEntry(string line, int order, List<string> words, string name, long number, bool highest)
    {
        int position = 0;
        while (position < line.Length && KenLmText.IsScoringSeparator(line[position]))
        {
            position++;
        }

        int start = position;
        while (position < line.Length && !KenLmText.IsScoringSeparator(line[position]))
        {
            position++;
        }

        float probability = ParseFloat(line[start..position], name, number);
        if (probability > 0f)
        {
            throw new ArpaFormatException(name, number, $"positive log probability {probability.ToString(CultureInfo.InvariantCulture)} (KenLM refuses it by default)");
        }

        if (order == 1 && (position == line.Length || line[position] != '\t'))
        {
            throw new ArpaFormatException(name, number, "expected a tab after the probability");
        }

        words.Clear();
        for (int i = 0; i < order; i++)
        {
            while (position < line.Length && KenLmText.IsArpaSeparator(line[position]))
            {
                position++;
            }

            start = position;
            while (position < line.Length && !KenLmText.IsArpaSeparator(line[position]))
            {
                position++;
            }

            if (start == position)
            {
                throw new ArpaFormatException(name, number, $"a {order}-gram line needs a probability and {order} words; found {i} words");
            }

            words.Add(line[start..position]);
        }

        if (position == line.Length)
        {
            return (probability, 0f);
        }

        if (line[position] != '\t')
        {
            throw new ArpaFormatException(name, number, "expected a tab or the end of the line after the words");
        }

        string text = line[(position + 1)..].TrimStart(' ', '\t', '\v', '\f', '\r');
        float backoff = ParseFloat(text, name, number);
        if (highest && backoff != 0f)
        {
            throw new ArpaFormatException(name, number, $"non-zero backoff {text} on a {order}-gram, the highest order");
        }

        return (probability, backoff);
    }

    private static float ParseFloat(string text, string name, long line)
    {
        if (text is "-inf" or "-Infinity")
        {
            return float.NegativeInfinity;
        }

        return float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value)
            ? value
            : throw new ArpaFormatException(name, line, $"'{text}' is not a number");
    }
}
