using System.Text;

namespace RedPajama.Udfs.Quality;

/// <summary>
/// One document cut the ways the signal definitions need, computed once and shared by the families: RedPajama-V2's
/// lines (<c>([^\n]*\n|[^\n]+$)</c>), its normalized words (ASCII punctuation deleted, Python <c>lower()</c>,
/// whitespace split, NFD) laid out as <c>" ".join(words)</c>, and NLTK WordPunct tokens (<c>\w+|[^\w\s]+</c>) of the
/// raw text. Each word also gets a dense id, so n-gram counting compares ints. One instance per thread, reused.
/// </summary>
internal sealed class TextAnalysis
{
    private const int KeepCapacity = 1 << 20;

    private const int InitialInternerCapacity = 1 << 16;

    [ThreadStatic]
    private static TextAnalysis? t_instance;

    private readonly CharBuffer _lineScratch = new();

    /// <summary>Working memory for the families.</summary>
    public SignalScratch Scratch { get; } = new();

    public string Text { get; private set; } = string.Empty;

    /// <summary>Python <c>len(text)</c>.</summary>
    public int TextCodePoints { get; private set; }

    // RedPajama-V2 raw lines: UTF-16 bounds, code-point bounds, and each line's normalized words [first, next line's first).
    public IntList LineStarts { get; } = new();

    public IntList LineEnds { get; } = new();

    public IntList LineCodePointStarts { get; } = new();

    public IntList LineCodePointEnds { get; } = new();

    public IntList LineFirstWords { get; } = new();

    public IntList LineNumericChars { get; } = new();

    // Normalized words: " ".join(words) in Normalized, and one id per word. A word's characters, length and code
    // points are its id's (the interner's first occurrence): an int per word instead of four keeps a huge document's
    // analysis a small multiple of its size.
    public CharBuffer Normalized { get; } = new();

    /// <summary>Code points of each distinct word, by id.</summary>
    public IntList WordIdCodePoints { get; } = new();

    public IntList WordIds { get; } = new();

    public SpanInterner WordInterner { get; } = new();

    public long WordCodePointTotal { get; private set; }

    // WordPunct tokens of the raw text: an id per token, characters at the id's first occurrence in Text.
    /// <summary>Code points of each distinct token, by id.</summary>
    public IntList TokenIdCodePoints { get; } = new();

    public IntList TokenIds { get; } = new();

    public SpanInterner TokenInterner { get; } = new();

    private readonly IntList _splitStarts = new();
    private readonly IntList _splitEnds = new();
    private readonly IntList _splitBreakEnds = new();
    private bool _splitReady;
    private TokenShape[] _shapes = new TokenShape[256];
    private bool _shapesReady;

    public int LineCount => LineStarts.Count;

    public int WordCount => WordIds.Count;

    public int TokenCount => TokenIds.Count;

    /// <summary>The thread's instance, analysing <paramref name="text"/>.</summary>
    public static TextAnalysis For(string text)
    {
        TextAnalysis analysis = t_instance ??= new TextAnalysis();
        analysis.Analyze(text);
        return analysis;
    }

    /// <summary>Releases buffers a huge document grew, so one 10 MB document does not pin memory per thread.</summary>
    public void TrimAfterUse()
    {
        if (Text.Length > KeepCapacity)
        {
            t_instance = null;
        }

        Text = string.Empty;
    }

    /// <summary>
    /// The lines of Python's <c>str.splitlines()</c>, computed on first use: line <c>i</c> is
    /// <c>[starts[i], ends[i])</c> and its break ends at <c>breakEnds[i]</c>.
    /// </summary>
    public (IntList Starts, IntList Ends, IntList BreakEnds) SplitLines()
    {
        if (!_splitReady)
        {
            _splitStarts.Clear();
            _splitEnds.Clear();
            _splitBreakEnds.Clear();
            ReadOnlySpan<char> text = Text;
            int start = 0;
            while (start < text.Length)
            {
                int end = PythonText.LineEnd(text, start, out int breakEnd);
                _splitStarts.Add(start);
                _splitEnds.Add(end);
                _splitBreakEnds.Add(breakEnd);
                start = breakEnd;
            }

            _splitReady = true;
        }

        return (_splitStarts, _splitEnds, _splitBreakEnds);
    }

    /// <summary>The shape of each distinct token id, computed on first use.</summary>
    public ReadOnlySpan<TokenShape> TokenShapes()
    {
        int distinct = TokenInterner.Count;
        if (!_shapesReady)
        {
            if (_shapes.Length < distinct)
            {
                _shapes = new TokenShape[Math.Max(distinct, _shapes.Length * 2)];
            }

            ReadOnlySpan<char> text = Text;
            for (int id = 0; id < distinct; id++)
            {
                _shapes[id] = ShapeOf(text.Slice(TokenInterner.StartOf(id), TokenInterner.LengthOf(id)));
            }

            _shapesReady = true;
        }

        return _shapes.AsSpan(0, distinct);
    }

