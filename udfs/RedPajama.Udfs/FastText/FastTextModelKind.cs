namespace RedPajama.Udfs.FastText;

/// <summary>fastText's <c>model_name</c>, numbered as in the model file.</summary>
public enum FastTextModelKind
{
    /// <summary>Continuous bag of words (unsupervised).</summary>
    Cbow = 1,

    /// <summary>Skip-gram (unsupervised).</summary>
    SkipGram = 2,

    /// <summary>Supervised classifier: the only kind that predicts.</summary>
    Supervised = 3,
}
