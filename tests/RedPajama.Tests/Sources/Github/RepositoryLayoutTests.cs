using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using RedPajama.Documents;
using RedPajama.Reading;
using RedPajama.Sources.Github;
using RedPajama.Sources.Github.Repositories;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Sources.Github;

/// <summary>
/// Repository inputs read in memory: folders in path order, archives in entry order under their top folder, and
/// every hostile member — links, <c>../</c> and absolute paths, bombs, binary and non-UTF-8 files, oversized files —
/// a counted skip with its reason, never a crash and never a file written or read outside the repository.
/// </summary>
public sealed class RepositoryLayoutTests
{
    private static readonly RepositoryLimits Small = new(MaxFileBytes: 1000, MaxExpandedBytes: 1 << 20, MaxCompressionRatio: 50, RatioCheckedAfterBytes: 64 << 10);

    [Fact]
    public void A_folder_gives_its_files_in_ordinal_path_order_without_git_metadata()
    {
        using var directory = new TemporaryDirectory();
        string repository = directory.Combine("octo__demo");
        Write(repository, "src/main.c", "int main;\n");
        Write(repository, "README.md", "# demo\n");
        Write(repository, "src.txt", "s\n");
        Write(repository, ".gitignore", "bin/\n");
        Write(repository, ".git/config", "[core]\n");
        Write(repository, "sub/.git/HEAD", "nested .git folders are repository files\n");

        RepositoryFile[] files = [.. RepositoryLayout.Files(repository, Stream.Null, Small)];

        files.Select(f => f.Path).Should().Equal(".gitignore", "README.md", "src.txt", "src/main.c", "sub/.git/HEAD");
        files.Should().OnlyContain(f => f.SkipReason == null && f.Content != null);
        Encoding.UTF8.GetString(files[3].Content!).Should().Be("int main;\n");
    }

