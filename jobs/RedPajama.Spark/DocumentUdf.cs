using Microsoft.Spark.Sql;
using RedPajama.Configuration;
using RedPajama.Engine.Rows;
using RedPajama.Pipeline;
using RedPajama.Tokenization;

namespace RedPajama.Spark;

/// <summary>
/// The per-document part of a pipeline as Spark UDFs. Microsoft.Spark ships the delegate's target to the workers,
/// so it holds only the source name, the configuration text and the model file names — no static fields either, as
/// Microsoft.Spark's <c>UdfSerDe</c> serialises those too; each worker process builds the pipeline once
/// (<see cref="DocumentUdfCache"/>) and runs the same reader and steps as the local engine (<see cref="DocumentRowCodec"/>).
/// </summary>
/// <param name="source">The source name.</param>
/// <param name="configYaml">The run configuration as YAML (empty for defaults).</param>
/// <param name="tokenizerModelFile">
/// The file name under which the driver shipped the tokenizer model with <c>SparkContext.AddFile</c>, or null when
/// tokenization is off. A worker that cannot see the configured path finds the model through <c>SparkFiles.Get</c>.
/// </param>
/// <param name="languageIdModelFile">The same for the language-ID model, or null when language ID is off.</param>
[Serializable]
public sealed class DocumentUdf(string source, string configYaml, string? tokenizerModelFile = null, string? languageIdModelFile = null)
{
    private readonly string _source = source;
    private readonly string _configYaml = configYaml;
    private readonly string? _tokenizerModelFile = tokenizerModelFile;
    private readonly string? _languageIdModelFile = languageIdModelFile;

    /// <summary>The row codec of this source and configuration, built once per process.</summary>
    public DocumentRowCodec Codec => DocumentUdfCache.Codec(_source, _configYaml, _tokenizerModelFile, _languageIdModelFile);

    /// <summary>The run configuration, with the model paths as this process can open them; parsed once per process.</summary>
    public RunConfig Config => DocumentUdfCache.Config(_configYaml, _tokenizerModelFile, _languageIdModelFile);

    /// <summary>UDF over a <c>binaryFile</c> row: the job's read (<see cref="InputFileUdf.Encode"/>).</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="content">The file's bytes as stored.</param>
    /// <returns>One JSON object per record, then one for the failure if the file could not be read to its end.</returns>
    public string[] FileRows(string path, byte[] content) => InputFileUdf.Encode(Codec, path, content ?? []);

    /// <summary>UDF: the token ids of a kept document's text, for the <c>input_ids</c> column.</summary>
    /// <param name="text">The document text.</param>
    /// <returns>The ids.</returns>
    public int[] InputIds(string text)
    {
        foreach (IDocumentStep step in Codec.Pipeline.DocumentSteps)
        {
            if (step is TokenizeStep tokenize)
            {
                return tokenize.Encode(text ?? string.Empty);
            }
        }

        throw new InvalidOperationException("input_ids asked for, but the pipeline has no tokenize step");
    }

    /// <summary>UDF over a <c>binaryFile</c> row whose file holds exactly one document (a Gutenberg book).</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="content">The file's bytes.</param>
    /// <returns>The document's row.</returns>
    public Row FromWholeFile(string path, byte[] content)
    {
        IReadOnlyList<object?[]> rows = Codec.FromFile(path, content ?? []);
        return new GenericRow(rows.Count == 1 ? rows[0] : throw new InvalidDataException($"{path}: expected one document, read {rows.Count}"));
    }

    /// <summary>UDF over one line of a JSON-lines file (a PG-19 or Books3 row).</summary>
    /// <param name="record">Index of the line in its file.</param>
    /// <param name="line">The line.</param>
    /// <returns>The document's row.</returns>
    public Row FromJsonLine(long record, string line) => new GenericRow(Codec.FromJsonLine(record, line ?? string.Empty));
}
