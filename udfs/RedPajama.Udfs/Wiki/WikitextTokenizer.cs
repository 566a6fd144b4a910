using System.Buffers;
using RedPajama.Udfs.Quality;
using static RedPajama.Udfs.Wiki.WikitextContext;

namespace RedPajama.Udfs.Wiki;

/// <summary>
/// Turns wikitext into tokens with mwparserfromhell's grammar: a backtracking recursive-descent tokenizer over
/// "segments" (each markup character alone, the runs between them as one segment), a stack of token stacks tagged with
/// contexts, failed routes remembered by (position, context) so each is tried once, and a recursion limit of 40 beyond
/// which markup is kept as text. Single use: one instance tokenizes one text.
/// </summary>
/// <remarks>
/// Bounded on hostile input: the nesting limit caps the recursion; a work budget proportional to the text's length
/// turns every further construct into text once spent (the same fallback as the nesting limit), so unclosed markup
/// repeated throughout a huge page cannot make the run quadratic; an unclosed comment is searched for once.
/// </remarks>
internal sealed partial class WikitextTokenizer
{
    private const int MaxDepth = 40;
    private const int MaxHeadingClosures = 500;
    private const long BudgetPerSegment = 6;
    private const long BudgetBase = 2_000_000;
    private const string MarkerChars = "{}[]<>|=&'\"#*;:/-!\n";
    private const string UriSchemeChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+.-";
    private const int Start = -1;
    private const int End = -2;

    private static readonly SearchValues<char> s_segmentBreaks = SearchValues.Create(MarkerChars + "\\");

    [ThreadStatic]
    private static Workspace? t_workspace;

    private readonly string _text;
    private readonly int[] _starts;
    private readonly HashSet<(int Head, long Context)> _badRoutes = [];
    private readonly List<Frame> _frames;
    private readonly Workspace _workspace;
    private int _frameCount;
    private int _count;
    private int _head;
    private long _global;
    private int _depth;
    private long _budget;
    private int _headingClosures;
    private int _unclosedCommentFrom = int.MaxValue;

    private WikitextTokenizer(string text, Workspace workspace)
    {
        _text = text;
        _frames = workspace.Frames;
        _workspace = workspace;
        _starts = Segment(workspace);
        _budget = (BudgetPerSegment * _count) + BudgetBase;
    }

    /// <summary>Tokenizes <paramref name="text"/>.</summary>
    public static List<WikitextToken> Tokenize(string text)
    {
        // The thread's workspace is taken for the run (a nested run, which does not happen, would get a fresh one).
        Workspace workspace = t_workspace ?? new Workspace();
        t_workspace = null;
        try
        {
            return new WikitextTokenizer(text, workspace).Parse(0, true).Stack;
        }
        catch (BadRouteException exception)
        {
            throw new InvalidOperationException("the wikitext tokenizer exited with a failed route", exception);
        }
        finally
        {
            workspace.Release();
            t_workspace = workspace;
        }
    }

    /// <summary>Hands a token list that is no longer used (a page's, once its tree is built) to the thread's next run.</summary>
    public static void Recycle(List<WikitextToken> tokens)
    {
        if (t_workspace is { } workspace)
        {
            workspace.Keep(tokens);
        }
    }

    /// <summary>
    /// The working memory a thread's runs share, so pages do not regrow it: frames with their text buffers, spare token
    /// lists and the segment array. Bounded: what a huge page grew is let go.
    /// </summary>
    private sealed class Workspace
    {
        private const int MaxSpareLists = 256;
        private const int MaxListCapacity = 1 << 14;
        private const int MaxStarts = 1 << 20;

        public List<Frame> Frames { get; } = [];

        private readonly Stack<List<WikitextToken>> _spareLists = new();

        public int[] Starts { get; set; } = [];

        /// <summary>An empty token list: a spare one, else a new one.</summary>
        public List<WikitextToken> TakeList() => _spareLists.Count > 0 ? _spareLists.Pop() : [];

        /// <summary>Keeps a list no longer used (emptied) for <see cref="TakeList"/>, unless it is large or enough are kept.</summary>
        public void Keep(List<WikitextToken> tokens)
        {
            tokens.Clear();
            if (tokens.Capacity <= MaxListCapacity && _spareLists.Count < MaxSpareLists)
            {
                _spareLists.Push(tokens);
            }
        }

        /// <summary>Drops references into the finished run's output and what grew too large.</summary>
        public void Release()
        {
            foreach (Frame frame in Frames)
            {
                frame.Release();
            }

            if (Starts.Length > MaxStarts)
            {
                Starts = [];
            }
        }
    }

    /// <summary>One level of the stack of token stacks; pooled by depth (frames are strictly last in, first out).</summary>
    private sealed class Frame
    {
        public List<WikitextToken> Stack { get; private set; } = [];

        public long Context { get; set; }

        public WikitextTextBuffer Buffer { get; } = new();

        public (int Head, long Context) Ident { get; private set; }

        public void Release()
        {
            Stack = [];
            Buffer.Clear();
        }

        public void Reset(long context, (int, long) ident, List<WikitextToken> stack)
        {
            Stack = stack;
            Context = context;
            Ident = ident;
            Buffer.Clear();
        }
    }

    private readonly record struct ParseResult(List<WikitextToken> Stack, int Level);

    private sealed class BadRouteException(long context) : Exception
    {
        public long Context { get; } = context;
    }

