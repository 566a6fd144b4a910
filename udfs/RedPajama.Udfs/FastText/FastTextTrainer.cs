using System.Text;

namespace RedPajama.Udfs.FastText;

/// <summary>
/// fastText's supervised training (<c>FastText::train</c> for <c>model sup</c>): the dictionary counted with
/// fastText's tokens and sorted as it sorts them, input rows drawn from U(−1/dim, 1/dim), output rows zero, then
/// Hogwild SGD — threads share the matrices without locks — over the lines, the learning rate decaying linearly with
/// the tokens seen, with softmax, hierarchical softmax or one-vs-all updates and the gradient averaged over a line's
/// features. The result predicts with <see cref="FastTextModel"/> and saves as a <c>.bin</c> the CLI reads.
/// </summary>
public static class FastTextTrainer
{
    /// <summary>Trains on labelled lines (<c>__label__x text</c>).</summary>
    /// <param name="input">The training file's bytes.</param>
    /// <param name="options">The settings.</param>
    /// <param name="name">A name for the model.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentException">No labels or no words in the input.</exception>
    public static FastTextModel Train(byte[] input, FastTextTrainingOptions options, string name = "trained")
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Loss == FastTextLoss.NegativeSampling)
        {
            throw new ArgumentException("negative-sampling training is not implemented; use softmax, hs or ova", nameof(options));
        }

        int buckets = options.WordNgrams <= 1 && options.MaxN == 0 ? 0 : options.Buckets;
        var args = new FastTextArgs(options.Dimension, 5, options.Epochs, options.MinCount, 5, options.WordNgrams, options.Loss,
            FastTextModelKind.Supervised, buckets, options.MinN, options.MaxN, options.LearningRateUpdateRate, 1e-4);
        FastTextDictionary dictionary = CountWords(input, args);
        if (dictionary.LabelCount == 0 || dictionary.WordCount == 0)
        {
            throw new ArgumentException($"the input has {dictionary.WordCount} words and {dictionary.LabelCount} labels; training needs both", nameof(input));
        }

        List<Example> examples = ReadExamples(input, dictionary);
        int dimension = options.Dimension;
        var inputMatrix = new DenseMatrix(dictionary.WordCount + buckets, dimension, new float[(long)(dictionary.WordCount + buckets) * dimension]);
        Initialize(inputMatrix.Data, 1.0 / dimension, options);

        var outputMatrix = new DenseMatrix(dictionary.LabelCount, dimension, new float[dictionary.LabelCount * dimension]);
        HuffmanTree? tree = options.Loss == FastTextLoss.HierarchicalSoftmax ? new HuffmanTree(dictionary.LabelCounts()) : null;
        var state = new SharedProgress(options.Epochs * dictionary.TokenCount);
        int threads = Math.Max(1, options.Threads);
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            int thread = t;
            workers[t] = new Thread(() => TrainThread(thread, threads, examples, inputMatrix, outputMatrix, tree, options, state));
            workers[t].Start();
        }

        foreach (Thread worker in workers)
        {
            worker.Join();
        }

        return new FastTextModel(args, dictionary, inputMatrix, outputMatrix, quantized: false, name);
    }

    /// <summary>
    /// <c>DenseMatrix::uniform</c>: block b of ten covers [b·size/10, (b+1)·size/10) and is drawn from
    /// <c>std::minstd_rand(b + seed)</c> through libstdc++'s <c>uniform_real_distribution&lt;double&gt;(−a, a)</c>; fastText
    /// runs one block per thread, so with fewer than ten threads the later blocks stay zero.
    /// </summary>
    private static void Initialize(float[] weights, double bound, FastTextTrainingOptions options)
    {
        long blockSize = weights.LongLength / 10;
        int blocks = options.FullInitialization ? 10 : Math.Min(options.Threads, 10);
        for (int block = 0; block < blocks; block++)
        {
            var random = new MinimalStandardRandom(block + options.Seed);
            long end = options.FullInitialization && block == 9 ? weights.LongLength : Math.Min(weights.LongLength, blockSize * (block + 1));
            for (long i = blockSize * block; i < end; i++)
            {
                weights[i] = (float)(-bound + (2 * bound * random.NextCanonical()));
            }
        }
    }

    private static FastTextDictionary CountWords(byte[] input, FastTextArgs args)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var tokenizer = new FastTextTokenizer(input);
        long tokens = 0;
        while (tokenizer.NextToken(out ReadOnlySpan<byte> token))
        {
            // Latin-1 keeps every byte as one char: an exact key for any bytes.
            string key = Encoding.Latin1.GetString(token);
            counts[key] = counts.GetValueOrDefault(key) + 1;
            tokens++;
        }

        IEnumerable<(byte[], long, bool)> entries = counts
            .Select(p => (Word: Encoding.Latin1.GetBytes(p.Key), Count: p.Value, IsLabel: FastTextDictionary.LooksLikeLabel(Encoding.Latin1.GetBytes(p.Key))))
            .Where(e => e.IsLabel || e.Count >= args.MinCount);
        return FastTextDictionary.FromCounts(args, entries, tokens);
    }

    private static List<Example> ReadExamples(byte[] input, FastTextDictionary dictionary)
    {
        var examples = new List<Example>();
        var tokenizer = new FastTextTokenizer(input);
        var scratch = new FeatureScratch();
        var labels = new List<int>();
        while (true)
        {
            scratch.Clear();
            labels.Clear();
            int tokens = 0;
            bool any = false;
            while (tokenizer.NextToken(out ReadOnlySpan<byte> token))
            {
                any = true;
                tokens++;
                dictionary.AddToken(token, scratch, labels);

                if (token.SequenceEqual(FastTextDictionary.EndOfSentence))
                {
                    break;
                }
            }

            if (!any)
            {
                return examples;
            }

            dictionary.AddWordNgrams(scratch.Features, scratch.WordHashes);
            examples.Add(new Example([.. scratch.Features], [.. labels], tokens));
        }
    }

    private static void TrainThread(
        int thread, int threads, List<Example> examples, DenseMatrix input, DenseMatrix output, HuffmanTree? tree, FastTextTrainingOptions options, SharedProgress progress)
    {
        int dimension = options.Dimension;
        var hidden = new float[dimension];
        var gradient = new float[dimension];
        var scores = new float[(int)output.Rows];
        var random = new Random(options.Seed + thread);
        int index = (int)((long)thread * examples.Count / threads);
        long localTokens = 0;
        while (progress.Tokens < progress.Total)
        {
            float learningRate = options.LearningRate * (1f - (float)((double)progress.Tokens / progress.Total));
            Example example = examples[index];
            index = (index + 1) % examples.Count;
            localTokens += example.Tokens;
            if (example.Labels.Length > 0 && example.Features.Length > 0)
            {
                Update(example, random.Next(example.Labels.Length), learningRate, input, output, tree, options.Loss, hidden, gradient, scores);
            }

            if (localTokens > options.LearningRateUpdateRate)
            {
                progress.Add(localTokens);
                localTokens = 0;
            }
        }
    }

    /// <summary><c>Model::update</c>: hidden = mean of the feature rows; the loss's gradient is averaged back into them.</summary>
    private static void Update(
        Example example, int targetIndex, float learningRate, DenseMatrix input, DenseMatrix output, HuffmanTree? tree, FastTextLoss loss,
        float[] hidden, float[] gradient, float[] scores)
    {
        FastTextModel.ComputeHidden(input, example.Features, hidden);
        float scale = (float)(1.0 / example.Features.Length);

        Array.Clear(gradient);
        int target = example.Labels[targetIndex];
        switch (loss)
        {
            case FastTextLoss.Softmax:
                float max = float.NegativeInfinity;
                for (int i = 0; i < scores.Length; i++)
                {
                    scores[i] = output.DotRow(hidden, i);
                    max = Math.Max(max, scores[i]);
                }

                float z = 0f;
                for (int i = 0; i < scores.Length; i++)
                {
                    scores[i] = MathF.Exp(scores[i] - max);
                    z += scores[i];
                }

                for (int i = 0; i < scores.Length; i++)
                {
                    float alpha = learningRate * ((i == target ? 1f : 0f) - (scores[i] / z));
                    output.AddRowTo(gradient, i, alpha);
                    output.AddVectorToRow(hidden, i, alpha);
                }

                break;
            case FastTextLoss.OneVsAll:
                for (int i = 0; i < scores.Length; i++)
                {
                    BinaryLogistic(i, Array.IndexOf(example.Labels, i) >= 0, learningRate, output, hidden, gradient);
                }

                break;
            default:
                (int[] rows, bool[] codes) = tree!.PathOf(target);
                for (int i = 0; i < rows.Length; i++)
                {
                    BinaryLogistic(rows[i], codes[i], learningRate, output, hidden, gradient);
                }

                break;
        }

        for (int i = 0; i < gradient.Length; i++)
        {
            gradient[i] *= scale;
        }

        foreach (int feature in example.Features)
        {
            input.AddVectorToRow(gradient, feature, 1f);
        }
    }

    private static void BinaryLogistic(int row, bool positive, float learningRate, DenseMatrix output, float[] hidden, float[] gradient)
    {
        float score = FastTextModel.Sigmoid(output.DotRow(hidden, row));
        float alpha = learningRate * ((positive ? 1f : 0f) - score);
        output.AddRowTo(gradient, row, alpha);
        output.AddVectorToRow(hidden, row, alpha);
    }

    private sealed record Example(int[] Features, int[] Labels, int Tokens);

    /// <summary>The token count all threads advance, which sets the learning rate and the end.</summary>
    private sealed class SharedProgress(long total)
    {
        private long _tokens;

        public long Total { get; } = total;

        public long Tokens => Interlocked.Read(ref _tokens);

        public void Add(long tokens) => Interlocked.Add(ref _tokens, tokens);
    }
}
