using Microsoft.Spark;
using Microsoft.Spark.Interop.Ipc;

namespace RedPajama.Spark;

/// <summary>
/// Writes a small file beside the output through Hadoop's <c>FileSystem</c> of the output path, so it lands wherever
/// Spark wrote the Parquet (local, <c>hdfs://</c>, <c>s3a://</c>, <c>dbfs:/</c>). Microsoft.Spark wraps only
/// <c>FileSystem.Get/Delete/Exists</c> of the default filesystem, so this goes through the JVM bridge:
/// <c>new Path(dir, name).getFileSystem(conf).create(path, true)</c>.
/// </summary>
public static class HadoopOutputFile
{
    /// <summary>Creates or replaces <paramref name="directory"/>/<paramref name="name"/> with <paramref name="content"/>.</summary>
    /// <param name="context">The Spark context, for its Hadoop configuration.</param>
    /// <param name="directory">The output directory (a Spark path).</param>
    /// <param name="name">The file name.</param>
    /// <param name="content">The bytes (empty for a marker).</param>
    public static void Write(SparkContext context, string directory, string name, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(content);
        JvmObjectReference configuration = ((IJvmObjectReferenceProvider)context.HadoopConfiguration()).Reference;
        var path = (JvmObjectReference)configuration.Jvm.CallConstructor("org.apache.hadoop.fs.Path", directory, name);
        var fileSystem = (JvmObjectReference)path.Invoke("getFileSystem", configuration);
        var stream = (JvmObjectReference)fileSystem.Invoke("create", path, true);
        try
        {
            if (content.Length > 0)
            {
                stream.Invoke("write", content);
            }
        }
        finally
        {
            // close() is what makes the file visible on object stores (S3A uploads on close).
            stream.Invoke("close");
        }
    }
}
