#:project ../../src/RedPajama.Core/RedPajama.Core.csproj
#:property TargetFramework=net10.0

// bzip2 decompression throughput of the multistream helpers: one thread over the whole file (Bzip2.OpenRead, every
// stream in turn) against ranges of whole streams decoded in parallel (Bzip2Blocks.Ranges + Bzip2.OpenRange), and the
// same for the full reader (WikipediaDumpReader: pages cut and parsed, each range an input of its own as the engines
// read them). Decoder: the system's libbz2, or SharpZipLib with REDPAJAMA_BZIP2=managed.
// usage: [REDPAJAMA_BZIP2=managed] dotnet run bz2bench.cs -- DUMP.xml.bz2 [RANGE_BYTES=1048576] [THREADS=1,2]
using System.Diagnostics;
using RedPajama.Documents;
using RedPajama.Reading;
using RedPajama.Sources.Wikipedia.Reading;

string dump = args[0];
long rangeBytes = args.Length > 1 ? long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1 << 20;
int[] threads = args.Length > 2 ? [.. args[2].Split(',').Select(int.Parse)] : [1, 2];
long compressed = new FileInfo(dump).Length;
string? indexPath = MultistreamIndex.FindBeside(dump);
MultistreamIndex? index = indexPath is null ? null : MultistreamIndex.Load(indexPath);
var stopwatch = Stopwatch.StartNew();
IReadOnlyList<InputRange> ranges = Bzip2Blocks.Ranges(dump, rangeBytes, index);
Console.WriteLine($"{dump}: {compressed / 1e6:F1} MB, {ranges.Count} ranges of ~{rangeBytes / 1e6:F1} MB ({(index is null ? "scanned and verified" : "from the index")}, {stopwatch.Elapsed.TotalSeconds:F2} s), {Environment.ProcessorCount} processors, decoder: {(Bzip2.NativeDecoder ? "libbz2" : "SharpZipLib")}");

static long Drain(Stream stream)
{
    byte[] buffer = new byte[1 << 16];
    long total = 0;
    int n;
    while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
    {
        total += n;
    }

    return total;
}

void Report(string what, Func<long> run)
{
    double best = double.MaxValue;
    double cpu = 0;
    long bytes = 0;
    using var process = Process.GetCurrentProcess();
    for (int i = 0; i < 2; i++)
    {
        process.Refresh();
        TimeSpan cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        bytes = run();
        double seconds = watch.Elapsed.TotalSeconds;
        process.Refresh();
        if (seconds < best)
        {
            best = seconds;
            cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        }
    }

    // CPU seconds: on a busy machine wall time cannot show a parallel speedup; CPU time shows the work stays the same.
    Console.WriteLine($"{what,-36} {best,6:F2} s wall {cpu,6:F2} s cpu  {bytes / 1e6 / best,6:F1} MB/s out  {compressed / 1e6 / best,5:F1} MB/s in  {bytes / 1e6 / cpu,6:F1} MB/cpu-s");
}

Report("decode, 1 thread, whole file", () =>
{
    using Stream stream = Bzip2.OpenRead(InputStreams.OpenRaw(dump));
    return Drain(stream);
});

foreach (int n in threads)
{
    Report($"decode, {n} threads, ranges", () =>
    {
        long total = 0;
        Parallel.ForEach(ranges, new ParallelOptions { MaxDegreeOfParallelism = n }, range =>
        {
            using Stream stream = Bzip2.OpenRange(dump, range.Start, range.End);
            Interlocked.Add(ref total, Drain(stream));
        });
        return total;
    });
}

var meta = new MetaSchema(new MetaField("title", MetaType.Text), new MetaField("page_id", MetaType.Integer));
var input = new InputFile(0, dump, compressed);
var reader = new WikipediaDumpReader();
long xmlBytes = 0;
Report("read pages, 1 thread, whole file", () =>
{
    using FileStream file = InputStreams.OpenRaw(dump);
    long chars = 0;
    foreach (Document d in reader.Read(input, file, meta))
    {
        chars += d.Text.Length;
    }

    xmlBytes = chars;
    return chars;
});

foreach (int n in threads)
{
    Report($"read pages, {n} threads, ranges", () =>
    {
        long chars = 0;
        Parallel.For(0, ranges.Count, new ParallelOptions { MaxDegreeOfParallelism = n }, i =>
        {
            long local = 0;
            var part = new InputFile(i, dump, ranges[i].Length, Range: ranges[i]);
            using Stream content = InputStreams.OpenInput(part, downloads: null);
            foreach (Document d in reader.Read(part, content, meta))
            {
                local += d.Text.Length;
            }

            Interlocked.Add(ref chars, local);
        });
        return chars;
    });
}

Console.WriteLine("(read pages: MB/s out counts the kept pages' text characters)");
