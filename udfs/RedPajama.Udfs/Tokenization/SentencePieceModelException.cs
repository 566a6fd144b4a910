namespace RedPajama.Udfs.Tokenization;

/// <summary>A SentencePiece model file that cannot be used: unreadable, corrupt, or of an unsupported kind.</summary>
public sealed class SentencePieceModelException : Exception
{
    /// <summary>Creates the exception for <paramref name="source"/>.</summary>
    /// <param name="source">The model file path or name.</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public SentencePieceModelException(string source, string problem, Exception? inner = null)
        : base($"{source}: not a usable SentencePiece model: {problem}", inner)
    {
        ModelName = source;
        Problem = problem;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public SentencePieceModelException()
        : this("(unknown)", "unspecified problem")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public SentencePieceModelException(string message)
        : this("(unknown)", message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public SentencePieceModelException(string message, Exception innerException)
        : this("(unknown)", message, innerException)
    {
    }

    /// <summary>The model file path or name.</summary>
    public string ModelName { get; }

    /// <summary>What is wrong with the model.</summary>
    public string Problem { get; }
}
