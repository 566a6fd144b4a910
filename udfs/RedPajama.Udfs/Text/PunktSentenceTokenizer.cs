using RedPajama.Udfs.Quality;

namespace RedPajama.Udfs.Text;

/// <summary>
/// Punkt sentence splitting, inference only, as NLTK 3.8's <c>PunktSentenceTokenizer.tokenize(text)</c> (boundaries
/// realigned) does it with the given parameters — what C4's <c>clean_page</c> counts sentences with
/// (<c>tokenizers/punkt/english.pickle</c>; load its <c>punkt_tab/english</c> twin with <see cref="PunktParameters.Load"/>).
/// Every candidate <c>.</c>, <c>?</c> or <c>!</c> followed by a non-word mark or by whitespace and a word is judged on
/// its context (the word before it, the mark, what follows); the sentence then ends after the mark, and closing
/// quotes or brackets after it move into the sentence. Offsets are UTF-16 indexes into the text. Immutable and
/// thread-safe.
/// </summary>
public sealed class PunktSentenceTokenizer
{
    private readonly PunktAnnotator _annotator;

    /// <summary>Creates a tokenizer.</summary>
    /// <param name="parameters">The model.</param>
    public PunktSentenceTokenizer(PunktParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        _annotator = new PunktAnnotator(parameters);
    }

    private interface ISpanSink
    {
        void Add(int start, int end);
    }

    /// <summary>The model.</summary>
    public PunktParameters Parameters { get; }

    /// <summary>The number of sentences, <c>len(tokenizer.tokenize(text))</c>, without building them.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The number of sentences (0 for empty or whitespace-only text).</returns>
    public int CountSentences(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return CountSentences(text.AsSpan());
    }

    /// <summary>The number of sentences of <paramref name="text"/>, without building them.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The number of sentences.</returns>
    public int CountSentences(ReadOnlySpan<char> text)
    {
        var counter = new Counter();
        Split(text, ref counter);
        return counter.Count;
    }

