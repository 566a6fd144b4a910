using System.Reflection;
using RedPajama.Configuration;
using RedPajama.Sources.Books;
using RedPajama.Spark;

namespace RedPajama.Tests.Spark;

/// <summary>
/// What Microsoft.Spark ships of the UDF object: <c>UdfSerDe</c> serialises every field of the delegate's target type,
/// static ones included, so <see cref="DocumentUdf"/> must hold only its settings. (The worker tests in
/// Category=SparkWorker check the same on the real worker; this one needs no worker.)
/// </summary>
public sealed class DocumentUdfTests
{
    [Fact]
    public void Udf_object_has_only_its_settings_as_fields()
    {
        FieldInfo[] fields = typeof(DocumentUdf).GetFields(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic);

        fields.Should().OnlyContain(f => !f.IsStatic && f.FieldType == typeof(string));
        fields.Should().HaveCount(2);
    }

    [Fact]
    public void Udf_objects_with_the_same_settings_share_one_rows_instance()
    {
        string yaml = RunConfigLoader.ToYaml(new RunConfig());

        new DocumentUdf(BooksSource.SourceName, yaml).Rows.Should().BeSameAs(new DocumentUdf(BooksSource.SourceName, yaml).Rows);
    }
}
