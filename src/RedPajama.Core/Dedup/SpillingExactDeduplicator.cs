using System.Buffers.Binary;
using System.Collections;

namespace RedPajama.Dedup;

/// <summary>
/// Exact dedup of more keys than memory holds: (key, position) records are hash-partitioned by the key's top bits
/// into temporary files, then each partition — a fraction of the keys — is read back alone, and every position
/// whose key an earlier position has is marked. The result is one bit per position. The temporary files are deleted
/// at the end, also when the run fails.
/// </summary>
public sealed class SpillingExactDeduplicator : IDisposable
{
    private const int RecordBytes = 24;

    private readonly string _directory;
    private readonly FileStream[] _partitions;
    private readonly BufferedStream[] _writers;
    private readonly byte[] _record = new byte[RecordBytes];
    private long _count;

    /// <summary>Creates the partition files.</summary>
    /// <param name="temporaryDirectory">Where the partitions go (a new subdirectory is made and removed).</param>
    /// <param name="partitions">How many partitions: memory while one is deduplicated is at most 64 bytes × keys / partitions.</param>
    public SpillingExactDeduplicator(string temporaryDirectory, int partitions = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        _directory = Path.Combine(temporaryDirectory, $"exact-dedup-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_directory);
        _partitions = new FileStream[partitions];
        _writers = new BufferedStream[partitions];
        for (int p = 0; p < partitions; p++)
        {
            _partitions[p] = new FileStream(Path.Combine(_directory, $"part-{p:D4}"), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            _writers[p] = new BufferedStream(_partitions[p], 1 << 16);
        }
    }

    /// <summary>Keys added so far; the next key gets this position.</summary>
    public long Count => _count;

    /// <summary>Adds the key of the next position (positions count from 0 in the order keys are added).</summary>
    public void Add(UInt128 key)
    {
        BinaryPrimitives.WriteUInt128LittleEndian(_record, key);
        BinaryPrimitives.WriteInt64LittleEndian(_record.AsSpan(16), _count++);
        int partition = (int)((ulong)(key >> 64) % (ulong)_partitions.Length);
        _writers[partition].Write(_record);
    }

    /// <summary>Marks the positions whose key an earlier position has.</summary>
    /// <returns>One bit per position: set for a duplicate.</returns>
    public BitArray FindDuplicates()
    {
        if (_count > int.MaxValue)
        {
            throw new InvalidOperationException("more than 2^31 keys: split the input");
        }

        var duplicates = new BitArray((int)_count);
        // Each partition's records are in position order, so the first of a key in it is the earliest.
        var seen = new HashKeySet(0);
        byte[] buffer = new byte[RecordBytes << 12];
        foreach ((FileStream file, BufferedStream writer) in _partitions.Zip(_writers))
        {
            writer.Flush();
            file.Position = 0;
            seen.Clear(file.Length / RecordBytes);
            int read;
            while ((read = file.ReadAtLeast(buffer, RecordBytes, throwOnEndOfStream: false)) > 0)
            {
                int whole = read / RecordBytes * RecordBytes;
                if (whole != read)
                {
                    // Keep reading until the buffer holds whole records.
                    file.ReadExactly(buffer.AsSpan(read, RecordBytes - (read - whole)));
                    whole = read + RecordBytes - (read - whole);
                }

                for (int offset = 0; offset < whole; offset += RecordBytes)
                {
                    UInt128 key = BinaryPrimitives.ReadUInt128LittleEndian(buffer.AsSpan(offset));
                    long position = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(offset + 16));
                    if (!seen.Add(key))
                    {
                        duplicates[(int)position] = true;
                    }
                }
            }
        }

        return duplicates;
    }

    /// <summary>Deletes the partition files.</summary>
    public void Dispose()
    {
        foreach (BufferedStream writer in _writers)
        {
            writer.Dispose();
        }

        foreach (FileStream file in _partitions)
        {
            file.Dispose();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Already gone or still held by another process: nothing under a final name depends on it.
        }
    }
}
