namespace RedPajama.Udfs.Text;

/// <summary>Text decoded from bytes, with the encoding that was detected.</summary>
/// <param name="Text">The decoded text, without a byte-order mark.</param>
/// <param name="Encoding">The encoding the bytes were read as.</param>
public readonly record struct DecodedText(string Text, TextEncodingKind Encoding);
