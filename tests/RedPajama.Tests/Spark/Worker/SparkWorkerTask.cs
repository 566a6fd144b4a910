using System.Collections;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Razorvine.Pickle;

namespace RedPajama.Tests.Spark.Worker;

/// <summary>
/// Plays a Spark 3.5 executor for one task of a row-at-a-time (pickled, <c>SQL_BATCHED_UDF</c>) .NET UDF: starts the
/// real Microsoft.Spark.Worker as <c>PythonWorkerFactory</c> would (<c>-m pyspark.worker</c>, the factory port and
/// secret in the environment), authenticates it, writes what <c>PythonRunner</c>/<c>PythonUDFRunner</c> write (split
/// index, version, task context, Spark files directory, includes, broadcasts, eval type, the UDF command, pickled
/// input rows in batches of 100 as <c>BatchEvalPythonExec</c> groups them, end of data, end of stream) and reads back
/// the pickled result batches, the timing data and the accumulator section.
/// </summary>
internal static class SparkWorkerTask
{
    /// <summary>The eval type of a row-at-a-time UDF (<c>PythonEvalType.SQL_BATCHED_UDF</c>).</summary>
    private const int SqlBatchedUdf = 100;

    /// <summary>Rows per pickled batch, as Spark's <c>BatchEvalPythonExec</c> sends them.</summary>
    private const int BatchSize = 100;

    /// <summary>The driver's Microsoft.Spark version, which the worker checks (same major).</summary>
    private static readonly string DriverVersion = typeof(Microsoft.Spark.Sql.Functions).Assembly.GetName().Version!.ToString(3);

