using System.Collections;
using System.Diagnostics;
using DuckDB.NET.Data;
using RedPajama.Dedup;

namespace RedPajama.Benchmarks;

/// <summary>
/// The two designs for the local engine's keyed shuffle, on the same keys: our own hash-partitioned spill files
/// (<see cref="SpillingExactDeduplicator"/>, what the engine uses) and DuckDB (appender → window over the key with a
/// memory limit, spilling to its temp directory). Both mark every position whose key appeared earlier.
/// </summary>
internal static class ShuffleDesigns
{
    public static long Distinct(long keys) => Math.Max(1, keys * 4 / 5);

    public static ShuffleResult SpillFiles(long keys, int memoryMb)
    {
        string directory = Directory.CreateTempSubdirectory("rp-bench-spill-").FullName;
        try
        {
            var stopwatch = Stopwatch.StartNew();
            // At most 64 bytes per key of a partition in memory (a hash set at most half full): partitions sized to the budget.
            int partitions = (int)Math.Clamp(keys * 64 / ((long)memoryMb << 20) + 1, 1, 4096);
            using var deduplicator = new SpillingExactDeduplicator(directory, partitions);
            for (long i = 0; i < keys; i++)
            {
                deduplicator.Add(Key(i, keys));
            }

            double load = stopwatch.Elapsed.TotalSeconds;
            BitArray duplicates = deduplicator.FindDuplicates();
            double dedup = stopwatch.Elapsed.TotalSeconds - load;
            return new ShuffleResult(load, dedup, Count(duplicates), Process.GetCurrentProcess().PeakWorkingSet64);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public static ShuffleResult DuckDb(long keys, int memoryMb)
    {
        string directory = Directory.CreateTempSubdirectory("rp-bench-duckdb-").FullName;
        try
        {
            var stopwatch = Stopwatch.StartNew();
            using var connection = new DuckDBConnection($"DataSource={Path.Combine(directory, "keys.duckdb")}");
            connection.Open();
            Execute(connection, $"SET memory_limit = '{memoryMb}MB'; SET temp_directory = '{directory.Replace("'", "''", StringComparison.Ordinal)}'; SET preserve_insertion_order = false;");
            Execute(connection, "CREATE TABLE keys (high UBIGINT, low UBIGINT, position BIGINT)");
            using (DuckDBAppender appender = connection.CreateAppender("keys"))
            {
                for (long i = 0; i < keys; i++)
                {
                    UInt128 key = Key(i, keys);
                    appender.CreateRow().AppendValue((ulong)(key >> 64)).AppendValue((ulong)key).AppendValue(i).EndRow();
                }
            }

            double load = stopwatch.Elapsed.TotalSeconds;
            var duplicates = new BitArray(checked((int)keys));
            using (DuckDBCommand command = connection.CreateCommand())
            {
                command.CommandText = "SELECT position FROM keys QUALIFY row_number() OVER (PARTITION BY high, low ORDER BY position) > 1";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    duplicates[(int)reader.GetInt64(0)] = true;
                }
            }

            double dedup = stopwatch.Elapsed.TotalSeconds - load;
            return new ShuffleResult(load, dedup, Count(duplicates), Process.GetCurrentProcess().PeakWorkingSet64);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    // Key i · 2654435761 mod distinct, mixed: every distinct key recurs, in a scattered order (as bench-exact-dedup).
    private static UInt128 Key(long i, long keys) =>
        new UInt128(0x9E3779B97F4A7C15UL, (ulong)(i * 2654435761L % Distinct(keys))) * 0xBF58476D1CE4E5B9UL;

    private static long Count(BitArray bits)
    {
        long count = 0;
        for (int i = 0; i < bits.Length; i++)
        {
            count += bits[i] ? 1 : 0;
        }

        return count;
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using DuckDBCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
