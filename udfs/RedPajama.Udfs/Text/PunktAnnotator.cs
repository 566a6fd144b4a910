using RedPajama.Udfs.Quality;

namespace RedPajama.Udfs.Text;

/// <summary>
/// Decides whether a Punkt context (the word before a candidate <c>.?!</c>, the mark and what follows it) holds a
/// sentence break: NLTK's <c>text_contains_sentbreak</c> — split the context into words per line, annotate each word
/// by its type (first pass: sentence-end marks, ellipses, abbreviations, other period-final words) and by its
/// successor (second pass: collocations, the orthographic heuristic, frequent sentence starters, initials and
/// numbers), and answer whether any word but the last ends a sentence.
/// </summary>
internal sealed class PunktAnnotator
{
    private const string NumberType = "##number##";

    [ThreadStatic]
    private static Scratch? t_scratch;

    private readonly PunktParameters _parameters;

    public PunktAnnotator(PunktParameters parameters) => _parameters = parameters;

    private enum Orthography
    {
        NotStarter,
        Starter,
        Unknown,
    }

    /// <summary>Whether a word of <paramref name="context"/> other than the last is a sentence break.</summary>
    public bool ContainsSentenceBreak(ReadOnlySpan<char> context)
    {
        Scratch scratch = t_scratch ??= new Scratch();
        bool havePrevious = false;
        PunktToken previous = default;
        int lineStart = 0;
        while (lineStart <= context.Length)
        {
            int newline = context[lineStart..].IndexOf('\n');
            int lineEnd = newline < 0 ? context.Length : lineStart + newline;
            int position = lineStart;
            while (PunktWordTokenizer.Next(context, lineEnd, ref position, out int start, out int end))
            {
                var token = new PunktToken(start, end);
                AnnotateByType(context, ref token, scratch);
                if (havePrevious)
                {
                    AnnotateByContext(context, ref previous, token, scratch);
                    if (previous.SentenceBreak)
                    {
                        return true;
                    }
                }

                previous = token;
                havePrevious = true;
            }

            lineStart = lineEnd + 1;
        }

        return false;
    }

    // NLTK's _first_pass_annotation.
    private void AnnotateByType(ReadOnlySpan<char> context, ref PunktToken token, Scratch scratch)
    {
        ReadOnlySpan<char> text = token.Text(context);
        if (text.Length == 1 && text[0] is '.' or '?' or '!')
        {
            token.SentenceBreak = true;
        }
        else if (text.Length >= 2 && !text.ContainsAnyExcept('.'))
        {
            token.Ellipsis = true;
        }
        else if (text[^1] == '.' && !(text.Length >= 2 && text[^2] == '.'))
        {
            // tok[:-1].lower(), whole or after its last hyphen ("anti-inflam." as "inflam").
            CharBuffer lowered = scratch.First;
            lowered.Clear();
            PythonText.AppendLower(text[..^1], lowered);
            ReadOnlySpan<char> type = lowered.Span;
            WordSet abbreviations = _parameters.AbbreviationTypes;
            if (abbreviations.Contains(type) || abbreviations.Contains(type[(type.LastIndexOf('-') + 1)..]))
            {
                token.Abbreviation = true;
            }
            else
            {
                token.SentenceBreak = true;
            }
        }
    }

    // NLTK's _second_pass_annotation of `first` given the word after it (which has its first-pass annotation only).
    private void AnnotateByContext(ReadOnlySpan<char> context, ref PunktToken first, in PunktToken next, Scratch scratch)
    {
        if (!first.PeriodFinal(context))
        {
            return;
        }

        ReadOnlySpan<char> type = TypeNoPeriod(context, first, scratch.First);
        ReadOnlySpan<char> nextType = next.SentenceBreak ? TypeNoPeriod(context, next, scratch.Second) : Type(context, next, scratch.Second);
        bool isInitial = IsInitial(first.Text(context));

        if (_parameters.Collocations.Count > 0)
        {
            CharBuffer pair = scratch.Pair;
            pair.Clear();
            pair.Append(type);
            pair.Append(PunktParameters.CollocationSeparator);
            pair.Append(nextType);
            if (_parameters.Collocations.Contains(pair.Span))
            {
                first.SentenceBreak = false;
                first.Abbreviation = true;
                return;
            }
        }

        // An abbreviation or ellipsis may also end a sentence, when the next word looks like a sentence's first.
        if ((first.Abbreviation || first.Ellipsis) && !isInitial)
        {
            if (Orthographic(context, next, nextType) == Orthography.Starter)
            {
                first.SentenceBreak = true;
                return;
            }

            if (FirstIsUpper(context, next) && _parameters.SentenceStarters.Contains(nextType))
            {
                first.SentenceBreak = true;
                return;
            }
        }

        // An initial or an ordinal is no sentence break when the next word does not start one.
        if (isInitial || type.SequenceEqual(NumberType))
        {
            Orthography orthography = Orthographic(context, next, nextType);
            if (orthography == Orthography.NotStarter)
            {
                first.SentenceBreak = false;
                first.Abbreviation = true;
                return;
            }

            if (orthography == Orthography.Unknown
                && isInitial
                && FirstIsUpper(context, next)
                && (_parameters.OrthographicContexts.GetValueOrZero(nextType) & PunktOrthography.Lower) == 0)
            {
                first.SentenceBreak = false;
                first.Abbreviation = true;
            }
        }
    }

