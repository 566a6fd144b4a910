using System.Collections;
using System.Diagnostics;
using DuckDB.NET.Data;
using RedPajama.Engine.Local;

namespace RedPajama.Benchmarks;

/// <summary>
/// The two designs for the local engine's keyed shuffle, on the same keys: the engine's own grouping phase
/// (<see cref="GroupingBenchmark"/>: hash-partitioned entry files, the code every grouped step runs through) and DuckDB (appender → window over the key with a
/// memory limit, spilling to its temp directory). Both mark every position whose key appeared earlier.
/// </summary>
internal static class ShuffleDesigns
{
    public static long Distinct(long keys) => Math.Max(1, keys * 4 / 5);

    public static ShuffleResult SpillFiles(long keys, int memoryMb)
    {
        GroupingBenchmarkResult result = GroupingBenchmark.Run(keys, Distinct(keys), (long)memoryMb << 20, Path.GetTempPath());
        return new ShuffleResult(result.WriteSeconds, result.GroupSeconds, result.Duplicates, result.PeakWorkingSetBytes);
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

    // The same keys as the grouping benchmark, so both designs see one input.
    private static UInt128 Key(long i, long keys) => GroupingBenchmark.Key(i, Distinct(keys));

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
