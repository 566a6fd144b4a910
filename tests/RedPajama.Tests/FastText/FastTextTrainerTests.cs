using System.Globalization;
using System.Text;
using RedPajama.Cli;
using RedPajama.Tests.Support;
using RedPajama.Udfs.FastText;

namespace RedPajama.Tests.FastText;

/// <summary>
/// Training against the fastText CLI: the first 1100 labelled Wikipedia lines (14 languages) train, the other 276
/// test; same settings as the CLI's reference run (dim 16, 25 epochs, lr 0.5, character 2–4-grams, one thread).
/// </summary>
public sealed class FastTextTrainerTests
{
    private static readonly string[] s_labelled = File.ReadAllLines(TestData.Fixture("fasttext/labelled.txt"));

    private static readonly FastTextTrainingOptions s_options = new(
        Dimension: 16, LearningRate: 0.5f, Epochs: 25, MinN: 2, MaxN: 4, Buckets: 20000, Threads: 1);

    [Fact]
    public void A_trained_model_is_within_one_point_of_the_clis_own_and_the_cli_loads_it()
    {
        using var directory = new TemporaryDirectory();
        FastTextModel model = FastTextTrainer.Train(Lines(s_labelled[..1100]), s_options);
        string path = directory.Combine("ours.bin");
        model.Save(path);

        double ours = Precision(FastTextModel.Load(path), s_labelled[1100..]);
        double cli = double.Parse(File.ReadAllText(TestData.Fixture("fasttext/golden/cli-train-precision.txt")), CultureInfo.InvariantCulture);

        Math.Abs(ours - cli).Should().BeLessThanOrEqualTo(0.01, $"ours {ours:F3}, the CLI's {cli:F3}");
        // The CLI reads the .bin we wrote and predicts exactly what we predict with it.
        byte[] test = Lines(s_labelled[1100..]);
        string theirs = Encoding.UTF8.GetString(ExternalTool.Run(ReferenceTool.Require("fasttext", "fasttext"), ["predict-prob", path, "-", "2"], test));
        using var output = new MemoryStream();
        LidCommand.Run(model, new MemoryStream(test), output, 2, 0f);
        Encoding.UTF8.GetString(output.ToArray()).Should().Be(theirs);
    }

    [Fact]
    public void Hierarchical_softmax_and_one_vs_all_train_to_useful_models()
    {
        foreach (FastTextLoss loss in (FastTextLoss[])[FastTextLoss.HierarchicalSoftmax, FastTextLoss.OneVsAll])
        {
            FastTextModel model = FastTextTrainer.Train(Lines(s_labelled[..1100]), s_options with { Loss = loss, FullInitialization = true });
            Precision(model, s_labelled[1100..]).Should().BeGreaterThan(0.8, loss.ToString());
        }
    }

    [Fact]
    public void Several_threads_train_hogwild_to_the_same_quality()
    {
        FastTextModel model = FastTextTrainer.Train(Lines(s_labelled[..1100]), s_options with { Threads = 2, FullInitialization = true });
        Precision(model, s_labelled[1100..]).Should().BeGreaterThan(0.85);
    }

    [Fact]
    public void Input_without_labels_is_refused()
    {
        Action train = () => FastTextTrainer.Train("no labels here\nat all\n"u8.ToArray(), s_options);
        train.Should().Throw<ArgumentException>().Which.Message.Should().Contain("0 labels");
    }

    private static byte[] Lines(IEnumerable<string> lines) => Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");

    private static double Precision(FastTextModel model, string[] labelled)
    {
        int correct = 0;
        foreach (string line in labelled)
        {
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            string label = line[..space];
            FastTextPrediction[] predicted = model.Predict(line[(space + 1)..]);
            correct += predicted.Length > 0 && predicted[0].Label == label ? 1 : 0;
        }

        return (double)correct / labelled.Length;
    }
}
