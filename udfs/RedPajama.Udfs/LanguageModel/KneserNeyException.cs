namespace RedPajama.Udfs.LanguageModel;

/// <summary>
/// Training text that lmplz refuses, and so does <see cref="KneserNeyTrainer"/>: a <c>&lt;s&gt;</c>, <c>&lt;/s&gt;</c>
/// or <c>&lt;unk&gt;</c> in it, or counts of counts that give no valid Kneser-Ney discounts.
/// </summary>
public sealed class KneserNeyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KneserNeyException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    public KneserNeyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public KneserNeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
