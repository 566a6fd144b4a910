using System.Diagnostics;
using RedPajama.Benchmarks;
using static System.FormattableString;

// dotnet run -c Release --project bench/RedPajama.Benchmarks -- shuffle-designs [keys] [memory-mb]
// Runs each design in its own process, so each one's peak working set is its own.
if (args.Length >= 1 && args[0] == "shuffle-designs")
{
    long keys = args.Length > 1 ? long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000_000;
    int memoryMb = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1024;
    Console.WriteLine(Invariant($"exact dedup of {keys:N0} 128-bit keys (80% distinct), memory budget {memoryMb} MB, {Environment.ProcessorCount} cores"));
    // Under `dotnet RedPajama.Benchmarks.dll` the host needs the assembly's path again; the apphost does not.
    string[] host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? [Environment.GetCommandLineArgs()[0]] : [];
    foreach (string design in new[] { "spill-files", "duckdb" })
    {
        using Process child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, [.. host, "one", design, keys.ToString(System.Globalization.CultureInfo.InvariantCulture), memoryMb.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { RedirectStandardOutput = true })!;
        Console.Write(child.StandardOutput.ReadToEnd());
        child.WaitForExit();
    }

    return 0;
}

if (args.Length == 4 && args[0] == "one")
{
    long keys = long.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
    int memoryMb = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
    ShuffleResult result = args[1] == "duckdb" ? ShuffleDesigns.DuckDb(keys, memoryMb) : ShuffleDesigns.SpillFiles(keys, memoryMb);
    Console.WriteLine(result.Describe(args[1], keys));
    return result.Duplicates == keys - ShuffleDesigns.Distinct(keys) ? 0 : 1;
}

Console.Error.WriteLine("usage: RedPajama.Benchmarks shuffle-designs [keys] [memory-mb]");
return 2;