    private static TokenShape ShapeOf(ReadOnlySpan<char> token)
    {
        TokenShape shape = PythonText.IsUpperString(token) ? TokenShape.IsUpper : TokenShape.None;
        for (int i = 0; i < token.Length;)
        {
            int codePoint = PythonText.CodePointAt(token, i, out int width);
            i += width;
            if (codePoint < 128 && char.IsAsciiLetter((char)codePoint))
            {
                shape |= TokenShape.HasAsciiLetter;
            }

            if (!DatatrovePunctuation.Contains(codePoint))
            {
                shape |= TokenShape.HasNonPunctuation;
            }

            if (PythonText.IsAlpha(codePoint))
            {
                shape |= TokenShape.HasAlpha;
            }
        }

        return shape;
    }

    private void Analyze(string text)
    {
        Text = text;
        _shapesReady = false;
        _splitReady = false;
        TextCodePoints = PythonText.CodePointCount(text);
        SplitLinesAndNormalize();
        Tokenize();
    }

    private void SplitLinesAndNormalize()
    {
        LineStarts.Clear();
        LineEnds.Clear();
        LineCodePointStarts.Clear();
        LineCodePointEnds.Clear();
        LineFirstWords.Clear();
        LineNumericChars.Clear();
        Normalized.Clear();
        WordIdCodePoints.Clear();
        WordIds.Clear();
        WordCodePointTotal = 0;

        // Distinct words grow far slower than the text: a huge document starts with a modest table and grows it.
        WordInterner.Reset(Math.Min(Text.Length / 6 + 16, InitialInternerCapacity));

        // ASCII normalization never lengthens the text: one allocation instead of doublings (each leaving garbage).
        Normalized.EnsureCapacity(Text.Length);

        ReadOnlySpan<char> text = Text;
        int start = 0;
        int codePoint = 0;
        while (start < text.Length)
        {
            int newline = text[start..].IndexOf('\n');
            int end = newline < 0 ? text.Length : start + newline + 1;
            int length = PythonText.CodePointCount(text[start..end]);
            LineStarts.Add(start);
            LineEnds.Add(end);
            LineCodePointStarts.Add(codePoint);
            LineCodePointEnds.Add(codePoint + length);
            LineFirstWords.Add(WordIds.Count);
            LineNumericChars.Add(NormalizeLine(text[start..end]));
            codePoint += length;
            start = end;
        }

        LineFirstWords.Add(WordIds.Count);
    }

    /// <summary>Appends the line's normalized words; returns the number of numeric characters in them.</summary>
    private int NormalizeLine(ReadOnlySpan<char> line)
    {
        return System.Text.Ascii.IsValid(line) ? NormalizeAsciiLine(line) : NormalizeUnicodeLine(line);
    }

    /// <summary>
    /// The all-ASCII case in one pass: punctuation is deleted (it joins, never splits, words), letters are
    /// lower-cased, whitespace ends a word, and NFD changes nothing.
    /// </summary>
    private int NormalizeAsciiLine(ReadOnlySpan<char> line)
    {
        int numeric = 0;
        int wordStart = -1;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (PythonText.IsSpace(c))
            {
                if (wordStart >= 0)
                {
                    AddWord(wordStart, Normalized.Length - wordStart, Normalized.Length - wordStart);
                    wordStart = -1;
                }

                continue;
            }

            if (PythonText.IsAsciiPunctuation(c))
            {
                continue;
            }

            if (wordStart < 0)
            {
                if (WordIds.Count > 0)
                {
                    Normalized.Append(' ');
                }

                wordStart = Normalized.Length;
            }

            Normalized.Append(c is >= 'A' and <= 'Z' ? (char)(c + 32) : c);
            numeric += char.IsAsciiDigit(c) ? 1 : 0;
        }

        if (wordStart >= 0)
        {
            AddWord(wordStart, Normalized.Length - wordStart, Normalized.Length - wordStart);
        }

