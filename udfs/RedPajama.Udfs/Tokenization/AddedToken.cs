namespace RedPajama.Udfs.Tokenization;

/// <summary>
/// One entry of <c>added_tokens</c>: text cut out whole before pre-tokenisation. <paramref name="Normalized"/> ones are
/// matched in the normalised text, the others in the raw text before normalisation.
/// </summary>
internal readonly record struct AddedToken(int Id, string Content, bool Special, bool Normalized);