    /// <summary>The sentences' spans, NLTK's <c>span_tokenize(text)</c>, as UTF-16 offsets.</summary>
    /// <param name="text">The text.</param>
    /// <returns>(start, end) of each sentence, in order.</returns>
    public IReadOnlyList<(int Start, int End)> SpanTokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var collector = new Collector(new List<(int, int)>());
        Split(text, ref collector);
        return collector.Spans;
    }

    /// <summary>The sentences, NLTK's <c>tokenize(text)</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>Each sentence's text, in order.</returns>
    public IReadOnlyList<string> Tokenize(string text)
    {
        IReadOnlyList<(int Start, int End)> spans = SpanTokenize(text);
        var sentences = new string[spans.Count];
        for (int i = 0; i < sentences.Length; i++)
        {
            sentences[i] = text[spans[i].Start..spans[i].End];
        }

        return sentences;
    }

    // NLTK's span_tokenize: _slices_from_text over _match_potential_end_contexts, through _realign_boundaries.
    private void Split<TSink>(ReadOnlySpan<char> text, ref TSink sink)
        where TSink : struct, ISpanSink
    {
        var realigner = new Realigner();
        int lastBreak = 0;

        // The previous candidate, held back until the next one shows that its context does not overlap.
        bool havePrevious = false;
        int previousMark = 0;
        int previousAfterEnd = 0;
        int previousNextWord = 0;
        int previousWordStart = 0;

        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('.' or '?' or '!') || !FollowedByBoundaryContext(text, i, out int afterEnd, out int nextWord))
            {
                continue;
            }

            // The word before the mark: after the last ASCII whitespace since the previous mark (one at that mark's
            // own index does not count), else the previous candidate's word start.
            int wordStart = previousWordStart;
            int previousStop = havePrevious ? previousMark : 0;
            for (int j = i - 1; j > previousStop; j--)
            {
                if (text[j] is ' ' or '\t' or '\n' or '\r' or '\v' or '\f')
                {
                    wordStart = j + 1;
                    break;
                }
            }

            if (havePrevious && previousMark <= wordStart)
            {
                Decide(text, previousWordStart, previousMark, previousAfterEnd, previousNextWord, ref lastBreak, ref realigner, ref sink);
            }

            havePrevious = true;
            previousMark = i;
            previousAfterEnd = afterEnd;
            previousNextWord = nextWord;
            previousWordStart = wordStart;
        }

        if (havePrevious)
        {
            Decide(text, previousWordStart, previousMark, previousAfterEnd, previousNextWord, ref lastBreak, ref realigner, ref sink);
        }

        // The last sentence has no trailing whitespace.
        realigner.Add(text, lastBreak, PythonText.RightStrip(text).Length, ref sink);
        realigner.Finish(ref sink);
    }

    // A sentence ends after the mark when its context holds a break; the next starts at the following word, or right
    // after the mark when a non-word character follows it.
    private void Decide<TSink>(ReadOnlySpan<char> text, int wordStart, int mark, int afterEnd, int nextWord, ref int lastBreak, ref Realigner realigner, ref TSink sink)
        where TSink : struct, ISpanSink
    {
        if (_annotator.ContainsSentenceBreak(text[wordStart..afterEnd]))
        {
            realigner.Add(text, lastBreak, mark + 1, ref sink);
            lastBreak = nextWord >= 0 ? nextWord : mark + 1;
        }
    }

    // period_context_re's lookahead after the mark at i: a non-word character, or whitespace then a word (\S+, taken
    // whole). nextWord is -1 for the first.
    private static bool FollowedByBoundaryContext(ReadOnlySpan<char> text, int i, out int afterEnd, out int nextWord)
    {
        afterEnd = 0;
        nextWord = -1;
        int j = i + 1;
        if (j >= text.Length)
        {
            return false;
        }

        if (PunktWordTokenizer.IsNonWord(text[j]))
        {
            afterEnd = j + 1;
            return true;
        }

        if (!PythonText.IsSpace(text[j]))
        {
            return false;
        }

        while (j < text.Length && PythonText.IsSpace(text[j]))
        {
            j++;
        }

        if (j == text.Length)
        {
            return false;
        }

        nextWord = j;
        while (j < text.Length && !PythonText.IsSpace(text[j]))
        {
            j++;
        }

        afterEnd = j;
        return true;
    }

    // NLTK's _realign_boundaries over the slices as they come: closing quotes and brackets that start a sentence
    // (up to whitespace, "--" or its end) move to the end of the sentence before.
    private struct Realigner
    {
        private bool _havePending;
        private int _pendingStart;
        private int _pendingEnd;
        private int _realign;

        public void Add<TSink>(ReadOnlySpan<char> text, int start, int end, ref TSink sink)
            where TSink : struct, ISpanSink
        {
            if (_havePending)
            {
                int previousStart = _pendingStart + _realign;
                if (LeadingClosers(text, start, end, out int closers, out int matchLength))
                {
                    sink.Add(previousStart, start + closers);
                    _realign = matchLength;
                }
                else
                {
                    _realign = 0;
                    if (previousStart < _pendingEnd)
                    {
                        sink.Add(previousStart, _pendingEnd);
                    }
                }
            }

            _havePending = true;
            _pendingStart = start;
            _pendingEnd = end;
        }

        public readonly void Finish<TSink>(ref TSink sink)
            where TSink : struct, ISpanSink
        {
            int start = _pendingStart + _realign;
            if (_havePending && start < _pendingEnd)
            {
                sink.Add(start, _pendingEnd);
            }
        }

        // re_boundary_realignment.match(text[start:end]): ["')\]}]+? then \s+, (?=--) or $ (of the slice).
        private static bool LeadingClosers(ReadOnlySpan<char> text, int start, int end, out int closers, out int matchLength)
        {
            int q = start;
            while (q < end && text[q] is '"' or '\'' or ')' or ']' or '}')
            {
                q++;
                if (q == end || (q + 1 < end && text[q] == '-' && text[q + 1] == '-'))
                {
                    closers = matchLength = q - start;
                    return true;
                }

                if (PythonText.IsSpace(text[q]))
                {
                    closers = q - start;
                    while (q < end && PythonText.IsSpace(text[q]))
                    {
                        q++;
                    }

                    matchLength = q - start;
                    return true;
                }
            }

            closers = matchLength = 0;
            return false;
        }
    }

    private struct Counter : ISpanSink
    {
        public int Count { get; private set; }

        public void Add(int start, int end) => Count++;
    }

    private readonly struct Collector(List<(int, int)> spans) : ISpanSink
    {
        public List<(int, int)> Spans { get; } = spans;

        public void Add(int start, int end) => Spans.Add((start, end));
    }
}