        return numeric;
    }

    private void AddWord(int start, int length, int codePoints)
    {
        WordCodePointTotal += codePoints;
        WordIds.Add(WordInterner.Intern(Normalized.Span, start, length, out bool added));
        if (added)
        {
            WordIdCodePoints.Add(codePoints);
        }
    }

    private int NormalizeUnicodeLine(ReadOnlySpan<char> line)
    {
        // Punctuation removal, then lower(): the final-sigma context is the text without its ASCII punctuation.
        _lineScratch.Clear();
        bool needsNfd = false;
        for (int i = 0; i < line.Length;)
        {
            char c = line[i];
            if (c < 128)
            {
                if (!PythonText.IsAsciiPunctuation(c))
                {
                    _lineScratch.Append(c is >= 'A' and <= 'Z' ? (char)(c + 32) : c);
                }

                i++;
                continue;
            }

            int codePoint = PythonText.CodePointAt(line, i, out int width);
            PythonText.AppendLowerCodePoint(line, i, width, codePoint, _lineScratch, skipAsciiPunctuation: true);
            i += width;
        }

        ReadOnlySpan<char> lowered = _lineScratch.Span;
        foreach (char c in lowered)
        {
            if (PythonText.MayChangeUnderNfd(c))
            {
                needsNfd = true;
                break;
            }
        }

        if (needsNfd)
        {
            // NFD commutes with the whitespace collapse (it never creates, removes or reorders across whitespace).
            lowered = DecomposeCanonically(lowered);
        }

        int numeric = 0;
        int position = 0;
        while (position < lowered.Length)
        {
            while (position < lowered.Length && PythonText.IsSpace(lowered[position]))
            {
                position++;
            }

            if (position == lowered.Length)
            {
                break;
            }

            int wordStart = position;
            int codePoints = 0;
            while (position < lowered.Length && !PythonText.IsSpace(lowered[position]))
            {
                int codePoint = PythonText.CodePointAt(lowered, position, out int width);
                position += width;
                codePoints++;
                if (PythonText.IsNumeric(codePoint))
                {
                    numeric++;
                }
            }

            if (WordIds.Count > 0)
            {
                Normalized.Append(' ');
            }

            int normalizedStart = Normalized.Length;
            Normalized.Append(lowered[wordStart..position]);
            AddWord(normalizedStart, position - wordStart, codePoints);
        }

        return numeric;
    }

    /// <summary>
    /// Python's <c>unicodedata.normalize("NFD", …)</c>. Lone surrogates and the noncharacters U+FFFE/U+FFFF, which
    /// .NET refuses to normalize, stay as they are (Python keeps them too); the runs between them are normalized
    /// separately, and a run .NET still refuses is kept unnormalized rather than failing the document.
    /// </summary>
    internal static string DecomposeCanonically(ReadOnlySpan<char> text)
    {
        int refused = IndexOfRefused(text);
        if (refused < 0)
        {
            return new string(text).Normalize(NormalizationForm.FormD);
        }

        var output = new StringBuilder(text.Length + 8);
        while (refused >= 0)
        {
            AppendNormalized(output, text[..refused]);
            output.Append(text[refused]);
            text = text[(refused + 1)..];
            refused = IndexOfRefused(text);
        }

        AppendNormalized(output, text);
        return output.ToString();
    }

    private static void AppendNormalized(StringBuilder output, ReadOnlySpan<char> run)
    {
        string value = new(run);
        try
        {
            output.Append(value.Normalize(NormalizationForm.FormD));
        }
        catch (ArgumentException)
        {
            output.Append(value);
        }
    }

    private static int IndexOfRefused(ReadOnlySpan<char> text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || c >= '\uFFFE')
            {
                return i;
            }
        }

        return -1;
    }

    private void Tokenize()
    {
        TokenIdCodePoints.Clear();
        TokenIds.Clear();
        TokenInterner.Reset(Math.Min(Text.Length / 5 + 16, InitialInternerCapacity));
        ReadOnlySpan<char> text = Text;
        int position = 0;
        while (position < text.Length)
        {
            int codePoint = PythonText.CodePointAt(text, position, out int width);
            ushort flags = PythonText.Flags(codePoint);
            if ((flags & PythonText.SpaceFlag) != 0)
            {
                position += width;
                continue;
            }

            // \w+ or [^\w\s]+: a run of one class; characters outside surrogate pairs are classified by table.
            ushort word = (ushort)(flags & PythonText.WordFlag);
            int start = position;
            int codePoints = 1;
            position += width;
            while (position < text.Length)
            {
                char c = text[position];
                if (!char.IsSurrogate(c))
                {
                    flags = PythonText.Flags(c);
                    width = 1;
                }
                else
                {
                    flags = PythonText.Flags(PythonText.CodePointAt(text, position, out width));
                }

                if ((flags & PythonText.SpaceFlag) != 0 || (flags & PythonText.WordFlag) != word)
                {
                    break;
                }

                position += width;
                codePoints++;
            }

            TokenIds.Add(TokenInterner.Intern(text, start, position - start, out bool added));
            if (added)
            {
                TokenIdCodePoints.Add(codePoints);
            }
        }
    }
}
