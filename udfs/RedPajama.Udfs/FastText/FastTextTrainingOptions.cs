namespace RedPajama.Udfs.FastText;

/// <summary>Settings of <see cref="FastTextTrainer"/>; the defaults are <c>fasttext supervised</c>'s.</summary>
/// <param name="Dimension">Vector size (<c>-dim</c>, 100).</param>
/// <param name="LearningRate">Initial learning rate (<c>-lr</c>, 0.1), decaying linearly to 0.</param>
/// <param name="Epochs">Passes over the data (<c>-epoch</c>, 5).</param>
/// <param name="MinCount">Words seen fewer times are dropped (<c>-minCount</c>, 1).</param>
/// <param name="WordNgrams">Longest word n-gram (<c>-wordNgrams</c>, 1).</param>
/// <param name="Loss">Softmax (default), hierarchical softmax or one-vs-all.</param>
/// <param name="Buckets">Hash buckets (<c>-bucket</c>, 2,000,000; 0 when there are neither word n-grams nor subwords).</param>
/// <param name="MinN">Shortest character n-gram (<c>-minn</c>, 0).</param>
/// <param name="MaxN">Longest character n-gram (<c>-maxn</c>, 0: none).</param>
/// <param name="Threads">Hogwild threads (<c>-thread</c>).</param>
/// <param name="Seed">Random seed (<c>-seed</c>, 0).</param>
/// <param name="LearningRateUpdateRate">Tokens between learning-rate updates (<c>-lrUpdateRate</c>, 100).</param>
/// <param name="FullInitialization">
/// Draw every input row at random. fastText 0.9.2 draws only the first <c>min(threads, 10)</c> tenths of the input
/// matrix (one block per thread, <c>DenseMatrix::uniform</c>) and leaves the rest, mostly the hashed subword rows, at
/// zero; false (the default) does the same, so results match the CLI's.
/// </param>
public sealed record FastTextTrainingOptions(
    int Dimension = 100,
    float LearningRate = 0.1f,
    int Epochs = 5,
    int MinCount = 1,
    int WordNgrams = 1,
    FastTextLoss Loss = FastTextLoss.Softmax,
    int Buckets = 2_000_000,
    int MinN = 0,
    int MaxN = 0,
    int Threads = 1,
    int Seed = 0,
    int LearningRateUpdateRate = 100,
    bool FullInitialization = false);
