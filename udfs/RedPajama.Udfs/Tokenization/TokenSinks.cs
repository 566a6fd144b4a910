using System.Text;

namespace RedPajama.Udfs.Tokenization;

/// <summary>Receives the tokens of one encoding; struct implementations let the JIT specialise the loop for each output.</summary>
internal interface ITokenSink
{
    /// <summary>One token; <paramref name="unknownSurface"/> is the text of an unknown piece, else empty.</summary>
    void Add(int id, ReadOnlySpan<byte> unknownSurface);

    /// <summary>More text for the unknown token just added (a run of unknown pieces is one token).</summary>
    void ExtendUnknown(ReadOnlySpan<byte> surface);
}

/// <summary>Collects ids.</summary>
internal readonly struct IdSink(List<int> ids) : ITokenSink
{
    public void Add(int id, ReadOnlySpan<byte> unknownSurface) => ids.Add(id);

    public void ExtendUnknown(ReadOnlySpan<byte> surface)
    {
    }
}

/// <summary>Counts tokens.</summary>
internal struct CountSink : ITokenSink
{
    public int Count { get; private set; }

    public void Add(int id, ReadOnlySpan<byte> unknownSurface) => Count++;

    public readonly void ExtendUnknown(ReadOnlySpan<byte> surface)
    {
    }
}

/// <summary>Collects piece strings: the vocabulary's, or an unknown run's own normalised text.</summary>
internal readonly struct PieceSink(List<string> pieces, Vocabulary vocabulary) : ITokenSink
{
    public void Add(int id, ReadOnlySpan<byte> unknownSurface) =>
        pieces.Add(unknownSurface.IsEmpty ? vocabulary.PieceString(id) : Encoding.UTF8.GetString(unknownSurface));

    public void ExtendUnknown(ReadOnlySpan<byte> surface) => pieces[^1] += Encoding.UTF8.GetString(surface);
}
