using Microsoft.Spark;
using Microsoft.Spark.Interop.Ipc;

namespace RedPajama.Spark;

/// <summary>Questions about a Spark path: answered by the Hadoop filesystem of that path (through the JVM bridge), or
/// from the path alone (<see cref="LocalPath"/>).</summary>
public static class HadoopPaths
{
    /// <summary>
    /// The local path a Hadoop path names on this machine: a <c>file:</c> URI as Hadoop writes it (<c>file:/x</c>,
    /// <c>file:///x</c>, <c>file://localhost/x</c>; percent-escapes decoded) or a path without a scheme; null for any
    /// other filesystem (<c>hdfs:</c>, <c>s3a:</c>, URLs).
    /// </summary>
    /// <param name="path">A path as given or as Spark lists it.</param>
    /// <returns>The local path, or null.</returns>
    public static string? LocalPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith("file:", StringComparison.Ordinal))
        {
            return path.Contains(":/", StringComparison.Ordinal) ? null : path;
        }

        string rest = path["file:".Length..];
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            // An authority: empty (file:///x) or localhost; another host is not this machine's.
            int slash = rest.IndexOf('/', 2);
            string host = slash < 0 ? rest[2..] : rest[2..slash];
            if (host.Length > 0 && !host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            rest = slash < 0 ? "/" : rest[slash..];
        }

        return Uri.UnescapeDataString(rest);
    }

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