    // ---- segments ----
    /// <summary>Where each segment starts, then the text's length (counted first; the array is the workspace's, grown when short).</summary>
    private int[] Segment(Workspace workspace)
    {
        int count = 0;
        Walk(null);
        if (workspace.Starts.Length < count + 1)
        {
            workspace.Starts = new int[count + 1 + (count / 4)];
        }

        int[] starts = workspace.Starts;
        count = 0;
        Walk(starts);
        starts[count] = _text.Length;
        _count = count;
        return starts;

        void Walk(int[]? starts)
        {
            int i = 0;
            ReadOnlySpan<char> text = _text;
            while (i < text.Length)
            {
                if (starts is not null)
                {
                    starts[count] = i;
                }

                count++;
                if (s_segmentBreaks.Contains(text[i]))
                {
                    i++;
                    continue;
                }

                int next = text[i..].IndexOfAny(s_segmentBreaks);
                i = next < 0 ? text.Length : i + next;
            }
        }
    }

    private int At(int delta = 0)
    {
        int index = _head + delta;
        if (index < 0)
        {
            return Start;
        }

        return index >= _count ? End : index;
    }

    private ReadOnlySpan<char> Seg(int index) =>
        index < 0 ? [] : _text.AsSpan(_starts[index], _starts[index + 1] - _starts[index]);

    private string SegString(int index) => index < 0 ? string.Empty : _text.Substring(_starts[index], _starts[index + 1] - _starts[index]);

    private bool Is(int index, char c) => index >= 0 && _starts[index + 1] - _starts[index] == 1 && _text[_starts[index]] == c;

    private bool IsRead(char c, int delta = 0) => Is(At(delta), c);

    /// <summary>Whether a segment is one of mwparserfromhell's markers (start and end of text included).</summary>
    private bool IsMarker(int index)
    {
        if (index < 0)
        {
            return true;
        }

        return _starts[index + 1] - _starts[index] == 1 && MarkerChars.Contains(_text[_starts[index]], StringComparison.Ordinal);
    }

    private bool AtLineStart(int delta) => At(delta) == Start || IsRead('\n', delta);

    private bool SegIsSpace(int index)
    {
        ReadOnlySpan<char> s = Seg(index);
        if (s.IsEmpty)
        {
            return false;
        }

        foreach (char c in s)
        {
            if (!PythonText.IsSpace(c))
            {
                return false;
            }
        }

        return true;
    }

    // ---- stacks ----
    private Frame Top => _frames[_frameCount - 1];

    private List<WikitextToken> Stack => Top.Stack;

    private long Context
    {
        get => Top.Context;
        set => Top.Context = value;
    }

    private WikitextTextBuffer TextBuffer => Top.Buffer;

    private void Push(long context = 0)
    {
        var ident = (_head, context);
        if (_badRoutes.Contains(ident))
        {
            throw new BadRouteException(context);
        }

        if (_frameCount == _frames.Count)
        {
            _frames.Add(new Frame());
        }

        _frames[_frameCount++].Reset(context, ident, _workspace.TakeList());
        _depth++;
    }

    private void PushTextBuffer()
    {
        WikitextTextBuffer buffer = TextBuffer;
        if (buffer.Length > 0)
        {
            Stack.Add(new WikitextToken(WikitextTokenKind.Text, buffer.ToString()));
            buffer.Clear();
        }
    }

    private List<WikitextToken> Pop(bool keepContext = false)
    {
        PushTextBuffer();
        _depth--;
        Frame frame = Top;
        _frameCount--;
        if (keepContext)
        {
            Context = frame.Context;
        }

        return frame.Stack;
    }

    private bool CanRecurse() => _depth < MaxDepth && _budget > 0;

    private void MemoizeBadRoute() => _badRoutes.Add(Top.Ident);

    private BadRouteException FailRoute()
    {
        long context = Context;
        MemoizeBadRoute();
        Pop();
        return new BadRouteException(context);
    }

    private void Emit(WikitextToken token)
    {
        PushTextBuffer();
        Stack.Add(token);
    }

    private void Emit(WikitextTokenKind kind) => Emit(WikitextToken.Bare(kind));

    private void EmitFirst(WikitextToken token)
    {
        PushTextBuffer();
        Stack.Insert(0, token);
    }

    private void EmitText(ReadOnlySpan<char> text) => TextBuffer.Append(text);

    private void EmitText(string text) => TextBuffer.Append(text);

    private void EmitSegment(int index) => TextBuffer.Append(Seg(index));

    private void EmitAll(List<WikitextToken> tokens)
    {
        int first = 0;
        if (tokens.Count > 0 && tokens[0].Kind == WikitextTokenKind.Text)
        {
            EmitText(tokens[0].Text!);
            first = 1;
        }

        PushTextBuffer();
        if (first == 0)
        {
            Stack.AddRange(tokens);
        }
        else
        {
            for (int i = 1; i < tokens.Count; i++)
            {
                Stack.Add(tokens[i]);
            }
        }

        // Every caller hands over a popped frame's list it does not use again: it is reused by a later frame.
        _workspace.Keep(tokens);
    }

    private void EmitTextThenStack(string text)
    {
        List<WikitextToken> stack = Pop();
        EmitText(text);
        if (stack.Count > 0)
        {
            EmitAll(stack);
        }

        _head--;
    }
}
