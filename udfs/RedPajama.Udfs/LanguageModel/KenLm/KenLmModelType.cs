namespace RedPajama.Udfs.LanguageModel.KenLm;

/// <summary>The data structure a KenLM binary file holds (<c>lm/model_type.hh</c>; the number is stored in the header).</summary>
internal enum KenLmModelType
{
    /// <summary><c>build_binary probing</c>.</summary>
    Probing = 0,

    /// <summary><c>build_binary -r … probing</c>: probing with rest costs (a third float per entry).</summary>
    RestProbing = 1,

    /// <summary><c>build_binary trie</c>.</summary>
    Trie = 2,

    /// <summary><c>build_binary -q … trie</c>.</summary>
    QuantTrie = 3,

    /// <summary><c>build_binary -a … trie</c>.</summary>
    ArrayTrie = 4,

    /// <summary><c>build_binary -q … -a … trie</c>.</summary>
    QuantArrayTrie = 5,
}
