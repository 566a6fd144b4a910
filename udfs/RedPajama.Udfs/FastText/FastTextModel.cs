using System.Text;

namespace RedPajama.Udfs.FastText;

/// <summary>
/// A supervised fastText model (<c>.bin</c>, or <c>.ftz</c> after <c>fasttext quantize</c>) that predicts labels as
/// <c>fasttext predict-prob</c> does: the same tokens (ASCII whitespace, a newline as <c>&lt;/s&gt;</c>), the same
/// features (word ids, character n-grams, word n-grams, hashed through the prune index), the average of their input
/// rows, and softmax, hierarchical softmax, one-vs-all or negative-sampling outputs with fastText's
/// <c>log(p + 1e-5)</c> scores and top-k heap. Thread-safe.
/// </summary>
public sealed class FastTextModel
{
    private const int Magic = 793712314;
    private const int SupportedVersion = 12;
    private const int MaxSigmoid = 8;
    private const int SigmoidTableSize = 512;

    private static readonly float[] s_sigmoid = BuildSigmoidTable();

    private readonly FastTextDictionary _dictionary;
    private readonly FastTextMatrix _input;
    private readonly FastTextMatrix _output;
    private readonly HuffmanTree? _tree;

    /// <summary>Wraps trained parts (<see cref="FastTextTrainer"/>).</summary>
    internal FastTextModel(FastTextArgs args, FastTextDictionary dictionary, FastTextMatrix input, FastTextMatrix output, bool quantized, string name)
    {
        Args = args;
        _dictionary = dictionary;
        _input = input;
        _output = output;
        IsQuantized = quantized;
        Name = name;
        if (args.Loss == FastTextLoss.HierarchicalSoftmax)
        {
            _tree = new HuffmanTree(dictionary.LabelCounts());
        }
    }

    /// <summary>
    /// Writes the model as fastText's <c>saveModel</c> writes a <c>.bin</c>, so the <c>fasttext</c> CLI loads it.
    /// Only unquantised models can be written.
    /// </summary>
    /// <param name="path">The file to create.</param>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (_input is not DenseMatrix input || _output is not DenseMatrix output)
        {
            throw new InvalidOperationException("a quantised model cannot be saved");
        }

        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        using var writer = new BinaryWriter(file);
        writer.Write(Magic);
        writer.Write(SupportedVersion);
        FastTextArgs a = Args;
        foreach (int value in (int[])[a.Dimension, a.WindowSize, a.Epochs, a.MinCount, a.Negatives, a.WordNgrams, (int)a.Loss, (int)a.Model, a.Buckets, a.MinN, a.MaxN, a.LearningRateUpdateRate])
        {
            writer.Write(value);
        }

