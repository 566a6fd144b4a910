using System.Buffers.Text;
using System.CommandLine;
using System.Text;
using RedPajama.Tokenization;
using RedPajama.Udfs.Tokenization;

namespace RedPajama.Cli;

/// <summary>
/// <c>redpajama tokenize</c>: encodes standard input line by line and prints one line of ids or pieces per
/// input line, byte for byte what <c>spm_encode --output_format=id|piece</c> prints for the same model, so the
/// two can be diffed.
/// </summary>
public static class TokenizeCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="error">Where errors go.</param>
    /// <returns>The command.</returns>
    public static Command Create(TextWriter error)
    {
        var model = new Option<string?>("--model", "-m") { Description = $"SentencePiece tokenizer.model (default: the bundled {BundledModels.DefaultTokenizerFileName})." };
        var format = new Option<string>("--output-format") { Description = "id or piece.", DefaultValueFactory = _ => "id" };
        format.AcceptOnlyFromAmong("id", "piece");
        var addBos = new Option<bool>("--add-bos") { Description = "Start every line with the begin-of-sentence token." };
        var addEos = new Option<bool>("--add-eos") { Description = "End every line with the end-of-sentence token." };
        var command = new Command("tokenize", "Encode standard input line by line, like spm_encode.") { model, format, addBos, addEos };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(model) ?? BundledModels.DefaultTokenizerPath;
            SentencePieceTokenizer tokenizer;
            try
            {
                tokenizer = SentencePieceTokenizer.Load(path);
            }
            catch (SentencePieceModelException exception)
            {
                error.WriteLine($"redpajama: {exception.Message}");
                return ExitCodes.Failed;
            }

            TokenizeOutputFormat outputFormat = parse.GetValue(format) == "piece" ? TokenizeOutputFormat.Piece : TokenizeOutputFormat.Id;
            using Stream input = Console.OpenStandardInput();
            using Stream output = Console.OpenStandardOutput();
            Run(tokenizer, input, output, outputFormat, parse.GetValue(addBos), parse.GetValue(addEos));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Tokenizes every line of <paramref name="input"/> into <paramref name="output"/>.</summary>
    /// <param name="tokenizer">The model.</param>
    /// <param name="input">UTF-8 text (malformed bytes are handled as SentencePiece does).</param>
    /// <param name="output">Receives one line per input line.</param>
    /// <param name="format">Ids or pieces.</param>
    /// <param name="addBos">Prepend the begin-of-sentence token.</param>
    /// <param name="addEos">Append the end-of-sentence token.</param>
    /// <returns>The number of lines.</returns>
    public static long Run(SentencePieceTokenizer tokenizer, Stream input, Stream output, TokenizeOutputFormat format, bool addBos, bool addEos)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        var lines = new LineSplitter(input);
        using var buffered = new BufferedStream(output, 1 << 16);
        var ids = new List<int>();
        var pieces = new List<string>();
        Span<byte> number = stackalloc byte[16];
        long count = 0;
        while (lines.TryReadLine(out ReadOnlySpan<byte> line))
        {
            count++;
            if (format == TokenizeOutputFormat.Id)
            {
                ids.Clear();
                tokenizer.EncodeUtf8(line, ids, addBos, addEos);
                for (int i = 0; i < ids.Count; i++)
                {
                    if (i > 0)
                    {
                        buffered.WriteByte((byte)' ');
                    }

                    Utf8Formatter.TryFormat(ids[i], number, out int written);
                    buffered.Write(number[..written]);
                }
            }
            else
            {
                pieces.Clear();
                tokenizer.EncodeUtf8ToPieces(line, pieces, addBos, addEos);
                buffered.Write(Encoding.UTF8.GetBytes(string.Join(' ', pieces)));
            }

            buffered.WriteByte((byte)'\n');
        }

        buffered.Flush();
        return count;
    }
}
