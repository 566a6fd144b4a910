using System.Reflection;
using Microsoft.Spark.Sql;

namespace RedPajama.Tests.Spark.Worker;

/// <summary>
/// The command bytes the driver side of Microsoft.Spark 2.3.1 sends for a UDF. <c>Functions.Udf</c> needs the JVM
/// bridge only to register the result; the bytes come from <c>UdfUtils.CreateUdfWrapper</c> and
/// <c>CommandSerDe.Serialize(wrapper, Row, Row)</c>, internal classes called here by reflection, so the payload is
/// the real serialisation of the real delegate (its target's fields through <c>UdfSerDe</c>, MessagePack).
/// </summary>
internal static class UdfCommand
{
    private static readonly Assembly MicrosoftSpark = typeof(Functions).Assembly;

    /// <summary>What <c>Functions.Udf&lt;T1, T2&gt;(Func&lt;T1, T2, Row&gt;, StructType)</c> serialises.</summary>
    public static byte[] Serialize<T1, T2, TResult>(Func<T1, T2, TResult> udf) => Serialize(Wrap(udf, typeof(T1), typeof(T2), typeof(TResult)));

    /// <summary>What <c>Functions.Udf&lt;T1, T2, T3, TResult&gt;(Func&lt;T1, T2, T3, TResult&gt;)</c> serialises.</summary>
    public static byte[] Serialize<T1, T2, T3, TResult>(Func<T1, T2, T3, TResult> udf) => Serialize(Wrap(udf, typeof(T1), typeof(T2), typeof(T3), typeof(TResult)));

    /// <summary>What <c>Functions.Udf&lt;T1, T2, T3, T4, TResult&gt;(Func&lt;T1, T2, T3, T4, TResult&gt;)</c> serialises.</summary>
    public static byte[] Serialize<T1, T2, T3, T4, TResult>(Func<T1, T2, T3, T4, TResult> udf) => Serialize(Wrap(udf, typeof(T1), typeof(T2), typeof(T3), typeof(T4), typeof(TResult)));

    /// <summary>What <c>Functions.Udf&lt;T, TResult&gt;(Func&lt;T, TResult&gt;)</c> serialises.</summary>
    public static byte[] Serialize<T, TResult>(Func<T, TResult> udf) => Serialize(Wrap(udf, typeof(T), typeof(TResult)));

    private static Delegate Wrap(Delegate udf, params Type[] types)
    {
        Type utils = Internal("Microsoft.Spark.Utils.UdfUtils");
        MethodInfo create = utils.GetMethods(BindingFlags.Static | BindingFlags.NonPublic)
            .Single(m => m.Name == "CreateUdfWrapper" && m.GetGenericArguments().Length == types.Length);
        return (Delegate)create.MakeGenericMethod(types).Invoke(null, [udf])!;
    }

    private static byte[] Serialize(Delegate wrapper)
    {
        Type commandSerDe = Internal("Microsoft.Spark.Utils.CommandSerDe");
        Type mode = commandSerDe.GetNestedType("SerializedMode", BindingFlags.NonPublic)!;
        object row = Enum.Parse(mode, "Row");
        MethodInfo serialize = commandSerDe.GetMethod("Serialize", BindingFlags.Static | BindingFlags.NonPublic, [typeof(Delegate), mode, mode])!;
        try
        {
            return (byte[])serialize.Invoke(null, [wrapper, row, row])!;
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            // The driver would fail at Functions.Udf with this exception: show it, not the reflection wrapper.
            throw exception.InnerException;
        }
    }

    private static Type Internal(string name) =>
        MicrosoftSpark.GetType(name, throwOnError: true)!;
}
