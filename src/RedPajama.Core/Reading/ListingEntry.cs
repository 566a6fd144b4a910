namespace RedPajama.Reading;

/// <summary>One non-blank line of an input listing (<see cref="InputListing"/>): the input it names, or why it names none.</summary>
/// <param name="Line">The line's number in the listing, from 1 (blank lines counted), for messages.</param>
/// <param name="Path">The input: a URL or a full local path, resolved against the listing root; null when malformed.</param>
/// <param name="Error">Why the line names no input (not UTF-8, climbs out of the root, …); null when it does.</param>
public sealed record ListingEntry(long Line, string? Path, string? Error);