    // NLTK's _ortho_heuristic: whether the word starts a sentence, judged by the cases it was seen with.
    private Orthography Orthographic(ReadOnlySpan<char> context, in PunktToken token, ReadOnlySpan<char> typeNoSentencePeriod)
    {
        ReadOnlySpan<char> text = token.Text(context);
        if (text.Length == 1 && text[0] is ';' or ':' or ',' or '.' or '!' or '?')
        {
            return Orthography.NotStarter;
        }

        int flags = _parameters.OrthographicContexts.GetValueOrZero(typeNoSentencePeriod);
        if (FirstIsUpper(context, token) && (flags & PunktOrthography.Lower) != 0 && (flags & PunktOrthography.MiddleUpper) == 0)
        {
            return Orthography.Starter;
        }

        if (FirstIsLower(context, token) && ((flags & PunktOrthography.Upper) != 0 || (flags & PunktOrthography.BeginLower) == 0))
        {
            return Orthography.NotStarter;
        }

        return Orthography.Unknown;
    }

    // The token's type: "##number##" for a number, else its Python lower case.
    private static ReadOnlySpan<char> Type(ReadOnlySpan<char> context, in PunktToken token, CharBuffer buffer)
    {
        ReadOnlySpan<char> text = token.Text(context);
        if (IsNumber(text))
        {
            return NumberType;
        }

        buffer.Clear();
        PythonText.AppendLower(text, buffer);
        return buffer.Span;
    }

    // The type without its final period, when it has more than one character.
    private static ReadOnlySpan<char> TypeNoPeriod(ReadOnlySpan<char> context, in PunktToken token, CharBuffer buffer)
    {
        ReadOnlySpan<char> type = Type(context, token, buffer);
        return type.Length > 1 && type[^1] == '.' ? type[..^1] : type;
    }

    // ^-?[\.,]?\d[\d,\.-]*\.?$ with Python's \d (decimal digits of every script).
    private static bool IsNumber(ReadOnlySpan<char> text)
    {
        int i = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        if (i < text.Length && text[i] is '.' or ',')
        {
            i++;
        }

        if (i == text.Length || !PythonText.IsDecimalDigit(PythonText.CodePointAt(text, i, out int width)))
        {
            return false;
        }

        for (i += width; i < text.Length; i += width)
        {
            int codePoint = PythonText.CodePointAt(text, i, out width);
            if (codePoint is not (',' or '.' or '-') && !PythonText.IsDecimalDigit(codePoint))
            {
                return false;
            }
        }

        return true;
    }

    // [^\W\d]\.$ : one word character that is not a digit, then the period.
    private static bool IsInitial(ReadOnlySpan<char> text)
    {
        int codePoint = PythonText.CodePointAt(text, 0, out int width);
        return text.Length == width + 1 && text[^1] == '.' && PythonText.IsWordChar(codePoint) && !PythonText.IsDecimalDigit(codePoint);
    }

    private static bool FirstIsUpper(ReadOnlySpan<char> context, in PunktToken token) => PythonText.IsUpper(PythonText.CodePointAt(context, token.Start, out _));

    private static bool FirstIsLower(ReadOnlySpan<char> context, in PunktToken token) => PythonText.IsLower(PythonText.CodePointAt(context, token.Start, out _));

    // Per-thread buffers for the lower-cased types, so deciding a context allocates nothing.
    private sealed class Scratch
    {
        public CharBuffer First { get; } = new();

        public CharBuffer Second { get; } = new();

        public CharBuffer Pair { get; } = new();
    }
}