    [Fact]
    public void A_folder_never_follows_links_and_skips_files_over_the_limit_unread()
    {
        using var directory = new TemporaryDirectory();
        string repository = directory.Combine("octo__demo");
        Write(repository, "a.py", "print(1)\n");
        Write(directory.Path, "secret.txt", "outside the repository\n");
        Write(directory.Path, "outside/x.c", "int x;\n");
        File.CreateSymbolicLink(Path.Combine(repository, "leak.txt"), directory.Combine("secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(repository, "linked"), directory.Combine("outside"));
        File.WriteAllBytes(Path.Combine(repository, "big.bin"), new byte[Small.MaxFileBytes + 1]);

        RepositoryFile[] files = [.. RepositoryLayout.Files(repository, Stream.Null, Small)];

        files.Select(f => (f.Path, f.SkipReason)).Should().Equal(
            ("a.py", null), ("big.bin", RepositorySkipReasons.TooLarge), ("leak.txt", RepositorySkipReasons.Symlink), ("linked", RepositorySkipReasons.Symlink));
        files.Where(f => f.SkipReason != null).Should().OnlyContain(f => f.Content == null);
    }

    [Fact]
    public void A_github_tarball_loses_its_top_folder_and_keeps_entry_order_and_modes()
    {
        byte[] archive = TarGz(
            ("demo-1a2b3c/", null, TarEntryType.Directory, UnixFileMode.UserRead | UnixFileMode.UserExecute),
            ("demo-1a2b3c/z.sh", "echo z\n", TarEntryType.RegularFile, UnixFileMode.UserRead | UnixFileMode.UserExecute),
            ("demo-1a2b3c/LICENSE", "MIT\n", TarEntryType.RegularFile, UnixFileMode.UserRead),
            ("demo-1a2b3c/lib/a.c", "int a;\n", TarEntryType.RegularFile, UnixFileMode.UserRead));

        RepositoryFile[] files = [.. RepositoryLayout.Files("octo__demo.tar.gz", new MemoryStream(archive), Small)];

        files.Select(f => (f.Path, f.Executable)).Should().Equal(("z.sh", true), ("LICENSE", false), ("lib/a.c", false));
    }

    [Fact]
    public void A_tarball_without_one_top_folder_keeps_its_paths()
    {
        byte[] archive = TarGz(
            ("src/", null, TarEntryType.Directory, UnixFileMode.UserRead),
            ("src/a.c", "int a;\n", TarEntryType.RegularFile, UnixFileMode.UserRead),
            ("./LICENSE", "MIT\n", TarEntryType.RegularFile, UnixFileMode.UserRead));

        RepositoryLayout.Files("octo__demo.tgz", new MemoryStream(archive), Small).Select(f => f.Path).Should().Equal("src/a.c", "LICENSE");
    }

    [Fact]
    public void Hostile_tar_members_are_skipped_with_their_reason()
    {
        byte[] archive = TarGz(
            ("../escape.txt", "x\n", TarEntryType.RegularFile, UnixFileMode.UserRead),
            ("/etc/evil", "x\n", TarEntryType.RegularFile, UnixFileMode.UserRead),
            ("ok.txt", "fine\n", TarEntryType.RegularFile, UnixFileMode.UserRead),
            ("a/../../up.txt", "x\n", TarEntryType.RegularFile, UnixFileMode.UserRead),
            ("link", "../../etc/passwd", TarEntryType.SymbolicLink, UnixFileMode.UserRead),
            ("hard", "ok.txt", TarEntryType.HardLink, UnixFileMode.UserRead),
            ("fifo", null, TarEntryType.Fifo, UnixFileMode.UserRead));

        RepositoryFile[] files = [.. RepositoryLayout.Files("octo__demo.tar.gz", new MemoryStream(archive), Small)];

        files.Select(f => f.SkipReason).Should().Equal(
            RepositorySkipReasons.UnsafePath, RepositorySkipReasons.UnsafePath, null, RepositorySkipReasons.UnsafePath,
            RepositorySkipReasons.Symlink, RepositorySkipReasons.HardLink, RepositorySkipReasons.SpecialFile);
        files[2].Path.Should().Be("ok.txt");
    }

    [Fact]
    public void A_zip_loses_its_top_folder_and_skips_hostile_members()
    {
        byte[] archive = Zip(
            ("demo-main/", null, 0x4000 | 0x1ED),
            ("demo-main/run.sh", "echo\n", 0x8000 | 0x1ED),
            ("demo-main/README.md", "# demo\n", 0x8000 | 0x1A4),
            ("demo-main/../../evil.txt", "x\n", 0x8000 | 0x1A4),
            ("demo-main/link", "/etc/passwd", 0xA000 | 0x1FF),
            ("demo-main\\win\\path.txt", "w\n", 0));

        RepositoryFile[] files = [.. RepositoryLayout.Files("octo__demo.zip", new MemoryStream(archive), Small)];

        files.Select(f => (f.Path, f.SkipReason, f.Executable)).Should().Equal(
            ("run.sh", null, true), ("README.md", null, false), ("demo-main/../../evil.txt", RepositorySkipReasons.UnsafePath, false),
            ("link", RepositorySkipReasons.Symlink, true), ("win/path.txt", null, false));
    }

    [Fact]
    public void A_zip_bomb_stops_the_input_with_a_clear_error()
    {
        // 4 MiB of zeros compress about 1000 to 1: past the 50:1 limit once 64 KiB have expanded.
        var limits = Small with { MaxFileBytes = 8 << 20, MaxExpandedBytes = 1L << 30 };
        byte[] archive = Zip(("bomb/zeros.txt", new string('\0', 4 << 20), 0x8000 | 0x1A4), ("bomb/after.txt", "x\n", 0x8000 | 0x1A4));

        Action read = () => _ = RepositoryLayout.Files("octo__bomb.zip", new MemoryStream(archive), limits).Count();

        read.Should().Throw<InvalidDataException>().WithMessage("*zip bomb*");
    }

    [Fact]
    public void A_tar_bomb_past_the_expansion_limit_stops_the_input()
    {
        var limits = new RepositoryLimits(MaxFileBytes: 1000, MaxExpandedBytes: 2 << 20, MaxCompressionRatio: 1e9, RatioCheckedAfterBytes: 0);
        byte[] archive = TarGz(("a/zeros", new string('0', 3 << 20), TarEntryType.RegularFile, UnixFileMode.UserRead));

        Action read = () => _ = RepositoryLayout.Files("octo__bomb.tar.gz", new MemoryStream(archive), limits).Count();

        read.Should().Throw<InvalidDataException>().WithMessage("*max_archive_bytes*");
    }

    [Fact]
    public void A_zip_entry_over_the_size_limit_is_skipped_unread()
    {
        byte[] archive = Zip(("r/big.txt", new string('a', 5000), 0x8000 | 0x1A4));

        RepositoryLayout.Files("octo__r.zip", new MemoryStream(archive), Small).Single().SkipReason.Should().Be(RepositorySkipReasons.TooLarge);
    }

    [Fact]
    public void A_truncated_tarball_fails_the_input_after_the_files_before_the_cut()
    {
        byte[] archive = TarGz(
            ("r/a.txt", "first\n", TarEntryType.RegularFile, UnixFileMode.UserRead),
            ("r/b.txt", new string('b', 900), TarEntryType.RegularFile, UnixFileMode.UserRead));
        var truncated = new MemoryStream(archive[..(archive.Length - 30)]);

        var paths = new List<string>();
        Action read = () =>
        {
            foreach (RepositoryFile file in RepositoryLayout.Files("octo__r.tar.gz", truncated, Small))
            {
                paths.Add(file.Path);
            }
        };

        read.Should().Throw<Exception>();
        paths.Should().BeEmpty("the names are all read before the first file, so a cut archive yields nothing");
    }

    [Fact]
    public void The_reader_names_each_file_and_drops_binary_and_non_utf8_files()
    {
        using var directory = new TemporaryDirectory();
        string repository = directory.Combine("octo__demo");
        Write(repository, "ok.py", "print('é')\n");
        File.WriteAllBytes(Path.Combine(repository, "image.png"), [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]);
        File.WriteAllBytes(Path.Combine(repository, "latin1.txt"), Encoding.Latin1.GetBytes("caf\u00e9\n"));
        var meta = new MetaSchema([.. RepositoryColumns.All]);

        Document[] documents = [.. new RepositoryReader(Small).Read(new InputFile(3, repository, 0), Stream.Null, meta)];

        documents.Select(d => (d.Member, d.DropReason)).Should().Equal(
            ("image.png", RepositorySkipReasons.Binary), ("latin1.txt", RepositorySkipReasons.NotUtf8), ("ok.py", null));
        Document kept = documents[2];
        kept.Order.Should().Be(new OrderKey(3, 2));
        kept.Text.Should().Be("print('é')\n");
        kept.Meta[meta.IndexOf(RepositoryColumns.RepoName)].Should().Be("octo/demo");
        kept.Meta[meta.IndexOf(GithubMeta.Path)].Should().Be("ok.py");
        kept.Meta[meta.IndexOf(RepositoryColumns.Size)].Should().Be(12L);
        kept.Meta[meta.IndexOf(RepositoryColumns.Mode)].Should().Be(33188L);
        kept.Meta[meta.IndexOf(GithubMeta.License)].Should().BeNull();
    }

    [Fact]
    public void An_empty_archived_file_is_a_row_with_git_s_empty_blob_id()
    {
        byte[] archive = TarGz(("r/empty.py", string.Empty, TarEntryType.RegularFile, UnixFileMode.UserRead), ("r/a.py", "a = 1\n", TarEntryType.RegularFile, UnixFileMode.UserRead));
        var meta = new MetaSchema([.. RepositoryColumns.All]);

        Document empty = new RepositoryReader(Small).Read(new InputFile(0, "octo__r.tar.gz", archive.Length), new MemoryStream(archive), meta).First();

        empty.IsDropped.Should().BeFalse();
        empty.Text.Should().BeEmpty();
        empty.Meta[meta.IndexOf(RepositoryColumns.Id)].Should().Be("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
    }

    [Fact]
    public void The_blob_id_is_git_s()
    {
        // `printf 'hello\n' | git hash-object --stdin`
        RepositoryReader.BlobId("hello\n"u8).Should().Be("ce013625030ba8dba906f756967f9e9ca394464a");
    }

    [Theory]
    [InlineData("/data/octo__demo", "octo/demo")]
    [InlineData("/data/octo__demo.tar.gz", "octo/demo")]
    [InlineData("/data/octo__my__repo.zip", "octo/my__repo")]
    [InlineData("/data/plain.tgz", "plain")]
    public void Repository_names_come_from_owner__name(string path, string expected) =>
        RepositoryPaths.RepositoryName(path).Should().Be(expected);

    private static void Write(string root, string relative, string text)
    {
        string path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static byte[] TarGz(params (string Name, string? Text, TarEntryType Type, UnixFileMode Mode)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach ((string name, string? text, TarEntryType type, UnixFileMode mode) in entries)
            {
                var entry = new PaxTarEntry(type, name) { Mode = mode };
                if (type is TarEntryType.SymbolicLink or TarEntryType.HardLink)
                {
                    entry.LinkName = text!;
                }
                else if (text is not null)
                {
                    entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text));
                }

                writer.WriteEntry(entry);
            }
        }

        return buffer.ToArray();
    }

    private static byte[] Zip(params (string Name, string? Text, int UnixMode)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach ((string name, string? text, int mode) in entries)
            {
                ZipArchiveEntry entry = archive.CreateEntry(name, CompressionLevel.SmallestSize);
                entry.ExternalAttributes = mode << 16;
                if (text is not null)
                {
                    using Stream stream = entry.Open();
                    stream.Write(Encoding.UTF8.GetBytes(text));
                }
            }
        }

        return buffer.ToArray();
    }
}
