namespace RedPajama.Engine;

/// <summary>Live counters of a running job, updated by workers and read by a progress display.</summary>
public sealed class RunProgress
{
    private long _documentsRead;
    private long _bytesRead;
    private long _dropped;
    private long _written;
    private int _inputsDone;

    /// <summary>The current phase (<c>read</c>, <c>keyed:exact_dedup</c>, <c>write</c>, <c>done</c>).</summary>
    public string Phase { get; set; } = "start";

    /// <summary>Number of input files of the run.</summary>
    public int InputsTotal { get; set; }

    /// <summary>Input files finished.</summary>
    public int InputsDone => Volatile.Read(ref _inputsDone);

    /// <summary>Records read so far.</summary>
    public long DocumentsRead => Interlocked.Read(ref _documentsRead);

    /// <summary>Input bytes of finished files.</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <summary>Documents dropped so far.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Documents written so far.</summary>
    public long Written => Interlocked.Read(ref _written);

    internal void AddRead(long count) => Interlocked.Add(ref _documentsRead, count);

    internal void AddDropped(long count) => Interlocked.Add(ref _dropped, count);

    internal void AddWritten(long count) => Interlocked.Add(ref _written, count);

    internal void InputDone(long bytes)
    {
        Interlocked.Add(ref _bytesRead, bytes);
        Interlocked.Increment(ref _inputsDone);
    }
}
