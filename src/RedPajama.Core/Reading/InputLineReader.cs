namespace RedPajama.Reading;

/// <summary>
/// The lines of resolved input files, read the way <c>run</c> reads JSON lines (<see cref="InputStreams"/>:
/// gzip that fails on a truncated file, zstd; <see cref="ByteLineReader"/>: a length limit, complete lines kept up
/// to a failure). A file that cannot be opened or read to its end does not throw out of the enumeration: its
/// complete lines are returned, then the failure is recorded in <see cref="Errors"/> and the next file is read.
/// One instance reads once; a second pass that must see the same lines passes the first's <see cref="LinesRead"/>.
/// </summary>
/// <param name="files">The input files, in order (<see cref="InputResolver"/>).</param>
/// <param name="maxLineBytes">Lines longer than this are returned with <see cref="InputLine.TooLong"/> set.</param>
public sealed class InputLineReader(IReadOnlyList<InputFile> files, int maxLineBytes)
{
    private readonly List<InputError> _errors = [];
    private readonly long[] _linesRead = new long[(files ?? throw new ArgumentNullException(nameof(files))).Count];
    private bool _started;

    /// <summary>Creates a reader with the default line limit (<see cref="ReadLimits.Default"/>).</summary>
    /// <param name="files">The input files, in order.</param>
    public InputLineReader(IReadOnlyList<InputFile> files)
        : this(files, ReadLimits.Default.MaxLineBytes)
    {
    }

    /// <summary>The files that failed, in order, with the non-blank lines read from each before its failure.</summary>
    public IReadOnlyList<InputError> Errors => _errors;

    /// <summary>Lines (blank ones included) returned from each file, by position in the file list.</summary>
    public IReadOnlyList<long> LinesRead => _linesRead;

    /// <summary>Lines returned with <see cref="InputLine.TooLong"/> set.</summary>
    public long TooLong { get; private set; }

    /// <summary>Reads every file in order.</summary>
    /// <param name="stopAfter">Per file, the number of lines to read at most (the <see cref="LinesRead"/> of an
    /// earlier pass, so a file read up to a failure yields the same lines again); null to read to the end.</param>
    /// <returns>The lines; each is valid until the enumeration moves on.</returns>
    public IEnumerable<InputLine> ReadLines(IReadOnlyList<long>? stopAfter = null)
    {
        if (_started)
        {
            throw new InvalidOperationException("an InputLineReader reads once; create another for a second pass");
        }

        _started = true;
        return Enumerate(stopAfter);
    }

    private IEnumerable<InputLine> Enumerate(IReadOnlyList<long>? stopAfter)
    {
        for (int i = 0; i < files.Count; i++)
        {
            InputFile file = files[i];
            long limit = stopAfter is null ? long.MaxValue : stopAfter[i];
            long records = 0;
            Stream? stream = null;
            try
            {
                ByteLineReader? lines = null;
                while (_linesRead[i] < limit)
                {
                    ReadOnlyMemory<byte> bytes;
                    bool tooLong;
                    try
                    {
                        stream ??= InputStreams.Decompress(InputStreams.OpenRaw(file.Path), file.Path);
                        lines ??= new ByteLineReader(stream, maxLineBytes);
                        if (!lines.ReadLine(out bytes, out tooLong))
                        {
                            break;
                        }
                    }
                    catch (Exception exception) when (InputError.IsInputFailure(exception))
                    {
                        // The input's own failure (missing, unreadable, truncated, corrupt): keep what was read, go on.
                        _errors.Add(new InputError(file.Path, Describe(exception), records));
                        break;
                    }

                    var line = new InputLine(file, ++_linesRead[i], bytes, tooLong);
                    TooLong += tooLong ? 1 : 0;
                    records += line.IsBlank ? 0 : 1;
                    yield return line;
                }
            }
            finally
            {
                stream?.Dispose();
            }
        }
    }

    private static string Describe(Exception exception) => InputError.Describe(exception);
}
