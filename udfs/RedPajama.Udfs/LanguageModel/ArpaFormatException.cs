namespace RedPajama.Udfs.LanguageModel;

/// <summary>An n-gram model file that cannot be read: the file, the line (or 0) and what is wrong.</summary>
public sealed class ArpaFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="fileName">The model file.</param>
    /// <param name="line">1-based line number, or 0 when the problem is not on one line.</param>
    /// <param name="problem">What is wrong.</param>
    public ArpaFormatException(string fileName, long line, string problem)
        : base(line > 0 ? $"{fileName}:{line}: {problem}" : $"{fileName}: {problem}")
    {
        FileName = fileName;
        Line = line;
        Problem = problem;
    }

    /// <summary>Creates the exception without details.</summary>
    public ArpaFormatException()
        : this("model", 0, "unknown problem")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ArpaFormatException(string message)
        : this("model", 0, message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ArpaFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = message;
    }

    /// <summary>The model file.</summary>
    public string FileName { get; } = "model";

    /// <summary>1-based line number, 0 when not on a line.</summary>
    public long Line { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; } = string.Empty;
}
