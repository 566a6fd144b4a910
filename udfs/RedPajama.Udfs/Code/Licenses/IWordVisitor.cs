namespace RedPajama.Udfs.Code.Licenses;

/// <summary>Receives the words of <see cref="LicenseWords.Scan{TVisitor}"/>.</summary>
internal interface IWordVisitor
{
    /// <summary>One word.</summary>
    /// <param name="text">The text.</param>
    /// <param name="start">Where the word starts.</param>
    /// <param name="length">Its length.</param>
    /// <param name="hash">Its <see cref="LicenseVocabulary.Hash"/>.</param>
    void Visit(string text, int start, int length, int hash);
}
