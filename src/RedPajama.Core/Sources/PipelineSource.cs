using RedPajama.Configuration;
using RedPajama.Pipeline;
using RedPajama.Reading;

namespace RedPajama.Sources;

/// <summary>
/// A source the CLI and the Spark job can run (<c>redpajama run &lt;name&gt;</c>). A source folder derives one
/// non-abstract class from this, with a public parameterless constructor; <see cref="SourceRegistry"/> finds it, so
/// adding a source needs no edit elsewhere: its name becomes a <c>run</c> choice, its section a key of the YAML
/// configuration (<see cref="RunConfig.Section{T}"/>), its steps come before the global ones.
/// </summary>
public abstract class PipelineSource
{
    /// <summary>The source name used on the command line.</summary>
    public abstract string Name { get; }

    /// <summary>The key of the source's section in the YAML configuration; its name unless overridden.</summary>
    public virtual string SectionName => Name;

    /// <summary>
    /// The type of the section: a class with a public parameterless constructor whose properties are the section's
    /// keys (snake_case in YAML). Read with the configuration's rules: unknown keys and values of the wrong kind are errors.
    /// </summary>
    public abstract Type SectionType { get; }

    /// <summary>The section with its defaults, as a configuration without the key has it.</summary>
    /// <returns>A new instance of <see cref="SectionType"/>.</returns>
    public object CreateSection() => Activator.CreateInstance(SectionType)!;

    /// <summary>Range problems of the section, each naming its key (<c>books.max_book_mb must be at least 1 (got 0)</c>), or null entries.</summary>
    /// <param name="config">The configuration being validated.</param>
    /// <returns>The problems; none by default.</returns>
    public virtual IEnumerable<string?> SectionProblems(RunConfig config) => [];

    /// <summary>Which files of an input directory or glob the source reads.</summary>
    /// <param name="path">A file path.</param>
    /// <returns>True when the source reads the file.</returns>
    public abstract bool Accepts(string path);

    /// <summary>
    /// Whether a directory is one input of this source, read whole by its reader (a repository folder), rather than
    /// a folder of input files to walk. None by default.
    /// </summary>
    /// <param name="path">A directory's full path.</param>
    /// <returns>True to read it as one input.</returns>
    public virtual bool AcceptsDirectory(string path) => false;

    /// <summary>Warnings about a valid configuration that will not do what a user may expect (a model missing for a language).</summary>
    /// <param name="config">The run configuration.</param>
    /// <returns>The messages; none by default.</returns>
    public virtual IEnumerable<string> Warnings(RunConfig config) => [];

    /// <summary>
    /// Whether the <c>quality:</c> section's signals and the <c>tokenizer:</c> section's token count are added to this
    /// source's documents. A source whose recipe writes a fixed record (commoncrawl's released one) can leave them out
    /// unless its section asks for them; quality rules (a preset or rules file) still run.
    /// </summary>
    /// <param name="config">The run configuration.</param>
    /// <returns>True by default.</returns>
    public virtual bool AddsSignalsAndTokenCount(RunConfig config) => true;

    /// <summary>The models and tables the source's own steps open on every worker, as its section names them.</summary>
    /// <param name="config">The run configuration.</param>
    /// <returns>The files; none by default.</returns>
    public virtual IEnumerable<ShippedFile> ShippedFiles(RunConfig config) => [];

    /// <summary>
    /// What the relative entries of an input listing (<see cref="InputListing"/>, CommonCrawl's <c>wet.paths.gz</c>)
    /// are relative to; null (the default) when the source takes no listings.
    /// </summary>
    /// <param name="config">The run configuration.</param>
    /// <returns>The root, or null.</returns>
    public virtual ListingRoot? ListingRoot(RunConfig config) => null;

    /// <summary>How the source's inputs named by URL are downloaded; the defaults unless the source's section says otherwise.</summary>
    /// <param name="config">The run configuration.</param>
    /// <returns>The download settings.</returns>
    public virtual HttpDownloadOptions Downloads(RunConfig config) => HttpDownloadOptions.Default;

    /// <summary>
    /// Describes the source's own steps (the global ones are added by <see cref="SourceCatalog.Describe"/>), and its
    /// output's defaults: the fields written (<see cref="PipelineDescription.WrittenMeta"/>, <see cref="JsonLayout.Flat"/>)
    /// and the partitioning (<see cref="PipelineDescription.PartitionBy"/>; <c>output.partition_by</c> overrides it).
    /// Both may name fields a global step adds later (<c>language</c>, <c>bucket</c>).
    /// </summary>
    /// <param name="config">The run configuration; the source reads its section.</param>
    /// <returns>The description every engine runs.</returns>
    public abstract PipelineDescription Describe(RunConfig config);

    /// <summary>
    /// Completes the source's section from the first input file, for settings the inputs determine (documents: its
    /// meta fields when none are configured). Engines call this once, on the driver, before <see cref="Describe"/>.
    /// Does nothing by default.
    /// </summary>
    /// <param name="config">The run configuration, completed in place.</param>
    /// <param name="firstInput">The first input file the source accepts.</param>
    /// <exception cref="InvalidDataException">The input cannot be read.</exception>
    public virtual void InferFromFirstInput(RunConfig config, string firstInput)
    {
    }
}
