using RedPajama.Sources;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace RedPajama.Configuration;

/// <summary>A source's section as YamlDotNet sees it: a property of <see cref="RunConfig"/> named after the section.</summary>
internal sealed class SourceSectionDescriptor(PipelineSource source) : IPropertyDescriptor
{
    /// <inheritdoc />
    public string Name => source.SectionName;

    /// <inheritdoc />
    public bool AllowNulls => false;

    /// <inheritdoc />
    public bool CanWrite => true;

    /// <inheritdoc />
    public Type Type => source.SectionType;

    /// <inheritdoc />
    public Type? TypeOverride { get; set; }

    /// <inheritdoc />
    public int Order { get; set; }

    /// <inheritdoc />
    public ScalarStyle ScalarStyle { get; set; }

    /// <inheritdoc />
    public bool Required => false;

    /// <inheritdoc />
    public Type? ConverterType => null;

    /// <inheritdoc />
    public T? GetCustomAttribute<T>()
        where T : Attribute => null;

    /// <inheritdoc />
    public IObjectDescriptor Read(object target) =>
        new ObjectDescriptor(((RunConfig)target).SourceSections[Name], Type, Type, ScalarStyle);

    /// <inheritdoc />
    public void Write(object target, object? value) =>
        // A key without a value (books: and nothing under it) keeps the defaults.
        ((RunConfig)target).SetSourceSection(Name, value ?? source.CreateSection());
}
