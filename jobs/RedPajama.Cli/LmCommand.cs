using System.CommandLine;
using System.Globalization;
using System.Text;
using RedPajama.Reading;
using RedPajama.Udfs.LanguageModel;

namespace RedPajama.Cli;

/// <summary>
/// <c>redpajama lm score --lm model.arpa</c>: scores standard input line by line with an n-gram model, as KenLM's
/// <c>Model.score(line)</c> does (<c>&lt;s&gt;</c> and <c>&lt;/s&gt;</c> added, lines split at LF, words at ASCII whitespace), and prints
/// per line: log10 probability, unknown words, perplexity (10^(−log10 p / (words + 1))).
/// </summary>
public static class LmCommand
{
    /// <summary>Builds the <c>lm</c> command with its <c>score</c>, <c>train</c>, <c>binarize</c> and <c>cutoffs</c> subcommands.</summary>
    /// <param name="error">Where errors go.</param>
    /// <returns>The command.</returns>
    public static Command Create(TextWriter error)
    {
        var model = new Option<string>("--lm") { Description = "An ARPA or KenLM binary (probing or trie) n-gram model.", Required = true };
        var score = new Command("score", "Score standard input line by line: log10 probability, unknown words, perplexity.") { model };
        score.SetAction(parse =>
        {
            NGramLanguageModel loaded;
            try
            {
                loaded = NGramLanguageModel.Load(parse.GetValue(model)!);
            }
            catch (ArpaFormatException exception)
            {
                error.WriteLine($"redpajama: {exception.Message}");
                return ExitCodes.Failed;
            }

            using Stream input = Console.OpenStandardInput();
            using Stream output = Console.OpenStandardOutput();
            Score(loaded, input, output);
            return ExitCodes.Success;
        });
        var order = new Option<int>("--order") { Description = "n-gram order (1-6).", DefaultValueFactory = _ => 5 }.MustBeBetween(1, 6);
        var input = new Option<string>("--input", "-i") { Description = "Tokenised text, one sentence per line.", Required = true };
        var arpa = new Option<string>("--output", "-o") { Description = "The ARPA file to write.", Required = true };
        var skipSymbols = new Option<bool>("--skip-symbols") { Description = "Read <s>, </s> and <unk> in the text as whitespace (lmplz --skip_symbols); without it they are an error, as in lmplz." };
        var fallback = new Option<float[]>("--discount-fallback")
        {
            Description = "Discounts for counts 1, 2, 3+ (default 0.5 1 1.5) for the orders whose counts give no valid ones (lmplz --discount_fallback); without it such counts are an error, as in lmplz.",
            Arity = new ArgumentArity(0, 3),
            AllowMultipleArgumentsPerToken = true,
        };
        var train = new Command("train", "Estimate an interpolated modified Kneser-Ney model (as KenLM's lmplz) and write ARPA.") { order, input, arpa, skipSymbols, fallback };
        train.SetAction(parse =>
        {
            try
            {
                // As lmplz: the option alone means 0.5 1 1.5; one or two values repeat the last.
                float[]? fallbackValues = parse.GetResult(fallback) is null ? null : parse.GetValue(fallback) is { Length: > 0 } given ? given : [.. KneserNeyTrainer.DefaultFallbackDiscounts];
                var trainer = new KneserNeyTrainer(parse.GetValue(order), parse.GetValue(skipSymbols), fallbackValues);
                if (CliInputs.Resolve([parse.GetValue(input)!], error) is not { } inputs)
                {
                    return ExitCodes.Failed;
                }

                // Through the reader run uses: .gz and .zst inputs, and a truncated one is an input error.
                var reader = new InputLineReader(inputs.Files);
                foreach (InputLine line in reader.ReadLines())
                {
                    if (line.TooLong)
                    {
                        error.WriteLine($"redpajama: {line.File.Path}:{line.Number}: skipped: longer than {ReadLimits.Default.MaxLineBytes} bytes");
                        continue;
                    }

                    trainer.AddSentence(line.Decode());
                }

                if (trainer.SkippedSymbols > 0)
                {
                    error.WriteLine($"lm train: warning: {trainer.SkippedSymbols} <s>, </s> or <unk> in the text read as whitespace");
                }

                KneserNeyModel estimated = trainer.Estimate();
                foreach (int fallbackOrder in trainer.FallbackOrders)
                {
                    error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lm train: warning: fallback discounts for order {fallbackOrder}: {string.Join(" ", estimated.Discounts[fallbackOrder - 1])}"));
                }

                using (var writer = new StreamWriter(parse.GetValue(arpa)!, append: false, new UTF8Encoding(false)))
                {
                    estimated.WriteArpa(writer);
                }

                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lm train: order {estimated.Order}, discounts {string.Join("; ", estimated.Discounts.Select(d => string.Join(" ", d.Select(x => x.ToString("F4", CultureInfo.InvariantCulture)))))}"));
                return CliInputs.Report(reader.Errors, error) ? ExitCodes.InputErrors : ExitCodes.Success;
            }
            catch (Exception exception) when (exception is KneserNeyException or ArgumentException)
            {
                // Text or options lmplz refuses: the user has to change one of them.
                error.WriteLine($"redpajama: lm train: {exception.Message}");
                return ExitCodes.Usage;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                error.WriteLine($"redpajama: {exception.Message}");
                return ExitCodes.Failed;
            }
        });
        var scoredInput = new Option<string>("--input", "-i") { Description = "Scored documents: 'language<TAB>perplexity' per line.", Required = true };
        var csv = new Option<string>("--output", "-o") { Description = "The cutoff CSV to write (CCNet's format).", Required = true };
        var cutoffs = new Command("cutoffs", "Compute per-language perplexity percentiles 0-99 as CCNet's cutoff.csv.") { scoredInput, csv };
        cutoffs.SetAction(parse =>
        {
            try
            {
                var scored = new List<(string, double)>();
                if (CliInputs.Resolve([parse.GetValue(scoredInput)!], error) is not { } inputs)
                {
                    return ExitCodes.Failed;
                }

                var reader = new InputLineReader(inputs.Files);
                foreach (InputLine line in reader.ReadLines())
                {
                    string[] fields = line.TooLong ? [] : line.Decode().Split('\t');
                    if (fields.Length != 2 || !double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double perplexity))
                    {
                        error.WriteLine($"redpajama: line {line.Number}: skipped: expected 'language<TAB>perplexity'");
                        continue;
                    }

                    scored.Add((fields[0], perplexity));
                }

                using var writer = new StreamWriter(parse.GetValue(csv)!, append: false, new UTF8Encoding(false));
                PerplexityBuckets.WriteCutoffs(scored, writer);
                return CliInputs.Report(reader.Errors, error) ? ExitCodes.InputErrors : ExitCodes.Success;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"redpajama: {exception.Message}");
                return ExitCodes.Failed;
            }
        });
        var arpaIn = new Option<string>("--lm") { Description = "An ARPA model.", Required = true };
        var binaryOut = new Option<string>("--output", "-o") { Description = "The binary model to write (KenLM's probing format).", Required = true };
        var binarize = new Command("binarize", "Convert an ARPA model to KenLM's probing binary format (as build_binary probing), memory-mapped when loaded.") { arpaIn, binaryOut };
        binarize.SetAction(parse =>
        {
            try
            {
                using NGramLanguageModel loaded = NGramLanguageModel.Load(parse.GetValue(arpaIn)!);
                loaded.SaveBinary(parse.GetValue(binaryOut)!);
                return ExitCodes.Success;
            }
            catch (Exception exception) when (exception is ArpaFormatException or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                error.WriteLine($"redpajama: {exception.Message}");
                return ExitCodes.Failed;
            }
        });
        return new Command("lm", "n-gram language models: KenLM-compatible scoring, Kneser-Ney estimation, binary form, CCNet cutoffs.")
        {
            score, train, binarize, cutoffs,
        };
    }

    /// <summary>Scores every line of <paramref name="input"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="input">UTF-8 lines.</param>
    /// <param name="output">Receives <c>log10\tunknown\tperplexity</c> per line.</param>
    /// <returns>The number of lines.</returns>
    public static long Score(NGramLanguageModel model, Stream input, Stream output)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var reader = new StreamReader(input, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        long lines = 0;
        var lineReader = new KenLmLineReader(reader);

        // Lines end at LF only, as for KenLM: a lone CR is whitespace inside the line.
        while (lineReader.Next() is { } line)
        {
            SentenceScore score = model.ScoreSentence(line);
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{score.LogProbability:R}\t{score.UnknownWords}\t{score.Perplexity:R}\n"));
            lines++;
        }

        return lines;
    }
}
