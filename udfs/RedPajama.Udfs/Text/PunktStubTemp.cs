namespace RedPajama.Udfs.Text;

#pragma warning disable CS1591
public sealed class PunktParameters
{
    public static PunktParameters Load(string directory) => new();
}

public sealed class PunktSentenceTokenizer(PunktParameters parameters)
{
    public PunktParameters Parameters { get; } = parameters;

    public int CountSentences(string text) => Parameters is null ? 0 : text.Count(c => c == '.') + 1;
}
