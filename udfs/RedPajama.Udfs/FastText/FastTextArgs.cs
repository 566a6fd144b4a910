namespace RedPajama.Udfs.FastText;

/// <summary>The training arguments stored at the head of a fastText model (<c>Args::save</c>).</summary>
/// <param name="Dimension">Vector size (<c>dim</c>).</param>
/// <param name="WindowSize">Context window (<c>ws</c>).</param>
/// <param name="Epochs">Training epochs.</param>
/// <param name="MinCount">Minimal word count.</param>
/// <param name="Negatives">Negatives sampled (<c>neg</c>).</param>
/// <param name="WordNgrams">Maximal length of word n-grams.</param>
/// <param name="Loss">The loss.</param>
/// <param name="Model">The model kind.</param>
/// <param name="Buckets">Hash buckets of subwords and word n-grams.</param>
/// <param name="MinN">Shortest character n-gram.</param>
/// <param name="MaxN">Longest character n-gram (0: no subwords).</param>
/// <param name="LearningRateUpdateRate">Tokens between learning-rate updates.</param>
/// <param name="SamplingThreshold">Sub-sampling threshold (<c>t</c>).</param>
public sealed record FastTextArgs(
    int Dimension,
    int WindowSize,
    int Epochs,
    int MinCount,
    int Negatives,
    int WordNgrams,
    FastTextLoss Loss,
    FastTextModelKind Model,
    int Buckets,
    int MinN,
    int MaxN,
    int LearningRateUpdateRate,
    double SamplingThreshold);
