using Microsoft.Spark;
using Microsoft.Spark.Interop.Ipc;

namespace RedPajama.Spark;

/// <summary>
/// <see cref="IOutputFileSystem"/> on the Hadoop filesystem of each path (local, <c>hdfs://</c>, <c>s3a://</c>,
/// <c>dbfs:/</c>), through the JVM bridge: Microsoft.Spark 2.3.1 wraps only <c>FileSystem.Get/Delete/Exists</c> of the
/// default filesystem, so <c>globStatus</c>, <c>rename</c>, <c>mkdirs</c> and <c>FileUtil.copy</c> are invoked on
/// <c>org.apache.hadoop.fs</c> objects directly.
/// </summary>
/// <param name="context">The Spark context, for its Hadoop configuration.</param>
public sealed class HadoopOutputFileSystem(SparkContext context) : IOutputFileSystem
{
    private readonly JvmObjectReference _configuration = ((IJvmObjectReferenceProvider)context.HadoopConfiguration()).Reference;

    /// <inheritdoc/>
    public IReadOnlyList<string> Glob(string pattern)
    {
        (JvmObjectReference fileSystem, JvmObjectReference path) = Resolve(pattern);
        // globStatus gives null when a path without wildcards does not exist, an empty array when nothing matches.
        return fileSystem.Invoke("globStatus", path) is JvmObjectReference[] statuses
            ? [.. statuses.Select(s => (string)((JvmObjectReference)s.Invoke("getPath")).Invoke("toString")).Order(StringComparer.Ordinal)]
            : [];
    }

    /// <inheritdoc/>
    public bool Exists(string path)
    {
        (JvmObjectReference fileSystem, JvmObjectReference hadoopPath) = Resolve(path);
        return (bool)fileSystem.Invoke("exists", hadoopPath);
    }

    /// <inheritdoc/>
    public byte[]? Read(string path)
    {
        (JvmObjectReference fileSystem, JvmObjectReference hadoopPath) = Resolve(path);
        if (!(bool)fileSystem.Invoke("exists", hadoopPath))
        {
            return null;
        }

        var stream = (JvmObjectReference)fileSystem.Invoke("open", hadoopPath);
        try
        {
            // A Java byte[] comes back as a .NET byte[]; commons-io is on every Spark 3 classpath.
            return (byte[])_configuration.Jvm.CallStaticJavaMethod("org.apache.commons.io.IOUtils", "toByteArray", stream);
        }
        finally
        {
            stream.Invoke("close");
        }
    }

    /// <inheritdoc/>
    public void Write(string path, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        (JvmObjectReference fileSystem, JvmObjectReference hadoopPath) = Resolve(path);
        var stream = (JvmObjectReference)fileSystem.Invoke("create", hadoopPath, true);
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

    /// <inheritdoc/>
    public void Rename(string source, string destination)
    {
        (JvmObjectReference fileSystem, JvmObjectReference from) = Resolve(source);
        JvmObjectReference to = MakeParent(destination);
        // rename reports failure by returning false (HDFS: destination exists or its parent is missing).
        if (!(bool)fileSystem.Invoke("rename", from, to))
        {
            throw new IOException($"could not rename {source} to {destination}");
        }
    }

    /// <inheritdoc/>
    public void Copy(string source, string destination)
    {
        (JvmObjectReference sourceSystem, JvmObjectReference from) = Resolve(source);
        JvmObjectReference to = MakeParent(destination);
        var destinationSystem = (JvmObjectReference)to.Invoke("getFileSystem", _configuration);
        if (!(bool)_configuration.Jvm.CallStaticJavaMethod("org.apache.hadoop.fs.FileUtil", "copy", sourceSystem, from, destinationSystem, to, false, _configuration))
        {
            throw new IOException($"could not copy {source} to {destination}");
        }
    }

    /// <inheritdoc/>
    public void Delete(string path)
    {
        (JvmObjectReference fileSystem, JvmObjectReference hadoopPath) = Resolve(path);
        fileSystem.Invoke("delete", hadoopPath, true);
    }

    private (JvmObjectReference FileSystem, JvmObjectReference Path) Resolve(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var hadoopPath = (JvmObjectReference)_configuration.Jvm.CallConstructor("org.apache.hadoop.fs.Path", path);
        return ((JvmObjectReference)hadoopPath.Invoke("getFileSystem", _configuration), hadoopPath);
    }

    // The destination path, its parent directory created (rename into a missing directory fails on HDFS).
    private JvmObjectReference MakeParent(string path)
    {
        (JvmObjectReference fileSystem, JvmObjectReference hadoopPath) = Resolve(path);
        fileSystem.Invoke("mkdirs", hadoopPath.Invoke("getParent"));
        return hadoopPath;
    }
}
