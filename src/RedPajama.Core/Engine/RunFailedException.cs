namespace RedPajama.Engine;

/// <summary>A run could not start or finish for a reason the user can fix (bad output directory, no input).</summary>
public sealed class RunFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RunFailedException()
    {
    }

    /// <summary>Creates the exception with a message for the user.</summary>
    /// <param name="message">What went wrong, naming the file or setting.</param>
    public RunFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message for the user and its cause.</summary>
    /// <param name="message">What went wrong, naming the file or setting.</param>
    /// <param name="innerException">The cause.</param>
    public RunFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
