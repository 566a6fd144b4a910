using System.Runtime.InteropServices;

namespace RedPajama.Sources.Wikipedia.Reading;

/// <summary>
/// The system's libbz2 (the library behind <c>bzip2 -d</c> and Python's <c>bz2</c>), when one is installed: its
/// decoder runs about 1.4× SharpZipLib's (bench/wikipedia). Absent (Windows, slim images) or disabled with
/// <c>REDPAJAMA_BZIP2=managed</c>, the readers use SharpZipLib; both give the same bytes and fail on the same input.
/// </summary>
internal static unsafe class LibBzip2
{
    /// <summary><c>BZ_OK</c>.</summary>
    public const int Ok = 0;

    /// <summary><c>BZ_STREAM_END</c>.</summary>
    public const int StreamEnd = 4;

    /// <summary>The environment variable that forces the managed decoder (<c>managed</c>).</summary>
    public const string DecoderVariable = "REDPAJAMA_BZIP2";

    private static readonly string[] s_names = ["libbz2.so.1.0", "libbz2.so.1", "libbz2.so", "libbz2.1.0.dylib", "libbz2.dylib", "bz2", "libbz2"];
    private static readonly Functions? s_functions = Load();

    /// <summary>Whether the native decoder is loaded and not disabled.</summary>
    public static bool IsAvailable => s_functions is not null;

    /// <summary><c>BZ2_bzDecompressInit(stream, verbosity 0, small 0)</c>.</summary>
    public static int DecompressInit(BzStream* stream) => s_functions!.Init(stream, 0, 0);

    /// <summary><c>BZ2_bzDecompress(stream)</c>.</summary>
    public static int Decompress(BzStream* stream) => s_functions!.Decompress(stream);

    /// <summary><c>BZ2_bzDecompressEnd(stream)</c>.</summary>
    public static int DecompressEnd(BzStream* stream) => s_functions!.End(stream);

    private static Functions? Load()
    {
        if (string.Equals(Environment.GetEnvironmentVariable(DecoderVariable), "managed", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        foreach (string name in s_names)
        {
            if (NativeLibrary.TryLoad(name, out IntPtr library) &&
                NativeLibrary.TryGetExport(library, "BZ2_bzDecompressInit", out IntPtr init) &&
                NativeLibrary.TryGetExport(library, "BZ2_bzDecompress", out IntPtr decompress) &&
                NativeLibrary.TryGetExport(library, "BZ2_bzDecompressEnd", out IntPtr end))
            {
                return new Functions(
                    (delegate* unmanaged<BzStream*, int, int, int>)init,
                    (delegate* unmanaged<BzStream*, int>)decompress,
                    (delegate* unmanaged<BzStream*, int>)end);
            }
        }

        return null;
    }

    /// <summary>libbz2's <c>bz_stream</c>; it must not move while a stream is open (libbz2 keeps its address).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct BzStream
    {
        public byte* NextIn;
        public uint AvailIn;
        public uint TotalInLo32;
        public uint TotalInHi32;
        public byte* NextOut;
        public uint AvailOut;
        public uint TotalOutLo32;
        public uint TotalOutHi32;
        public IntPtr State;
        public IntPtr Alloc;
        public IntPtr Free;
        public IntPtr Opaque;
    }

    private sealed class Functions(
        delegate* unmanaged<BzStream*, int, int, int> init,
        delegate* unmanaged<BzStream*, int> decompress,
        delegate* unmanaged<BzStream*, int> end)
    {
        public delegate* unmanaged<BzStream*, int, int, int> Init { get; } = init;

        public delegate* unmanaged<BzStream*, int> Decompress { get; } = decompress;

        public delegate* unmanaged<BzStream*, int> End { get; } = end;
    }
}
