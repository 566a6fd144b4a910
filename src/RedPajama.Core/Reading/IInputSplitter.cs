namespace RedPajama.Reading;

/// <summary>
/// A reader that can read some files as independent byte ranges (<see cref="InputRange"/>). Both engines ask it
/// before reading (<see cref="InputSplitting.Split"/>) and give each range to <see cref="IDocumentReader.Read"/> as an
/// input of its own: the range's bytes as the content, the file's path in <see cref="InputFile.Path"/> for anything the
/// reader needs from elsewhere in the file (a dump's header). Records are numbered from 0 in each range.
/// </summary>
public interface IInputSplitter
{
    /// <summary>The ranges a local file is read as, in file order and covering it; none when it is read whole.</summary>
    /// <param name="path">A local file the reader accepts.</param>
    /// <returns>Two or more ranges, or an empty list.</returns>
    /// <exception cref="IOException">The file cannot be examined; the engines then read it whole.</exception>
    /// <exception cref="InvalidDataException">The file cannot be examined; the engines then read it whole.</exception>
    IReadOnlyList<InputRange> Split(string path);
}
