using RedPajama.Spark;

namespace RedPajama.Tests.Spark;

/// <summary>Local paths of the paths Spark lists (Hadoop writes <c>file:/x</c>, which <see cref="Uri"/> rejects).</summary>
public sealed class HadoopPathsTests
{
    [Theory]
    [InlineData("file:/data/enwiki.xml.bz2", "/data/enwiki.xml.bz2")]
    [InlineData("file:///data/enwiki.xml.bz2", "/data/enwiki.xml.bz2")]
    [InlineData("file://localhost/data/a%20b.xml.bz2", "/data/a b.xml.bz2")]
    [InlineData("/data/plain path.xml.bz2", "/data/plain path.xml.bz2")]
    [InlineData("relative/dump.xml", "relative/dump.xml")]
    [InlineData("file://otherhost/data/x.bz2", null)]
    [InlineData("hdfs://namenode:8020/dumps/x.bz2", null)]
    [InlineData("s3a://bucket/x.bz2", null)]
    [InlineData("https://dumps.wikimedia.org/x.bz2", null)]
    public void Local_path_of_a_spark_path(string path, string? expected) =>
        HadoopPaths.LocalPath(path).Should().Be(expected);
}