        writer.Write(a.SamplingThreshold);
        _dictionary.Write(writer);
        writer.Write(false); // quant_input
        input.Write(writer);
        writer.Write(false); // qout
        output.Write(writer);
    }

    /// <summary>The training arguments stored in the file.</summary>
    public FastTextArgs Args { get; }

    /// <summary>The file the model came from.</summary>
    public string Name { get; }

    /// <summary>Whether the input matrix is product-quantised (a <c>.ftz</c>).</summary>
    public bool IsQuantized { get; }

    /// <summary>Number of labels.</summary>
    public int LabelCount => _dictionary.LabelCount;

    /// <summary>Number of words in the dictionary.</summary>
    public int WordCount => _dictionary.WordCount;

    /// <summary>Loads a model file.</summary>
    /// <param name="path">A <c>.bin</c> or <c>.ftz</c> file.</param>
    /// <returns>The model.</returns>
    /// <exception cref="FastTextModelException">The file is not a usable supervised fastText model.</exception>
    public static FastTextModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new FastTextModelException(path, 0, exception.Message);
        }

        return FromBytes(bytes, path);
    }

    /// <summary>Reads a model from its bytes.</summary>
    /// <param name="bytes">The file's content.</param>
    /// <param name="name">A name for messages.</param>
    /// <returns>The model.</returns>
    /// <exception cref="FastTextModelException">The bytes are not a usable supervised fastText model.</exception>
    public static FastTextModel FromBytes(ReadOnlySpan<byte> bytes, string name = "model")
    {
        var reader = new ModelReader(bytes, name);
        int magic = reader.ReadInt32();
        if (magic != Magic)
        {
            throw new FastTextModelException(name, 0, $"wrong magic number {magic} (a fastText model starts with {Magic})");
        }

        int version = reader.ReadInt32();
        if (version is < 11 or > SupportedVersion)
        {
            throw new FastTextModelException(name, 4, $"file format version {version}; this reader knows 11 and 12");
        }

        FastTextArgs args = ReadArgs(ref reader);
        if (version == 11 && args.Model == FastTextModelKind.Supervised)
        {
            // fastText's own backward compatibility: old supervised models have no character n-grams.
            args = args with { MaxN = 0 };
        }

        FastTextDictionary dictionary = FastTextDictionary.Read(ref reader, args);
        bool quantizedInput = reader.ReadBool();
        FastTextMatrix input = FastTextMatrix.Read(ref reader, quantizedInput);
        if (!quantizedInput && dictionary.IsPruned)
        {
            throw reader.Error("a pruned dictionary with an unquantised input matrix (fastText issue #332: an outdated model)");
        }

        bool quantizedOutput = reader.ReadBool();
        FastTextMatrix output = FastTextMatrix.Read(ref reader, quantizedInput && quantizedOutput);
        if (input.Columns != args.Dimension || output.Columns != args.Dimension)
        {
            throw reader.Error($"matrix width {input.Columns}/{output.Columns} differs from the dimension {args.Dimension}");
        }

        if (args.Model != FastTextModelKind.Supervised)
        {
            throw reader.Error($"a {args.Model} model has no labels to predict");
        }

        long expectedOutputRows = args.Loss == FastTextLoss.HierarchicalSoftmax ? Math.Max(1, dictionary.LabelCount - 1) : dictionary.LabelCount;
        if (output.Rows < expectedOutputRows || input.Rows < dictionary.WordCount)
        {
            throw reader.Error($"matrix rows ({input.Rows} in, {output.Rows} out) do not fit {dictionary.WordCount} words and {dictionary.LabelCount} labels");
        }

        return new FastTextModel(args, dictionary, input, output, quantizedInput, name);
    }

    /// <summary>
    /// Predicts the labels of one text as fastText's Python <c>predict</c> does: the text is one line (newlines are
    /// read as spaces) and ends with <c>&lt;/s&gt;</c>.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="k">How many labels at most.</param>
    /// <param name="threshold">Smallest probability returned.</param>
    /// <returns>The labels, most probable first.</returns>
    public FastTextPrediction[] Predict(string text, int k = 1, float threshold = 0f)
    {
        ArgumentNullException.ThrowIfNull(text);
        byte[] line = Encoding.UTF8.GetBytes(text.Replace('\n', ' ') + "\n");
        var tokens = new FastTextTokenizer(line);
        var features = new FeatureScratch();
        tokens.NextExample(this, features);
        return Predict(features.Features, k, threshold);
    }

    /// <summary>
    /// Predicts every example of a byte stream as <c>fasttext predict-prob model - k threshold</c> does: one result per
    /// line, another one after each literal <c>&lt;/s&gt;</c>, an empty line included; an example without features
    /// gives an empty result.
    /// </summary>
    /// <param name="input">UTF-8 (or any bytes: fastText works on bytes).</param>
    /// <param name="k">How many labels at most per example.</param>
    /// <param name="threshold">Smallest probability returned.</param>
    /// <returns>The predictions of each example, in input order.</returns>
    public IEnumerable<FastTextPrediction[]> PredictExamples(Stream input, int k = 1, float threshold = 0f)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var tokens = new FastTextTokenizer(input);
        var features = new FeatureScratch();
        while (tokens.NextExample(this, features))
        {
            yield return Predict(features.Features, k, threshold);
        }
    }

    /// <summary>Adds the features of one token of an example (a label token adds none).</summary>
    internal void BuildExample(ReadOnlySpan<byte> token, FeatureScratch scratch) => _dictionary.AddToken(token, scratch, labels: null);

    /// <summary><c>Model::computeHidden</c>: the mean of the features' input rows, summed in order, scaled in float.</summary>
    internal static void ComputeHidden(FastTextMatrix input, ReadOnlySpan<int> features, Span<float> hidden)
    {
        hidden.Clear();
        foreach (int id in features)
        {
            input.AddRowTo(hidden, id);
        }

        float scale = (float)(1.0 / features.Length);
        for (int i = 0; i < hidden.Length; i++)
        {
            hidden[i] *= scale;
        }
    }

    /// <summary>Adds the word n-grams once an example's tokens are in.</summary>
    internal void FinishExample(FeatureScratch scratch) => _dictionary.AddWordNgrams(scratch.Features, scratch.WordHashes);

    /// <summary>Predicts from feature ids (fastText's <c>FastText::predict</c>).</summary>
    internal FastTextPrediction[] Predict(List<int> features, int k, float threshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (features.Count == 0)
        {
            return [];
        }

        float[] hidden = new float[Args.Dimension];
        ComputeHidden(_input, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(features), hidden);

        var heap = new PredictionHeap(k);
        if (_tree is not null)
        {
            SearchTree(_tree, _tree.Root, 0f, heap, hidden, threshold);
        }
        else
        {
            float[] output = ComputeOutput(hidden);
            for (int i = 0; i < output.Length; i++)
            {
                if (output[i] < threshold)
                {
                    continue;
                }

                float score = StdLog(output[i]);
                if (heap.IsFull && score < heap.Worst)
                {
                    continue;
                }

                heap.Push(score, i);
            }
        }

        (float Score, int Label)[] best = heap.Sorted();
        var predictions = new FastTextPrediction[best.Length];
        for (int i = 0; i < best.Length; i++)
        {
            predictions[i] = new FastTextPrediction(_dictionary.Label(best[i].Label), MathF.Exp(best[i].Score));
        }

        return predictions;
    }

    private static FastTextArgs ReadArgs(ref ModelReader reader)
    {
        int dimension = reader.ReadInt32();
        int window = reader.ReadInt32();
        int epochs = reader.ReadInt32();
        int minCount = reader.ReadInt32();
        int negatives = reader.ReadInt32();
        int wordNgrams = reader.ReadInt32();
        int loss = reader.ReadInt32();
        int model = reader.ReadInt32();
        int buckets = reader.ReadInt32();
        int minN = reader.ReadInt32();
        int maxN = reader.ReadInt32();
        int updateRate = reader.ReadInt32();
        double sampling = reader.ReadDouble();
        if (dimension <= 0 || loss is < 1 or > 4 || model is < 1 or > 3 || buckets < 0 || wordNgrams < 0)
        {
            throw reader.Error($"implausible arguments: dim {dimension}, loss {loss}, model {model}, bucket {buckets}, wordNgrams {wordNgrams}");
        }

        return new FastTextArgs(dimension, window, epochs, minCount, negatives, wordNgrams, (FastTextLoss)loss, (FastTextModelKind)model, buckets, minN, maxN, updateRate, sampling);
    }

    /// <summary>fastText's <c>std_log</c>: <c>log(x + 1e-5)</c>, in double, kept as float.</summary>
    private static float StdLog(float x) => (float)Math.Log(x + 1e-5);

    /// <summary>fastText's table sigmoid (<c>Loss::sigmoid</c>): 512 steps over [−8, 8], 0 and 1 outside.</summary>
    internal static float Sigmoid(float x)
    {
        if (x < -MaxSigmoid)
        {
            return 0f;
        }

        if (x > MaxSigmoid)
        {
            return 1f;
        }

        return s_sigmoid[(long)((x + MaxSigmoid) * SigmoidTableSize / MaxSigmoid / 2)];
    }

    private static float[] BuildSigmoidTable()
    {
        var table = new float[SigmoidTableSize + 1];
        for (int i = 0; i < table.Length; i++)
        {
            float x = ((float)(i * 2 * MaxSigmoid) / SigmoidTableSize) - MaxSigmoid;
            // std::exp of a float is the float overload in C++.
            table[i] = (float)(1.0 / (1.0 + MathF.Exp(-x)));
        }

        return table;
    }

    private float[] ComputeOutput(float[] hidden)
    {
        var output = new float[_dictionary.LabelCount];
        for (int i = 0; i < output.Length; i++)
        {
            output[i] = _output.DotRow(hidden, i);
        }

        if (Args.Loss == FastTextLoss.Softmax)
        {
            float max = output[0];
            foreach (float value in output)
            {
                max = Math.Max(value, max);
            }

            float z = 0f;
            for (int i = 0; i < output.Length; i++)
            {
                output[i] = MathF.Exp(output[i] - max);
                z += output[i];
            }

            for (int i = 0; i < output.Length; i++)
            {
                output[i] /= z;
            }
        }
        else
        {
            // One-vs-all and negative sampling: fastText's table sigmoid per label.
            for (int i = 0; i < output.Length; i++)
            {
                output[i] = Sigmoid(output[i]);
            }
        }

        return output;
    }

    /// <summary><c>HierarchicalSoftmaxLoss::dfs</c>: best-first pruning by the heap's worst score and the threshold.</summary>
    private void SearchTree(HuffmanTree tree, int node, float score, PredictionHeap heap, float[] hidden, float threshold)
    {
        if (score < StdLog(threshold))
        {
            return;
        }

        if (heap.IsFull && score < heap.Worst)
        {
            return;
        }

        if (tree.IsLeaf(node))
        {
            heap.Push(score, node);
            return;
        }

        float f = _output.DotRow(hidden, node - tree.Labels);
        f = (float)(1.0 / (1 + MathF.Exp(-f)));
        SearchTree(tree, tree.Left(node), score + StdLog((float)(1.0 - f)), heap, hidden, threshold);
        SearchTree(tree, tree.Right(node), score + StdLog(f), heap, hidden, threshold);
    }
}
