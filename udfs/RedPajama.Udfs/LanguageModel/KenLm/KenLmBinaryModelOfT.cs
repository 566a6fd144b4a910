using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;

namespace RedPajama.Udfs.LanguageModel.KenLm;

/// <summary>
/// The scoring loop of KenLM's <c>GenericModel</c> (<c>lm/model.cc</c> <c>FullScore</c>) over one data structure,
/// compiled once per structure. The state after a word is the words that may still extend to the right (newest first)
/// with their backoffs; a word's score is the probability of the longest n-gram found by extending it leftwards
/// through the state, plus the backoffs of the state's contexts longer than the n-gram's. Additions happen in KenLM's
/// order, in float, so totals are KenLM's to the bit.
/// </summary>
/// <typeparam name="TSearch">The data structure.</typeparam>
internal sealed class KenLmBinaryModel<TSearch> : KenLmBinaryModel
    where TSearch : struct, IKenLmSearch
{
    private readonly TSearch _search;
    private readonly int _order;
    private readonly uint _bound;
    private readonly uint _begin;
    private readonly uint _end;
    private readonly float _beginBackoff;

    public KenLmBinaryModel(KenLmBinaryHeader header, MemoryMappedFile mapping, MemoryMappedViewAccessor view, TSearch search, uint bound)
        : base(header, mapping, view)
    {
        _search = search;
        _order = header.Order;
        _bound = bound;
        _begin = search.Index(MurmurHash64A.Hash("<s>"u8));
        _end = search.Index(MurmurHash64A.Hash("</s>"u8));
        search.Unigram(_begin, out _beginBackoff, out _, out _);
    }

    public override int VocabularySize => (int)_bound;

    public override uint IdOf(ReadOnlySpan<byte> word) => _search.Index(MurmurHash64A.Hash(word));

    public override unsafe SentenceScore ScoreUtf8(ReadOnlySpan<byte> sentence, bool bos, bool eos)
    {
        // Two states (words newest first, their backoffs), swapped after each word.
        uint* inWords = stackalloc uint[KenLmState.MaxOrder];
        uint* outWords = stackalloc uint[KenLmState.MaxOrder];
        float* inBackoffs = stackalloc float[KenLmState.MaxOrder];
        float* outBackoffs = stackalloc float[KenLmState.MaxOrder];
        int length = 0;
        if (bos)
        {
            inWords[0] = _begin;
            inBackoffs[0] = _beginBackoff;
            length = 1;
        }

        float total = 0f;
        int count = 0, unknown = 0;
        fixed (byte* text = sentence)
        {
            int position = 0, end = sentence.Length;
            while (true)
            {
                // Words are runs of bytes other than C-locale whitespace (KenLM's util::kSpaces).
                while (position < end && IsSpace(text[position]))
                {
                    position++;
                }

                if (position == end)
                {
                    break;
                }

                int start = position;
                while (position < end && !IsSpace(text[position]))
                {
                    position++;
                }

                uint word = _search.Index(MurmurHash64A.Hash(new ReadOnlySpan<byte>(text + start, position - start)));
                count++;
                unknown += word == 0 ? 1 : 0;
                _search.Prefetch(word, inWords, length);
                total += FullScore(inWords, inBackoffs, length, word, outWords, outBackoffs, out length, out _);
                Swap(ref inWords, ref outWords);
                Swap(ref inBackoffs, ref outBackoffs);
            }
        }

        if (eos)
        {
            total += FullScore(inWords, inBackoffs, length, _end, outWords, outBackoffs, out _, out _);
        }

        return new SentenceScore(total, count, unknown);
    }

    public override unsafe (float LogProbability, int NGramLength) Score(ReadOnlySpan<int> history, int word)
    {
        uint* inWords = stackalloc uint[KenLmState.MaxOrder];
        uint* outWords = stackalloc uint[KenLmState.MaxOrder];
        float* inBackoffs = stackalloc float[KenLmState.MaxOrder];
        float* outBackoffs = stackalloc float[KenLmState.MaxOrder];

        // The state after the history is the state after scoring its last order − 1 words from no context.
        int length = 0;
        foreach (int id in history[Math.Max(0, history.Length - (_order - 1))..])
        {
            FullScore(inWords, inBackoffs, length, Checked(id), outWords, outBackoffs, out length, out _);
            Swap(ref inWords, ref outWords);
            Swap(ref inBackoffs, ref outBackoffs);
        }

        float probability = FullScore(inWords, inBackoffs, length, Checked(word), outWords, outBackoffs, out _, out int ngram);
        return (probability, ngram);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSpace(byte b) => b == ' ' || (uint)(b - '\t') <= '\r' - '\t';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Swap(ref uint* a, ref uint* b)
    {
        uint* t = a;
        a = b;
        b = t;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Swap(ref float* a, ref float* b)
    {
        float* t = a;
        a = b;
        b = t;
    }

    private uint Checked(int id) =>
        id >= 0 && (uint)id < _bound ? (uint)id : throw new ArgumentOutOfRangeException(nameof(id), id, $"word ids are 0 to {_bound - 1}");

    /// <summary>
    /// log10 p(word | state): the unigram, then one lookup per state word while the model has the longer n-gram and
    /// it may extend further left; the new state keeps the words up to the longest n-gram that may extend right.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe float FullScore(uint* inWords, float* inBackoffs, int inLength, uint word, uint* outWords, float* outBackoffs, out int outLength, out int ngramLength)
    {
        float probability = _search.Unigram(word, out float backoff, out KenLmNode node, out bool independentLeft);
        outBackoffs[0] = backoff;
        outWords[0] = word;
        outLength = KenLmState.HasExtension(backoff) ? 1 : 0;
        ngramLength = 1;
        if (inLength > 0)
        {
            int k = 0;
            bool longest = false;
            for (; k < inLength && !independentLeft; k++)
            {
                if (k == _order - 2)
                {
                    longest = true;
                    break;
                }

                if (!_search.Middle(k, inWords[k], ref node, out float found, out backoff, out independentLeft))
                {
                    break;
                }

                outBackoffs[k + 1] = backoff;
                probability = found;
                ngramLength = k + 2;
                if (KenLmState.HasExtension(backoff))
                {
                    outLength = k + 2;
                }
            }

            if (longest && _search.Longest(inWords[k], node, out float highest))
            {
                probability = highest;
                ngramLength = _order;
            }

            for (int i = 1; i < outLength; i++)
            {
                outWords[i] = inWords[i - 1];
            }
        }

        // Backoffs of the contexts longer than the n-gram used.
        for (int i = ngramLength - 1; i < inLength; i++)
        {
            probability += inBackoffs[i];
        }

        return probability;
    }
}
