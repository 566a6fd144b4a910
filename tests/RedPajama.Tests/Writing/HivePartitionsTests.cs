using RedPajama.Writing;

namespace RedPajama.Tests.Writing;

/// <summary>Partition directory names as Spark's ExternalCatalogUtils.getPartitionPathString writes them, and read back.</summary>
public sealed class HivePartitionsTests
{
    [Theory]
    [InlineData("en", "language=en")]
    [InlineData("a/b", "language=a%2Fb")]
    [InlineData("k=v", "language=k%3Dv")]
    [InlineData("50%", "language=50%25")]
    [InlineData("x y", "language=x y")]
    [InlineData("日本語", "language=日本語")]
    [InlineData("a:b?c*d", "language=a%3Ab%3Fc%2Ad")]
    [InlineData("#\"'\\{[]^", "language=%23%22%27%5C%7B%5B%5D%5E")]
    [InlineData("tab\there\u007f", "language=tab%09here%7F")]
    [InlineData("", "language=__HIVE_DEFAULT_PARTITION__")]
    [InlineData(null, "language=__HIVE_DEFAULT_PARTITION__")]
    public void Values_are_escaped_as_spark_escapes_path_names(string? value, string expected)
    {
        HivePartitions.DirectoryName("language", value).Should().Be(expected);
    }

    [Fact]
    public void Column_names_are_escaped_too_and_integers_and_booleans_are_spelt_as_spark_casts_them()
    {
        HivePartitions.DirectoryName("a=b", 3L).Should().Be("a%3Db=3");
        HivePartitions.DirectoryName("n", -12L).Should().Be("n=-12");
        HivePartitions.DirectoryName("ok", true).Should().Be("ok=true");
        FluentActions.Invoking(() => HivePartitions.DirectoryName("p", 0.5)).Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData("a/b=c%d e")]
    [InlineData("日本語 %2F")]
    [InlineData("\u0001\u001f%")]
    public void Unescaping_reverses_escaping(string value)
    {
        HivePartitions.UnescapePathName(HivePartitions.EscapePathName(value)).Should().Be(value);
    }

    [Fact]
    public void Unescaping_leaves_a_percent_without_two_hex_digits_as_it_is()
    {
        HivePartitions.UnescapePathName("100%").Should().Be("100%");
        HivePartitions.UnescapePathName("%zz%4").Should().Be("%zz%4");
        HivePartitions.UnescapePathName("%41%42").Should().Be("AB");
    }

    [Fact]
    public void The_partition_directories_right_above_a_file_are_read_from_its_path_outermost_first()
    {
        HivePartitions.FromPath("/data/out/language=a%2Fb/bucket=__HIVE_DEFAULT_PARTITION__/part-00000.parquet").Should().Equal(
            new KeyValuePair<string, string?>("language", "a/b"),
            new KeyValuePair<string, string?>("bucket", null));
        HivePartitions.FromPath("file:/data/x=1/plain/part-00000.parquet").Should().BeEmpty("a directory without = ends the partition directories");
        HivePartitions.FromPath("s3a://bucket/out/_temporary=1/part-00000.parquet").Should().BeEmpty("hidden names are not partitions");
        HivePartitions.FromPath("part-00000.parquet").Should().BeEmpty();
    }
}
