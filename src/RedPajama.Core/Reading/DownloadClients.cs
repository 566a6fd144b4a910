using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace RedPajama.Reading;

/// <summary>
/// One <see cref="HttpClient"/> per read timeout, shared by every download of the process (a client per file would
/// exhaust sockets). Reads are synchronous, as the readers' are, so the timeout is the socket's own receive timeout:
/// a server that stops sending mid-body fails the read instead of hanging the reading task.
/// </summary>
internal static class DownloadClients
{
    private static readonly ConcurrentDictionary<TimeSpan, HttpClient> Clients = new();

    /// <summary>The client for <paramref name="timeout"/>.</summary>
    public static HttpClient For(TimeSpan timeout) => Clients.GetOrAdd(timeout, Create);

    private static HttpClient Create(TimeSpan timeout)
    {
        int milliseconds = (int)Math.Clamp(timeout.TotalMilliseconds, 1, int.MaxValue);
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = timeout,
            ConnectCallback = (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveTimeout = milliseconds, SendTimeout = milliseconds };
                try
                {
                    using CancellationTokenRegistration cancel = cancellationToken.Register(socket.Dispose);
                    socket.Connect(context.DnsEndPoint.Host, context.DnsEndPoint.Port);
                    return ValueTask.FromResult<Stream>(new NetworkStream(socket, ownsSocket: true));
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { Timeout = timeout };
    }
}
