namespace RedPajama.Udfs.FastText;

/// <summary>A fastText model file that cannot be used: the file, the byte offset and what is wrong.</summary>
public sealed class FastTextModelException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="modelName">The file (or a description of the bytes).</param>
    /// <param name="offset">Byte offset where the problem was found.</param>
    /// <param name="problem">What is wrong.</param>
    public FastTextModelException(string modelName, long offset, string problem)
        : base($"{modelName}: not a usable fastText model at byte {offset}: {problem}")
    {
        ModelName = modelName;
        Offset = offset;
        Problem = problem;
    }

    /// <summary>Creates the exception without details.</summary>
    public FastTextModelException()
        : this("model", 0, "unknown problem")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public FastTextModelException(string message)
        : this("model", 0, message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public FastTextModelException(string message, Exception innerException)
        : base(message, innerException)
    {
        ModelName = "model";
        Problem = message;
    }

    /// <summary>The model file.</summary>
    public string ModelName { get; } = "model";

    /// <summary>Byte offset of the problem.</summary>
    public long Offset { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; } = string.Empty;
}
