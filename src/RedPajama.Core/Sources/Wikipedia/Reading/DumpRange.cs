namespace RedPajama.Sources.Wikipedia.Reading;

/// <summary>A run of whole bzip2 streams of a multistream dump, decoded on its own.</summary>
/// <param name="Start">Byte offset of its first stream.</param>
/// <param name="End">Byte offset where its last stream ends (the next range's start, or the file's length).</param>
/// <param name="FirstPage">Ordinal (from 0) of its first page in the dump when the index tells it; else null.</param>
public sealed record DumpRange(long Start, long End, long? FirstPage);
