using System.CommandLine;
using System.Globalization;
using System.Text;
using RedPajama.Tokenization;
using RedPajama.Udfs.FastText;

namespace RedPajama.Cli;

/// <summary>
/// <c>redpajama lid</c>: predicts standard input with a fastText model and prints exactly what
/// <c>fasttext predict-prob model - k threshold</c> prints: per example, <c>__label__xx p</c> pairs, probabilities as
/// C++ streams print a float (six significant digits).
/// </summary>
public static class LidCommand
{
    /// <summary>The bundled language-identification model.</summary>
    public const string DefaultModelFileName = "lid.176.ftz";

    /// <summary>Builds the command.</summary>
    /// <param name="error">Where errors go.</param>
    /// <returns>The command.</returns>
    public static Command Create(TextWriter error)
    {
        var model = new Option<string?>("--model", "-m") { Description = $"fastText .bin or .ftz model (default: the bundled {DefaultModelFileName})." };
        var k = new Option<int>("-k") { Description = "Labels per line.", DefaultValueFactory = _ => 1 }.MustBeAtLeast(1);
        var threshold = new Option<float>("--threshold") { Description = "Smallest probability printed.", DefaultValueFactory = _ => 0f }.MustBeBetween(0, 1);
        var command = new Command("lid", "Predict labels of standard input line by line, like fasttext predict-prob.") { model, k, threshold };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(model) ?? BundledModels.Locate(DefaultModelFileName);
            FastTextModel loaded;
            try
            {
                loaded = FastTextModel.Load(path);
            }
            catch (FastTextModelException exception)
            {
                error.WriteLine($"redpajama: {exception.Message}");
                return ExitCodes.Failed;
            }

            using Stream input = Console.OpenStandardInput();
            using Stream output = Console.OpenStandardOutput();
            Run(loaded, input, output, parse.GetValue(k), parse.GetValue(threshold));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Predicts every example of <paramref name="input"/> into <paramref name="output"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="input">The text.</param>
    /// <param name="output">Receives one line per example.</param>
    /// <param name="k">Labels per example.</param>
    /// <param name="threshold">Smallest probability printed.</param>
    /// <returns>The number of examples.</returns>
    public static long Run(FastTextModel model, Stream input, Stream output, int k, float threshold)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        var line = new StringBuilder();
        long examples = 0;
        foreach (FastTextPrediction[] predictions in model.PredictExamples(input, k, threshold))
        {
            line.Clear();
            for (int i = 0; i < predictions.Length; i++)
            {
                line.Append(i > 0 ? " " : string.Empty).Append(predictions[i].Label).Append(' ').Append(FormatFloat(predictions[i].Probability));
            }

            writer.Write(line.Append('\n'));
            examples++;
        }

        return examples;
    }

    /// <summary>A float as <c>std::cout &lt;&lt;</c> prints it by default: <c>%g</c> with six significant digits.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string FormatFloat(float value) =>
        ((double)value).ToString("G6", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
}
