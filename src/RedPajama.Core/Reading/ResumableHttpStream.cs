using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace RedPajama.Reading;

/// <summary>
/// The bytes of an <c>http://</c> or <c>https://</c> URL as a forward-only stream, downloaded while the reader
/// parses them: nothing is held beyond the read buffers and nothing is written to disk. When the connection drops,
/// stalls (<see cref="HttpDownloadOptions.Timeout"/>) or the server answers 5xx, 408 or 429, the stream waits
/// (<see cref="HttpDownloadOptions.Backoff"/>, doubling) and asks again from the first byte not yet delivered with
/// <c>Range: bytes=&lt;offset&gt;-</c>: a 206 must start there (<c>Content-Range</c>); a 200 (a server that ignores
/// ranges) has its first <c>offset</c> bytes skipped. A 404 or 410, another 4xx, or
/// <see cref="HttpDownloadOptions.Attempts"/> failures in a row without progress throw a
/// <see cref="DownloadFailedException"/>; the bytes delivered before it stay delivered, so the reader keeps the
/// records it completed, as for a truncated gzip.
/// </summary>
public sealed class ResumableHttpStream : ForwardReadStream
{
    private readonly Uri _uri;
    private readonly HttpDownloadOptions _options;
    private readonly CancellationToken _cancellationToken;
    private readonly HttpClient _client;
    private HttpResponseMessage? _response;
    private Stream? _body;
    private long _position;
    private long? _length;
    private int _failures;
    private int _requests;
    private readonly CancellationTokenRegistration _cancellation;

    /// <summary>Creates the stream; the first request is sent by the first read.</summary>
    /// <param name="uri">An absolute <c>http</c> or <c>https</c> URL.</param>
    /// <param name="options">Attempts, waits and timeout.</param>
    /// <param name="cancellationToken">Stops a request or a wait between attempts.</param>
    public ResumableHttpStream(Uri uri, HttpDownloadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"not an http or https URL: {uri}", nameof(uri));
        }

        _uri = uri;
        _options = options ?? HttpDownloadOptions.Default;
        _cancellationToken = cancellationToken;
        _client = DownloadClients.For(_options.Timeout);

        // A read blocked on a silent socket would otherwise wait out the timeout after Ctrl+C.
        _cancellation = cancellationToken.Register(static state => ((ResumableHttpStream)state!)._response?.Dispose(), this);
    }

    /// <summary>Requests sent after the first one (resumes and retries), for logs and tests.</summary>
    public int Retries => Math.Max(0, _requests - 1);

    /// <inheritdoc />
    protected override long BytesRead => _position;

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (_length is { } length && _position >= length)
            {
                return 0;
            }

            try
            {
                int read = (_body ?? Connect()).Read(buffer);
                if (read == 0)
                {
                    // HttpClient reports a body cut short against Content-Length itself; this covers a server that
                    // sent none and closed early on a resumed request whose Content-Range told the size.
                    if (_length is not { } expected || _position >= expected)
                    {
                        return 0;
                    }

                    throw new IOException($"the connection closed at byte {_position} of {expected}");
                }

                _position += read;
                _failures = 0;
                return read;
            }
            catch (Exception exception) when (IsTransient(exception))
            {
                Fail(exception);
            }
            catch (Exception exception) when (exception is not OperationCanceledException && _cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("the download was cancelled", exception, _cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _cancellation.Dispose();
            CloseBody();
        }

        base.Dispose(disposing);
    }

    private bool IsTransient(Exception exception) =>
        exception is not DownloadFailedException
        && !_cancellationToken.IsCancellationRequested
        && exception is IOException or HttpRequestException or SocketException or TimeoutException or TaskCanceledException;

    // One request from the current position; the body stream is left open for the reads.
    private Stream Connect()
    {
        _requests++;
        using var request = new HttpRequestMessage(HttpMethod.Get, _uri);
        if (_position > 0)
        {
            request.Headers.Range = new RangeHeaderValue(_position, null);
        }

        HttpResponseMessage response = _client.Send(request, HttpCompletionOption.ResponseHeadersRead, _cancellationToken);
        _response = response;
        int status = (int)response.StatusCode;
        if (status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
        {
            throw new HttpRequestException($"HTTP {status} ({response.ReasonPhrase})", null, response.StatusCode);
        }

        if (response.StatusCode == HttpStatusCode.PartialContent && _position > 0)
        {
            ContentRangeHeaderValue? range = response.Content.Headers.ContentRange;
            if (range is not { HasRange: true, From: { } from } || range.Unit != "bytes" || from != _position)
            {
                throw new IOException($"asked for bytes from {_position}, the server sent Content-Range '{range}'");
            }

            _length = range.Length ?? (response.Content.Headers.ContentLength is { } rest ? _position + rest : _length);
            _body = response.Content.ReadAsStream(_cancellationToken);
            return _body;
        }

        if (response.StatusCode == HttpStatusCode.OK)
        {
            _length = response.Content.Headers.ContentLength ?? _length;
            _body = response.Content.ReadAsStream(_cancellationToken);
            SkipDelivered(_body);
            return _body;
        }

        string message = $"{_uri}: HTTP {status} ({response.ReasonPhrase})";
        CloseBody();
        throw response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone
            ? new DownloadFailedException($"{message}: no such file")
            : new DownloadFailedException(message);
    }

    // A server that ignores Range sends the whole file again: the bytes already delivered are read and dropped.
    private void SkipDelivered(Stream body)
    {
        byte[] scratch = new byte[64 * 1024];
        long left = _position;
        while (left > 0)
        {
            int read = body.Read(scratch, 0, (int)Math.Min(scratch.Length, left));
            if (read == 0)
            {
                throw new IOException($"the server sent the whole file again but it ended at byte {_position - left}, before the {_position} already read");
            }

            left -= read;
        }
    }

    private void Fail(Exception exception)
    {
        CloseBody();
        _failures++;
        if (_failures >= _options.Attempts)
        {
            throw new DownloadFailedException(
                $"{_uri}: gave up after {_failures} failed attempt{(_failures == 1 ? string.Empty : "s")} in a row at byte {_position}{(_length is { } length ? $" of {length}" : string.Empty)}: {exception.Message}",
                exception);
        }

        double factor = Math.Pow(2, _failures - 1);
        TimeSpan wait = TimeSpan.FromTicks((long)Math.Min(_options.Backoff.Ticks * factor, _options.MaxBackoff.Ticks));

        // A little jitter, so that executors cut off together do not all come back at the same instant.
        wait += TimeSpan.FromTicks((long)(wait.Ticks * 0.25 * Random.Shared.NextDouble()));
        if (_cancellationToken.WaitHandle.WaitOne(wait))
        {
            _cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private void CloseBody()
    {
        _body?.Dispose();
        _body = null;
        _response?.Dispose();
        _response = null;
    }
}
