using System.Reflection;
using RedPajama.Configuration;
using RedPajama.Sources;
using RedPajama.Sources.Books;
using RedPajama.Sources.Documents;
using RedPajama.Tests.Support;
using YamlDotNet.Serialization.NamingConventions;

namespace RedPajama.Tests.Sources;

/// <summary>
/// A source is one folder: everything the CLI, the Spark job and the configuration know of it comes from its
/// <see cref="PipelineSource"/> type, so adding one needs no central edit.
/// </summary>
public sealed class SourceRegistryTests
{
    private static readonly Type[] s_sourceTypes = [.. typeof(PipelineSource).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(PipelineSource)))];

    [Fact]
    public void Every_source_type_is_registered_once_in_name_order_and_its_names_are_the_catalog()
    {
        SourceRegistry.All.Select(s => s.GetType()).Should().BeEquivalentTo(s_sourceTypes);
        SourceRegistry.All.Select(s => s.Name).Should().BeInAscendingOrder(StringComparer.Ordinal).And.OnlyHaveUniqueItems();
        SourceCatalog.Names.Should().Equal(SourceRegistry.All.Select(s => s.Name));
        SourceCatalog.Names.Should().Contain([BooksSource.SourceName, DocumentsSource.SourceName]);
        SourceRegistry.Find("no-such-source").Should().BeNull();
    }

    [Fact]
    public void Every_source_section_comes_from_its_type_and_is_a_configuration_key_of_its_own()
    {
        string[] ownKeys = [.. typeof(RunConfig).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => UnderscoredNamingConvention.Instance.Apply(p.Name))];
        var config = new RunConfig();

        config.SourceSections.Keys.Should().BeEquivalentTo(SourceRegistry.All.Select(s => s.SectionName));
        foreach (PipelineSource source in SourceRegistry.All)
        {
            ownKeys.Should().NotContain(source.SectionName, "a section must not shadow a global setting");
            config.SourceSections[source.SectionName].Should().BeOfType(source.SectionType);
            MethodInfo section = typeof(RunConfig).GetMethod(nameof(RunConfig.Section))!.MakeGenericMethod(source.SectionType);
            section.Invoke(config, null).Should().BeSameAs(config.SourceSections[source.SectionName]);
        }
    }

    [Theory]
    [InlineData("a/pg1342.txt")]
    [InlineData("a/rows.jsonl")]
    [InlineData("a/rows.jsonl.gz")]
    [InlineData("a/part-00000.parquet")]
    [InlineData("a/notes.md")]
    public void The_input_filter_of_a_source_is_its_own(string path)
    {
        foreach (PipelineSource source in SourceRegistry.All)
        {
            SourceCatalog.InputFilter(source.Name)(path).Should().Be(source.Accepts(path), source.Name);
        }
    }

    [Fact]
    public void A_source_describes_its_own_pipeline_after_inferring_what_it_needs_from_the_first_input()
    {
        using var directory = new TemporaryDirectory();
        string rows = directory.Combine("rows.jsonl");
        File.WriteAllText(rows, "{\"text\": \"a\", \"url\": \"u\"}\n");
        foreach (PipelineSource source in SourceRegistry.All)
        {
            var config = new RunConfig();
            SourceCatalog.InferFromFirstInput(source.Name, config, rows);

            source.Describe(config).Source.Should().Be(source.Name);
        }

        var documents = new RunConfig();
        SourceCatalog.InferFromFirstInput(DocumentsSource.SourceName, documents, rows);
        documents.Section<DocumentsConfig>().Meta.Should().Equal("url:text");
    }

    [Fact]
    public void Source_sections_parse_as_before_and_keep_their_key_and_kind_errors()
    {
        RunConfig config = RunConfigLoader.Parse("books:\n  max_book_mb: 7\ndocuments:\n  meta: [url:text]\n  exact_dedup: false\n");

        config.Section<BooksConfig>().MaxBookMb.Should().Be(7);
        config.Section<BooksConfig>().ExactDedup.Should().BeTrue("absent keys keep their defaults");
        config.Section<DocumentsConfig>().Meta.Should().Equal("url:text");
        config.Section<DocumentsConfig>().ExactDedup.Should().BeFalse();
        FluentActions.Invoking(() => RunConfigLoader.Parse("documents:\n  metas: []", "run.yaml")).Should().Throw<FormatException>().WithMessage("*run.yaml*metas*");
        FluentActions.Invoking(() => RunConfigLoader.Parse("format: jsonl\nbooks:\n  max_book_mb: big", "run.yaml")).Should().Throw<FormatException>()
            .WithMessage("run.yaml: line 3: books.max_book_mb must be a whole number (got 'big')");
        FluentActions.Invoking(() => RunConfigLoader.Parse("books:\n  max_book_mb: 0", "run.yaml")).Should().Throw<FormatException>()
            .WithMessage("run.yaml: books.max_book_mb must be at least 1 (got 0)");
        RunConfigLoader.Parse("books:\n").Section<BooksConfig>().MaxBookMb.Should().Be(256, "a section without keys has its defaults");
    }

    [Fact]
    public void Source_sections_round_trip_through_yaml_as_the_spark_driver_ships_them()
    {
        var config = new RunConfig { Threads = 3 };
        config.Section<BooksConfig>().RequireGutenbergMarkers = false;
        config.Section<BooksConfig>().MaxBookMb = 9;
        config.Section<DocumentsConfig>().Meta = ["url:text", "n:integer"];

        string yaml = RunConfigLoader.ToYaml(config);
        RunConfig again = RunConfigLoader.Parse(yaml);

        yaml.Should().Contain("books:").And.Contain("documents:").And.NotContain("source_sections");
        again.Threads.Should().Be(3);
        again.Section<BooksConfig>().Should().BeEquivalentTo(config.Section<BooksConfig>());
        again.Section<DocumentsConfig>().Should().BeEquivalentTo(config.Section<DocumentsConfig>());
        RunConfigLoader.ToYaml(again).Should().Be(yaml);
    }
}
