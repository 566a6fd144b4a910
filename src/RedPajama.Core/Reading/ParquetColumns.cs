using Parquet;
using Parquet.Schema;

namespace RedPajama.Reading;

/// <summary>Reads one flat Parquet column of a row group as boxed values, nulls in place.</summary>
internal static class ParquetColumns
{
    // Values are read "raw" — non-null values packed, plus definition levels — because Parquet.Net 6.1's
    // ReadAsync(field, Memory<string>) packs the non-null values of a nullable column without placing its nulls.
    public static object?[] Read(ParquetRowGroupReader rows, DataField field, int count)
    {
        Type type = field.ClrType;
        // Parquet.Net reports UTF-8 columns as string or as ReadOnlyMemory<char>, depending on the writer's schema.
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            return ReadRaw<ReadOnlyMemory<char>>(rows, field, count, static v => v.ToString());
        }

        if (type == typeof(long))
        {
            return ReadRaw<long>(rows, field, count, static v => v);
        }

        if (type == typeof(int))
        {
            return ReadRaw<int>(rows, field, count, static v => v);
        }

        if (type == typeof(double))
        {
            return ReadRaw<double>(rows, field, count, static v => v);
        }

        if (type == typeof(float))
        {
            return ReadRaw<float>(rows, field, count, static v => v);
        }

        if (type == typeof(bool))
        {
            return ReadRaw<bool>(rows, field, count, static v => v);
        }

        // Other column types are not meta values RedPajama writes; they read as null.
        return new object?[count];
    }

    private static object?[] ReadRaw<T>(ParquetRowGroupReader rows, DataField field, int count, Func<T, object> box)
        where T : struct
    {
        T[] values = new T[count];
        int maxLevel = field.MaxDefinitionLevel;
        int[] levels = new int[count];
        rows.ReadRawAsync<T>(field, values, levels, null).AsTask().GetAwaiter().GetResult();
        object?[] result = new object?[count];
        int next = 0;
        for (int row = 0; row < count; row++)
        {
            if (levels[row] == maxLevel)
            {
                result[row] = box(values[next++]);
            }
        }

        return result;
    }
}