    /// <summary>Runs <paramref name="command"/> over <paramref name="rows"/> in a fresh worker process.</summary>
    /// <param name="command">The UDF's command bytes (<see cref="UdfCommand"/>).</param>
    /// <param name="argOffsets">Which input columns the UDF takes.</param>
    /// <param name="rows">Input rows, each the UDF's arguments.</param>
    /// <param name="jobDirectory">The folder holding the job's assemblies (<c>DOTNET_ASSEMBLY_SEARCH_PATHS</c>).</param>
    /// <param name="sparkFilesDirectory">The task's <c>SparkFiles</c> root, where files added with <c>AddFile</c> are.</param>
    /// <returns>The UDF's result per row, unpickled.</returns>
    public static IReadOnlyList<object?> Run(byte[] command, int[] argOffsets, IReadOnlyList<object?[]> rows, string jobDirectory, string sparkFilesDirectory)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        string secret = Guid.NewGuid().ToString("N");
        using Process worker = Start(((IPEndPoint)listener.LocalEndpoint).Port, secret, jobDirectory);
        var log = new StringBuilder();
        worker.OutputDataReceived += (_, e) => Append(log, e.Data);
        worker.ErrorDataReceived += (_, e) => Append(log, e.Data);
        worker.BeginOutputReadLine();
        worker.BeginErrorReadLine();
        try
        {
            using TcpClient client = Accept(listener, worker, log);
            using NetworkStream network = client.GetStream();
            network.ReadTimeout = 120_000;
            var stream = new ExecutorStream(network);
            Authenticate(stream, secret, log);
            _ = stream.ReadInt32(); // Spark 3.2+: the worker's pid.

            // Written while results are read, as the executor's writer thread does: a blocked writer must not
            // stall a worker whose output nobody reads.
            Task writer = Task.Run(() => WriteTask(new ExecutorStream(new BufferedStream(network, 1 << 16)), command, argOffsets, rows, sparkFilesDirectory));
            List<object?> results = ReadResults(stream, log);
            writer.GetAwaiter().GetResult();
            return results;
        }
        finally
        {
            if (!worker.WaitForExit(30_000))
            {
                worker.Kill(entireProcessTree: true);
            }
        }
    }

    private static Process Start(int port, string secret, string jobDirectory)
    {
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            ArgumentList = { SparkWorkerInstall.WorkerAssembly, "-m", "pyspark.worker" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = jobDirectory,
        };
        start.Environment["DOTNET_ROLL_FORWARD"] = "Major";
        start.Environment["DOTNET_WORKER_SPARK_VERSION"] = "3.5.1";
        start.Environment["PYTHON_WORKER_FACTORY_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PYTHON_WORKER_FACTORY_SECRET"] = secret;
        start.Environment["DOTNET_ASSEMBLY_SEARCH_PATHS"] = jobDirectory;
        start.Environment["SPARK_REUSE_WORKER"] = "0";
        return Process.Start(start) ?? throw new InvalidOperationException("the worker did not start");
    }

    private static TcpClient Accept(TcpListener listener, Process worker, StringBuilder log)
    {
        Task<TcpClient> accept = listener.AcceptTcpClientAsync();
        while (!accept.Wait(200))
        {
            if (worker.HasExited)
            {
                throw new InvalidOperationException($"the worker exited ({worker.ExitCode}) before connecting:\n{Text(log)}");
            }
        }

        return accept.Result;
    }

    private static void Authenticate(ExecutorStream stream, string secret, StringBuilder log)
    {
        string offered = stream.ReadString();
        bool valid = offered == secret;
        stream.Write(valid ? "ok" : "err");
        stream.Flush();
        if (!valid)
        {
            throw new InvalidOperationException($"the worker sent a wrong secret:\n{Text(log)}");
        }
    }

    private static void WriteTask(ExecutorStream stream, byte[] command, int[] argOffsets, IReadOnlyList<object?[]> rows, string sparkFilesDirectory)
    {
        stream.Write(0); // split index
        stream.Write(DriverVersion);

        // Task context, Spark 3.3+: barrier, port, secret, stage, partition, attempt number, attempt id, cpus,
        // resources, local properties.
        stream.Write(false);
        stream.Write(0);
        stream.Write(string.Empty);
        stream.Write(1);
        stream.Write(0);
        stream.Write(0);
        stream.Write(1L);
        stream.Write(1);
        stream.Write(0);
        stream.Write(0);

        stream.Write(sparkFilesDirectory);
        stream.Write(0); // python includes

        stream.Write(false); // broadcast decryption server
        stream.Write(0); // broadcast variables

        stream.Write(SqlBatchedUdf);
        stream.Write(1); // UDFs
        stream.Write(argOffsets.Length);
        foreach (int offset in argOffsets)
        {
            stream.Write(offset);
        }

        stream.Write(1); // chained functions
        stream.WriteBlock(command);

        var pickler = new Pickler();
        foreach (object?[][] batch in rows.Chunk(BatchSize))
        {
            stream.WriteBlock(pickler.dumps(batch));
        }

        stream.Write(ExecutorStream.EndOfDataSection);
        stream.Write(ExecutorStream.EndOfStream);
        stream.Flush();
    }

    private static List<object?> ReadResults(ExecutorStream stream, StringBuilder log)
    {
        var results = new List<object?>();
        while (true)
        {
            int length = stream.ReadInt32();
            switch (length)
            {
                case > 0:
                    object batch = new Unpickler().loads(stream.ReadExactly(length));
                    results.AddRange(((IEnumerable)batch).Cast<object?>());
                    break;
                case ExecutorStream.TimingData:
                    for (int i = 0; i < 5; i++)
                    {
                        _ = stream.ReadInt64();
                    }

                    break;
                case ExecutorStream.PythonExceptionThrown:
                    throw new SparkWorkerException(stream.ReadString(), Text(log));
                case ExecutorStream.EndOfDataSection:
                    int accumulators = stream.ReadInt32();
                    accumulators.Should().Be(0);
                    int end = stream.ReadInt32();
                    end.Should().Be(ExecutorStream.EndOfStream, "the worker read the whole task");
                    return results;
                default:
                    throw new InvalidDataException($"unexpected length {length} from the worker:\n{Text(log)}");
            }
        }
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }

    private static string Text(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }
}
