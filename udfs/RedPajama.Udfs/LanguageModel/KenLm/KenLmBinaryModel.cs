using System.Buffers;
using System.IO.MemoryMappedFiles;
using System.Text;

namespace RedPajama.Udfs.LanguageModel.KenLm;

/// <summary>
/// A KenLM binary model (<c>build_binary</c>'s <c>probing</c> or <c>trie</c>, quantised or array-compressed) mapped
/// read-only and scored in place, as KenLM scores: nothing is copied into managed memory, so processes on one machine
/// share the page cache's copy of a multi-GB model. Thread-safe: the mapping is never written.
/// </summary>
internal abstract unsafe class KenLmBinaryModel : IDisposable
{
    private MemoryMappedFile? _mapping;
    private MemoryMappedViewAccessor? _view;

    /// <summary>Takes ownership of the mapping.</summary>
    private protected KenLmBinaryModel(KenLmBinaryHeader header, MemoryMappedFile mapping, MemoryMappedViewAccessor view)
    {
        Header = header;
        _mapping = mapping;
        _view = view;
    }

    /// <summary>The header.</summary>
    public KenLmBinaryHeader Header { get; }

    /// <summary>Words in the vocabulary, <c>&lt;unk&gt;</c> included.</summary>
    public abstract int VocabularySize { get; }

    /// <summary>Maps <paramref name="path"/> and lays the data structure its header names over it.</summary>
    /// <exception cref="InvalidDataException">Not a complete, readable KenLM binary model (with the reason).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static KenLmBinaryModel Open(string path)
    {
        long length = new FileInfo(path).Length;
        if (length == 0)
        {
            throw new InvalidDataException("the file is empty");
        }

        MemoryMappedFile mapping = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        MemoryMappedViewAccessor? view = null;
        byte* pointer = null;
        try
        {
            view = mapping.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            byte* start = pointer + view.PointerOffset;
            var header = KenLmBinaryHeader.Read(new ReadOnlySpan<byte>(start, (int)Math.Min(length, 4096)));
            if (header.Size > length)
            {
                throw new InvalidDataException("the file ends inside the header");
            }

            byte* data = start + header.Size;
            long available = length - header.Size;
            KenLmBinaryModel model;
            long size;
            uint bound;
            if (header.ModelType is KenLmModelType.Probing or KenLmModelType.RestProbing)
            {
                ProbingSearch probing = ProbingSearch.Open(data, available, header, out size);
                bound = probing.Bound;
                model = new KenLmBinaryModel<ProbingSearch>(header, mapping, view, probing, probing.Bound);
            }
            else
            {
                TrieSearch trie = TrieSearch.Open(data, available, header, out size);
                bound = trie.Bound;
                model = new KenLmBinaryModel<TrieSearch>(header, mapping, view, trie, trie.Bound);
            }

            if (header.HasVocabulary)
            {
                CheckWords(data + size, length - header.Size - size, bound);
            }

            return model;
        }
        catch
        {
            if (pointer != null)
            {
                view!.SafeMemoryMappedViewHandle.ReleasePointer();
            }

            view?.Dispose();
            mapping.Dispose();
            throw;
        }
    }

    /// <summary>Scores a sentence as KenLM's <c>Model.score(sentence, bos, eos)</c> (see <see cref="NGramLanguageModel.ScoreSentence"/>).</summary>
    public SentenceScore ScoreSentence(string sentence, bool bos, bool eos)
    {
        int nul = sentence.IndexOf('\0', StringComparison.Ordinal);
        ReadOnlySpan<char> text = nul < 0 ? sentence : sentence.AsSpan(0, nul);
        int most = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = most > 1024 ? ArrayPool<byte>.Shared.Rent(most) : null;
        Span<byte> buffer = rented ?? stackalloc byte[1024];
        try
        {
            int bytes = Encoding.UTF8.GetBytes(text, buffer);
            return ScoreUtf8(buffer[..bytes], bos, eos);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Scores a sentence given as UTF-8 (no NUL handling: the caller cuts it).</summary>
    public abstract SentenceScore ScoreUtf8(ReadOnlySpan<byte> sentence, bool bos, bool eos);

    /// <summary>The id of a word (0 when unknown).</summary>
    public uint IdOf(string word)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(word);
        return IdOf(bytes);
    }

    /// <summary>The id of a word given as UTF-8 (0 when unknown).</summary>
    public abstract uint IdOf(ReadOnlySpan<byte> word);

    /// <summary>log10 p(word | history) and the n-gram length KenLM reports, history oldest first.</summary>
    public abstract (float LogProbability, int NGramLength) Score(ReadOnlySpan<int> history, int word);

    /// <summary>Releases the mapping.</summary>
    public void Dispose()
    {
        _view?.SafeMemoryMappedViewHandle.ReleasePointer();
        _view?.Dispose();
        _mapping?.Dispose();
        _view = null;
        _mapping = null;
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// The words after the model: <c>&lt;unk&gt;</c> first, then one NUL-terminated string per id, to the end of the
    /// file. Only their count is checked (scoring finds words by hash): a truncated file has fewer.
    /// </summary>
    private static void CheckWords(byte* words, long bytes, uint bound)
    {
        if (bytes < 6 || !new ReadOnlySpan<byte>(words, 6).SequenceEqual("<unk>\0"u8))
        {
            throw new InvalidDataException("the vocabulary strings after the model do not start with <unk> (a truncated or damaged file)");
        }

        long count = 0;
        for (long at = 0; at < bytes; at += int.MaxValue)
        {
            count += new ReadOnlySpan<byte>(words + at, (int)Math.Min(int.MaxValue, bytes - at)).Count((byte)0);
        }

        if (count != bound || words[bytes - 1] != 0)
        {
            throw new InvalidDataException($"the file ends with {count} vocabulary strings; the model has {bound} words (a truncated or damaged file)");
        }
    }
}
