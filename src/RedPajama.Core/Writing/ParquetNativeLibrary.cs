using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace RedPajama.Writing;

/// <summary>
/// Lets ParquetSharp find its native library when the host did not read the application's <c>.deps.json</c>: a
/// notebook kernel (<c>#r</c> of the CLI's build output) or a Spark worker loading the job's assemblies. The runtime
/// then probes only the application folder, while the library sits in <c>runtimes/&lt;rid&gt;/native</c> beside
/// ParquetSharp.dll. This is a fallback: normal probing goes first and, when it succeeds, this is never asked.
/// </summary>
internal static class ParquetNativeLibrary
{
    private static int s_registered;

    /// <summary>Registers the fallback once per process.</summary>
    public static void EnsureResolvable()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 1)
        {
            return;
        }

        Assembly parquetSharp = typeof(ParquetSharp.ParquetFileWriter).Assembly;
        AssemblyLoadContext context = AssemblyLoadContext.GetLoadContext(parquetSharp) ?? AssemblyLoadContext.Default;
        context.ResolvingUnmanagedDll += (assembly, name) => assembly == parquetSharp ? Load(assembly, name) : IntPtr.Zero;
    }

    private static IntPtr Load(Assembly assembly, string name)
    {
        string? folder = Path.GetDirectoryName(assembly.Location);
        if (string.IsNullOrEmpty(folder))
        {
            return IntPtr.Zero;
        }

        string os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        string architecture = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        string native = Path.Combine(folder, "runtimes", $"{os}-{architecture}", "native");
        if (!Directory.Exists(native))
        {
            return IntPtr.Zero;
        }

        foreach (string file in Directory.EnumerateFiles(native, name + ".*"))
        {
            if (NativeLibrary.TryLoad(file, out IntPtr handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }
}
