using System.Security.Cryptography;
using System.Text;
using RedPajama.Documents;
using RedPajama.Reading;

namespace RedPajama.Sources.Github.Repositories;

/// <summary>
/// One document per file of a repository input (<see cref="RepositoryLayout"/>): the text is the file decoded as
/// UTF-8, the meta <see cref="RepositoryColumns"/> (the licence is left null, for the licence step to fill in).
/// Files not read — binary (a NUL byte in the first 8000 bytes, as git decides), not UTF-8, too large, links, unsafe
/// paths — are yielded dropped with their reason and named by <see cref="Document.Member"/>.
/// </summary>
/// <param name="limits">The size and expansion limits.</param>
public sealed class RepositoryReader(RepositoryLimits limits) : IDocumentReader
{
    private const int BinaryProbeBytes = 8000;
    private const long RegularMode = 33188;    // 0o100644
    private const long ExecutableMode = 33261; // 0o100755

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <inheritdoc />
    public IEnumerable<Document> Read(InputFile input, Stream content, MetaSchema meta)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(meta);
        int id = meta.IndexOf(RepositoryColumns.Id);
        int size = meta.IndexOf(RepositoryColumns.Size);
        int repoName = meta.IndexOf(RepositoryColumns.RepoName);
        int path = meta.IndexOf(GithubMeta.Path);
        int mode = meta.IndexOf(RepositoryColumns.Mode);
        string repository = RepositoryPaths.RepositoryName(input.Path);
        long record = 0;
        foreach (RepositoryFile file in RepositoryLayout.Files(input.Path, content, limits))
        {
            var document = new Document(new OrderKey(input.Index, record++), meta.Count) { Member = file.Path };
            Set(document, repoName, repository);
            Set(document, path, file.Path);
            Set(document, size, file.Size);
            Set(document, mode, file.Executable ? ExecutableMode : RegularMode);
            string? skip = file.SkipReason;
            if (file.Content is { } bytes)
            {
                Set(document, id, BlobId(bytes));
                skip = Decode(bytes, document);
            }

            if (skip is not null)
            {
                document.Drop(skip);
            }

            yield return document;
        }
    }

    /// <summary>Git's object id of a file's bytes: SHA-1 of <c>"blob {length}\0"</c> followed by them.</summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <returns>The id, 40 lower-case hex digits.</returns>
    public static string BlobId(ReadOnlySpan<byte> bytes)
    {
        using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha1.AppendData(Encoding.ASCII.GetBytes($"blob {bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)}\0"));
        sha1.AppendData(bytes);
        return Convert.ToHexString(sha1.GetHashAndReset()).ToLowerInvariant();
    }

    // The text, or why there is none.
    private static string? Decode(byte[] bytes, Document document)
    {
        if (bytes.AsSpan(0, Math.Min(bytes.Length, BinaryProbeBytes)).Contains((byte)0))
        {
            return RepositorySkipReasons.Binary;
        }

        try
        {
            document.Text = StrictUtf8.GetString(bytes);
            return null;
        }
        catch (DecoderFallbackException)
        {
            return RepositorySkipReasons.NotUtf8;
        }
    }

    private static void Set(Document document, int index, object value)
    {
        if (index >= 0)
        {
            document.Meta[index] = value;
        }
    }
}
