using System.Collections.Concurrent;

namespace RedPajama.Pipeline;

/// <summary>
/// One loaded model per file per process: loading takes tens of milliseconds or more, and a Spark worker may
/// rebuild its pipeline for every partition. A failed load is not remembered, so a fixed file loads on retry in
/// the same process (a notebook).
/// </summary>
/// <typeparam name="TModel">The model type.</typeparam>
/// <param name="load">Loads a model from a full path.</param>
internal sealed class ModelCache<TModel>(Func<string, TModel> load)
{
    private readonly ConcurrentDictionary<string, Lazy<TModel>> _loaded = new(StringComparer.Ordinal);

    /// <summary>The model at <paramref name="path"/>, loading it on first use.</summary>
    public TModel Get(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string key = Path.GetFullPath(path);
        Lazy<TModel> entry = _loaded.GetOrAdd(key, k => new Lazy<TModel>(() => load(k)));
        try
        {
            return entry.Value;
        }
        catch
        {
            _loaded.TryRemove(new KeyValuePair<string, Lazy<TModel>>(key, entry));
            throw;
        }
    }
}
