using RedPajama.Configuration;
using RedPajama.Documents;
using RedPajama.Pipeline;

namespace RedPajama.LanguageId;

/// <summary>Adds language identification to a source's pipeline as its configuration asks.</summary>
public static class PipelineLanguageId
{
    /// <summary>
    /// Returns <paramref name="pipeline"/> with a <see cref="LanguageIdStep"/> before deduplication (<see cref="PipelineDescription.InsertBeforeDeduplication"/>) and the
    /// label and score meta fields (an existing text field of the same name, such as the books' header language, is
    /// overwritten by the identified language), or unchanged when language ID is off.
    /// </summary>
    /// <param name="pipeline">A source's pipeline.</param>
    /// <param name="config">The <c>lid:</c> section.</param>
    /// <returns>The pipeline to run.</returns>
    /// <exception cref="Udfs.FastText.FastTextModelException">The model cannot be loaded.</exception>
    /// <exception cref="ArgumentException">The field exists with another type.</exception>
    public static PipelineDescription AddTo(PipelineDescription pipeline, LanguageIdConfig config)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(config);
        if (!config.Enabled)
        {
            return pipeline;
        }

        var fields = new List<MetaField>(pipeline.Meta.Fields);
        AddOrCheck(fields, config.Field, MetaType.Text);
        AddOrCheck(fields, config.Field + "_score", MetaType.Float);
        var meta = new MetaSchema([.. fields]);
        var step = new LanguageIdStep(LanguageIdModels.Get(LanguageIdModels.ModelPath(config.Model)), meta, config.Field, config.MinScore, config.Languages);
        return (pipeline with { Meta = meta }).InsertBeforeDeduplication(step);
    }

    private static void AddOrCheck(List<MetaField> fields, string name, MetaType type)
    {
        MetaField? existing = fields.FirstOrDefault(f => f.Name == name);
        if (existing is null)
        {
            fields.Add(new MetaField(name, type));
        }
        else if (existing.Type != type)
        {
            throw new ArgumentException($"lid.field: meta field '{name}' exists with type {existing.Type}, not {type}");
        }
    }
}
