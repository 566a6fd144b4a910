namespace RedPajama.Sources;

/// <summary>
/// The sources of this assembly: every non-abstract <see cref="PipelineSource"/> type, instantiated once, in name
/// order. Found by reflection so that a new source folder needs no central list.
/// </summary>
public static class SourceRegistry
{
    private static readonly Lazy<IReadOnlyList<PipelineSource>> s_sources = new(Discover);

    /// <summary>The sources, ordered by <see cref="PipelineSource.Name"/> (ordinal).</summary>
    public static IReadOnlyList<PipelineSource> All => s_sources.Value;

    /// <summary>The source of a name.</summary>
    /// <param name="name">A source name.</param>
    /// <returns>The source, or null when there is none of that name.</returns>
    public static PipelineSource? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    private static List<PipelineSource> Discover()
    {
        List<PipelineSource> sources = [.. typeof(PipelineSource).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && t.IsSubclassOf(typeof(PipelineSource)))
            .Select(t => (PipelineSource)Activator.CreateInstance(t)!)
            .OrderBy(s => s.Name, StringComparer.Ordinal)];

        // Two sources of one name, or one section key for two, would make a choice depend on reflection order.
        string? clash = sources.GroupBy(s => s.Name).Concat(sources.GroupBy(s => s.SectionName)).FirstOrDefault(g => g.Count() > 1)?.Key;
        return clash is null ? sources : throw new InvalidOperationException($"two sources claim the name or section '{clash}'");
    }
}
