using Microsoft.Spark;
using Microsoft.Spark.Interop.Ipc;

namespace RedPajama.Spark;

/// <summary>Questions about a Spark path answered by the Hadoop filesystem of that path (through the JVM bridge).</summary>
public static class HadoopPaths
{
    /// <summary>Whether <paramref name="path"/> names an existing file (false for a directory, a glob or nothing).</summary>
    /// <param name="context">The Spark context, for its Hadoop configuration.</param>
    /// <param name="path">A Spark path.</param>
    /// <returns>True for a file.</returns>
    public static bool IsFile(SparkContext context, string path) => Ask(context, path, "isFile");

    /// <summary>Whether <paramref name="path"/> exists (false for a glob).</summary>
    /// <param name="context">The Spark context, for its Hadoop configuration.</param>
    /// <param name="path">A Spark path.</param>
    /// <returns>True when it exists.</returns>
    public static bool Exists(SparkContext context, string path) => Ask(context, path, "exists");

    private static bool Ask(SparkContext context, string path, string method)
    {
        ArgumentNullException.ThrowIfNull(context);
        JvmObjectReference configuration = ((IJvmObjectReferenceProvider)context.HadoopConfiguration()).Reference;
        var hadoopPath = (JvmObjectReference)configuration.Jvm.CallConstructor("org.apache.hadoop.fs.Path", path);
        var fileSystem = (JvmObjectReference)hadoopPath.Invoke("getFileSystem", configuration);
        return (bool)fileSystem.Invoke(method, hadoopPath);
    }
}
