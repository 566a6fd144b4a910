using System.Globalization;
using System.Text;
using RedPajama.Udfs.Hashing;
using RedPajama.Udfs.Quality;
using RedPajama.Udfs.Text;

namespace RedPajama.Udfs.C4;

/// <summary>
/// The three-sentence-span dedup of the C4 the T5 paper describes (TFDS <c>c4_utils.py</c> as open-sourced, commit
/// <c>15cd71bf</c>: <c>_emit_url_to_sentences</c>, <c>_remove_sentences_from_text</c>). Each line
/// (<c>text.splitlines()</c>) is cut into Punkt sentences; every window of 3 consecutive sentences (the whole line when
/// it has fewer) is a key, lower-cased, unless all its sentences are bare end marks. A page that must lose a window
/// loses every occurrence of it; the sentences left on a line are joined by one space, empty lines go, and a page with
/// fewer sentences than the minimum is dropped. Thread-safe.
/// </summary>
/// <param name="sentences">The sentence tokenizer (upstream: NLTK Punkt <c>english.pickle</c>).</param>
public sealed class TfdsSentenceWindows(PunktSentenceTokenizer sentences)
{
    /// <summary>Upstream's window size (<c>sentence_window_size=3</c>).</summary>
    public const int WindowSize = 3;

    /// <summary>The keys a page emits, in upstream's order (line by line, window by window).</summary>
    /// <param name="text">The cleaned page text.</param>
    /// <returns>One 128-bit hash per emitted window.</returns>
    public IReadOnlyList<UInt128> Windows(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var keys = new List<UInt128>();
        foreach (Line line in Lines(text, withWindows: true))
        {
            for (int i = 0; i < line.Windows.Length; i++)
            {
                if (line.Emitted[i])
                {
                    keys.Add(line.Windows[i]);
                }
            }
        }

        return keys;
    }

    /// <summary>Removes every occurrence of the windows a page lost from it.</summary>
    /// <param name="text">The cleaned page text.</param>
    /// <param name="lostEntries">Indices into <see cref="Windows"/> of the windows the page must lose.</param>
    /// <param name="remaining">The number of sentences left.</param>
    /// <returns>The lines' remaining sentences joined by spaces, lines joined by <c>\n</c>.</returns>
    public string Remove(string text, IReadOnlyCollection<int> lostEntries, out int remaining)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(lostEntries);

        // One Punkt pass: the lines' sentences serve both the lost windows' hashes and the rejoined text.
        List<Line> lines = Lines(text, withWindows: lostEntries.Count > 0);
        var removed = new HashSet<UInt128>();
        if (lostEntries.Count > 0)
        {
            var lost = new HashSet<int>(lostEntries);
            int entry = 0;
            foreach (Line line in lines)
            {
                for (int i = 0; i < line.Windows.Length; i++)
                {
                    if (line.Emitted[i] && lost.Contains(entry++))
                    {
                        removed.Add(line.Windows[i]);
                    }
                }
            }
        }

        var output = new StringBuilder(text.Length);
        remaining = 0;
        var drop = new HashSet<int>();
        foreach (Line line in lines)
        {
            drop.Clear();
            for (int i = 0; i < line.Windows.Length; i++)
            {
                if (removed.Contains(line.Windows[i]))
                {
                    for (int j = i; j < i + Math.Min(WindowSize, line.Sentences.Count - i); j++)
                    {
                        drop.Add(j);
                    }
                }
            }

            if (line.Sentences.Count == drop.Count)
            {
                continue;
            }

            if (output.Length > 0)
            {
                output.Append('\n');
            }

            bool first = true;
            for (int i = 0; i < line.Sentences.Count; i++)
            {
                if (drop.Contains(i))
                {
                    continue;
                }

                output.Append(first ? string.Empty : " ").Append(line.Sentences[i]);
                first = false;
                remaining++;
            }
        }

        return output.ToString();
    }

    /// <summary>Each line's sentences and, when asked, its windows' hashes and whether upstream emits each.</summary>
    private List<Line> Lines(string text, bool withWindows)
    {
        var lines = new List<Line>();
        foreach (string line in SplitLines(text))
        {
            IReadOnlyList<string> original = sentences.Tokenize(line);
            if (!withWindows)
            {
                lines.Add(new Line(original, [], []));
                continue;
            }

            string[] lowered = Lowered(original);
            var hashes = new UInt128[WindowCount(lowered.Length)];
            var emitted = new bool[hashes.Length];
            for (int i = 0; i < hashes.Length; i++)
            {
                ReadOnlySpan<string> window = Window(lowered, i);
                hashes[i] = Hash(window);
                emitted[i] = !AllEndMarks(window);
            }

            lines.Add(new Line(original, hashes, emitted));
        }

        return lines;
    }

    /// <summary>Python's <c>str.splitlines()</c>.</summary>
    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        int start = 0;
        while (start < text.Length)
        {
            int end = PythonText.LineEnd(text, start, out int next);
            lines.Add(text[start..end]);
            start = next;
        }

        return lines;
    }

    // range(len(s) - min(len(s), 3) + 1): one window (possibly empty) when a line has at most 3 sentences.
    private static int WindowCount(int sentenceCount) => sentenceCount - Math.Min(sentenceCount, WindowSize) + 1;

    private static ReadOnlySpan<string> Window(string[] lowered, int start) =>
        lowered.AsSpan(start, Math.Min(WindowSize, lowered.Length - start));

    private static string[] Lowered(IReadOnlyList<string> sentences)
    {
        var lowered = new string[sentences.Count];
        for (int i = 0; i < lowered.Length; i++)
        {
            lowered[i] = PythonText.Lower(sentences[i]);
        }

        return lowered;
    }

    private static bool AllEndMarks(ReadOnlySpan<string> window)
    {
        foreach (string sentence in window)
        {
            if (sentence is not ("." or "?" or "!" or "\""))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A line's sentences (original case) and its windows (lower-cased keys; emitted unless all end marks).</summary>
    private sealed record Line(IReadOnlyList<string> Sentences, UInt128[] Windows, bool[] Emitted);

    /// <summary>A window's key: its sentences, each prefixed by its length so that no two windows share an encoding.</summary>
    private static UInt128 Hash(ReadOnlySpan<string> window)
    {
        var key = new StringBuilder();
        foreach (string sentence in window)
        {
            key.Append(sentence.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(sentence);
        }

        return ContentHash.Of(key.ToString());
    }
}
