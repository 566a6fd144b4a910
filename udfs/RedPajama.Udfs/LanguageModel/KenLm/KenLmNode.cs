namespace RedPajama.Udfs.LanguageModel.KenLm;

/// <summary>
/// Where a search continues to longer contexts: for probing, the hash of the words matched so far (in
/// <see cref="Begin"/>); for the trie, the range of the next order's entries that extend them.
/// </summary>
internal struct KenLmNode
{
    /// <summary>Probing: the n-gram hash; trie: the first child.</summary>
    public ulong Begin;

    /// <summary>Trie: one past the last child (unused by probing).</summary>
    public ulong End;
}
