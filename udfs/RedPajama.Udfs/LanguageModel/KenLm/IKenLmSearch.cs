namespace RedPajama.Udfs.LanguageModel.KenLm;

/// <summary>
/// One of KenLM's data structures read in place (probing hash tables or the bit-packed trie) as the scoring loop uses
/// it: each lookup extends the matched n-gram one word to the left. Implemented by structs so that the generic scorer
/// is compiled once per structure with the lookups inlined.
/// </summary>
internal interface IKenLmSearch
{
    /// <summary>The word id of a word's MurmurHash64A, 0 (<c>&lt;unk&gt;</c>) when it is not in the vocabulary.</summary>
    uint Index(ulong hash);

    /// <summary>A word's unigram: its log10 probability and backoff, the node to extend from, and whether no longer n-gram ends in it.</summary>
    float Unigram(uint word, out float backoff, out KenLmNode node, out bool independentLeft);

    /// <summary>
    /// Extends the n-gram at <paramref name="node"/> with <paramref name="word"/> to an n-gram of order
    /// <paramref name="orderMinus2"/> + 2 (not the highest); false when the model does not have it.
    /// </summary>
    bool Middle(int orderMinus2, uint word, ref KenLmNode node, out float probability, out float backoff, out bool independentLeft);

    /// <summary>Extends the n-gram at <paramref name="node"/> to the highest order; false when the model does not have it.</summary>
    bool Longest(uint word, in KenLmNode node, out float probability);

    /// <summary>
    /// Asks the processor to fetch, in parallel, the memory the lookups of <paramref name="word"/> after the state's
    /// <paramref name="length"/> words will read, where the structure can tell without reading (probing can: its
    /// keys are hashes of the words). Changes no result.
    /// </summary>
    unsafe void Prefetch(uint word, uint* context, int length);
}
