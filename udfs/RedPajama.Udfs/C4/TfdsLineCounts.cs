namespace RedPajama.Udfs.C4;

/// <summary>What TFDS C4's <c>clean_page</c> did with a page's lines, one count per upstream <c>lines-*</c> counter.</summary>
/// <param name="TooLongWord">Lines with a word longer than the maximum (<c>lines-with-too-long-word</c>).</param>
/// <param name="NoEndMark">Lines not ending in <c>. ? ! "</c>, or ending in <c>...</c> (<c>lines-no-endmark</c>).</param>
/// <param name="TooShort">Lines with too few words (<c>lines-too-short</c>).</param>
/// <param name="Javascript">Lines mentioning javascript (<c>lines-javascript</c>).</param>
/// <param name="Policy">Terms-of-use, privacy and cookie lines (<c>lines-policy</c>).</param>
/// <param name="Valid">Lines kept (<c>lines-valid</c>).</param>
public readonly record struct TfdsLineCounts(int TooLongWord, int NoEndMark, int TooShort, int Javascript, int Policy, int Valid);
