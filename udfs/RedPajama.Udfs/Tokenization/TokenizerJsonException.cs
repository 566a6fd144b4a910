namespace RedPajama.Udfs.Tokenization;

/// <summary>A HuggingFace <c>tokenizer.json</c> that cannot be used: unreadable, malformed, or of an unsupported kind.</summary>
public sealed class TokenizerJsonException : Exception
{
    /// <summary>Creates the exception for <paramref name="source"/>.</summary>
    /// <param name="source">The file path or name.</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public TokenizerJsonException(string source, string problem, Exception? inner = null)
        : base($"{source}: not a usable byte-level BPE tokenizer.json: {problem}", inner)
    {
        ModelName = source;
        Problem = problem;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public TokenizerJsonException()
        : this("(unknown)", "unspecified problem")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public TokenizerJsonException(string message)
        : this("(unknown)", message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public TokenizerJsonException(string message, Exception innerException)
        : this("(unknown)", message, innerException)
    {
    }

    /// <summary>The file path or name.</summary>
    public string ModelName { get; }

    /// <summary>What is wrong with the file.</summary>
    public string Problem { get; }
}
