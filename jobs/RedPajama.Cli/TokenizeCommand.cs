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
        format.MustBeOneOf("id", "piece");
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
        var pending = new OutputBuffer(output);
        var ids = new List<int>();
        var pieces = new List<string>();
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
                        pending.Append((byte)' ');
                    }

                    pending.AppendNumber(ids[i]);
                }
            }
            else
            {
                pieces.Clear();
                tokenizer.EncodeUtf8ToPieces(line, pieces, addBos, addEos);
                for (int i = 0; i < pieces.Count; i++)
                {
                    if (i > 0)
                    {
                        pending.Append((byte)' ');
                    }

                    pending.AppendText(pieces[i]);
                }
            }

            pending.Append((byte)'\n');
        }

        pending.Flush();
        return count;
    }

    /// <summary>Collects output bytes and writes them in 64 KB blocks; the target stream stays the caller's.</summary>
    private sealed class OutputBuffer(Stream target)
    {
        private readonly byte[] _buffer = new byte[1 << 16];
        private int _used;

        public void Append(byte value)
        {
            if (_used == _buffer.Length)
            {
                Flush();
            }

            _buffer[_used++] = value;
        }

        public void AppendNumber(int value)
        {
            if (_buffer.Length - _used < 11)
            {
                Flush();
            }

            Utf8Formatter.TryFormat(value, _buffer.AsSpan(_used), out int written);
            _used += written;
        }

        public void AppendText(string text)
        {
            int needed = Encoding.UTF8.GetByteCount(text);
            if (_buffer.Length - _used < needed)
            {
                Flush();
                if (needed > _buffer.Length)
                {
                    target.Write(Encoding.UTF8.GetBytes(text));
                    return;
                }
            }

            _used += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_used));
        }

        public void Flush()
        {
            target.Write(_buffer, 0, _used);
            _used = 0;
        }
    }
}
