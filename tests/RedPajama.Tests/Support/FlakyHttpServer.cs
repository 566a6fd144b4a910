using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RedPajama.Tests.Support;

/// <summary>One request the <see cref="FlakyHttpServer"/> received.</summary>
/// <param name="Number">Its number among all requests, from 0.</param>
/// <param name="Path">The request path, without the leading slash.</param>
/// <param name="RangeStart">The start of its <c>Range: bytes=N-</c> header, or null.</param>
internal sealed record FlakyRequest(int Number, string Path, long? RangeStart);

/// <summary>How the <see cref="FlakyHttpServer"/> answers one request.</summary>
/// <param name="Status">The status; anything but 200 is sent with an empty body.</param>
/// <param name="HonourRange">Answer a Range request with 206 and the rest of the file; false sends the whole file (200).</param>
/// <param name="CutAfter">Close the connection after this many body bytes (the headers still promise all of them).</param>
/// <param name="StallAfter">Stop sending, without closing, after this many body bytes.</param>
internal sealed record FlakyReply(int Status = 200, bool HonourRange = true, long? CutAfter = null, long? StallAfter = null);

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 for download tests: serves files by name, answers <c>Range: bytes=N-</c>
/// with 206 and <c>Content-Range</c>, and can drop a connection mid-body, stall, or answer an error status, as the
/// test's behaviour says for each request. One request per connection (<c>Connection: close</c>).
/// </summary>
internal sealed class FlakyHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IReadOnlyDictionary<string, byte[]> _files;
    private readonly Func<FlakyRequest, FlakyReply> _behaviour;
    private readonly ConcurrentQueue<FlakyRequest> _requests = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _count;

    public FlakyHttpServer(IReadOnlyDictionary<string, byte[]> files, Func<FlakyRequest, FlakyReply> behaviour)
    {
        _files = files;
        _behaviour = behaviour;
        _listener.Start();
        _accepting = Task.Run(AcceptAsync);
    }

    /// <summary>The server's root URL, with a final slash.</summary>
    public string Root => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";

    /// <summary>The requests received so far, in order.</summary>
    public IReadOnlyList<FlakyRequest> Requests => [.. _requests.OrderBy(r => r.Number)];

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _accepting.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                (string path, long? range) = await ReadRequestAsync(stream);
                var request = new FlakyRequest(Interlocked.Increment(ref _count) - 1, path, range);
                _requests.Enqueue(request);
                FlakyReply reply = _behaviour(request);
                if (!_files.TryGetValue(path, out byte[]? file))
                {
                    await WriteHeadAsync(stream, "404 Not Found", 0, null);
                    return;
                }

                if (reply.Status != 200)
                {
                    await WriteHeadAsync(stream, $"{reply.Status} Flaky", 0, null);
                    return;
                }

                long start = reply.HonourRange && range is { } from ? from : 0;
                byte[] body = file[(int)start..];
                string? contentRange = start > 0 ? $"bytes {start}-{file.Length - 1}/{file.Length}" : null;
                await WriteHeadAsync(stream, start > 0 ? "206 Partial Content" : "200 OK", body.Length, contentRange);
                long send = Math.Min(body.Length, Math.Min(reply.CutAfter ?? long.MaxValue, reply.StallAfter ?? long.MaxValue));
                await stream.WriteAsync(body.AsMemory(0, (int)send), _stop.Token);
                await stream.FlushAsync(_stop.Token);
                if (reply.StallAfter is not null && send < body.Length)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }

                // A graceful close: the client gets every byte sent, then an early end of the body.
                client.Client.Shutdown(SocketShutdown.Both);
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away, or the server is stopping.
            }
        }
    }

    private static async Task<(string Path, long? Range)> ReadRequestAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        byte[] one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new IOException("the client closed before the end of its request");
            }

            head.Append((char)one[0]);
        }

        string[] lines = head.ToString().Split("\r\n");
        string path = lines[0].Split(' ')[1].TrimStart('/');
        long? range = null;
        foreach (string line in lines.Skip(1))
        {
            const string prefix = "range: bytes=";
            if (line.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                range = long.Parse(line[prefix.Length..].TrimEnd('-'), CultureInfo.InvariantCulture);
            }
        }

        return (Uri.UnescapeDataString(path), range);
    }

    private async Task WriteHeadAsync(NetworkStream stream, string status, long length, string? contentRange)
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status}\r\nContent-Length: {length}\r\nConnection: close\r\nAccept-Ranges: bytes\r\n");
        if (contentRange is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Range: {contentRange}\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), _stop.Token);
    }
}
