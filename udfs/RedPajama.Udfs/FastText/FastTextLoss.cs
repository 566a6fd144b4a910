namespace RedPajama.Udfs.FastText;

/// <summary>fastText's <c>loss_name</c>, numbered as in the model file.</summary>
public enum FastTextLoss
{
    /// <summary>Hierarchical softmax over a Huffman tree of the labels.</summary>
    HierarchicalSoftmax = 1,

    /// <summary>Negative sampling (binary logistic per label at prediction).</summary>
    NegativeSampling = 2,

    /// <summary>Softmax over the labels.</summary>
    Softmax = 3,

    /// <summary>One-vs-all (binary logistic per label).</summary>
    OneVsAll = 4,
}
