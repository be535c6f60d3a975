using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;

namespace FeishuApiGen.Transport;

/// <summary>
/// Sends requests over HTTP and reads each answer into a pooled buffer, never more than
/// <see cref="FeishuClientOptions.MaxResponseSize"/> bytes counted after decompression: a body that says or turns out to
/// be larger ends the read at once, so no answer (a gzip bomb, an endless chunked body) can exhaust memory. Knows nothing
/// of Feishu's envelope; <see cref="Protocol.FeishuAnswer"/> reads what comes back.
/// </summary>
internal sealed class FeishuTransport : IDisposable
{
    /// <summary>The exact <c>Content-Type</c> Feishu documents for JSON bodies.</summary>
    public const string JsonContentType = "application/json; charset=utf-8";

    // Content-Length sizes the buffer at once up to this much; past it the buffer grows only as bytes really arrive.
    private const int MaxPresized = 1 << 20;
    private const int ReadSize = 16 * 1024;

    private static readonly MediaTypeHeaderValue s_jsonMediaType = MediaTypeHeaderValue.Parse(JsonContentType);
    private static readonly string s_defaultUserAgent = CreateDefaultUserAgent();

    private readonly HttpClient _http;
    private readonly bool _ownsHttpClient;
    private readonly string _userAgent;
    private readonly int _maxResponseSize;

    /// <param name="httpClient">The caller's client, or null for one of the transport's own (disposed with it).</param>
    /// <param name="userAgent">The <c>User-Agent</c>, or null for <c>FeishuApiGen/{version}</c>.</param>
    /// <param name="maxResponseSize">The most bytes of one answer's body read.</param>
    public FeishuTransport(HttpClient? httpClient, string? userAgent, int maxResponseSize)
    {
        _ownsHttpClient = httpClient is null;
        // Timeouts are the connection's (per attempt and per call), so HttpClient's own 100 s is switched off.
        _http = httpClient ?? new HttpClient(CreatePrimaryHandler(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _userAgent = userAgent ?? s_defaultUserAgent;
        _maxResponseSize = maxResponseSize;
    }

    /// <summary>
    /// The handler the transport's own <see cref="HttpClient"/> (and <c>services.AddFeishu</c>'s) sends with: connections
    /// recycled every 5 minutes so DNS changes are seen, gzip accepted, and redirects not followed (Feishu does not redirect,
    /// and a followed 307 would resend the app secret to wherever it points).
    /// </summary>
    public static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        AllowAutoRedirect = false,
    };

    /// <summary>A request with the runtime's <c>User-Agent</c>, and <paramref name="body"/> as JSON if there is one.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="uri">The absolute URL.</param>
    /// <param name="authorization">The <c>Authorization</c> header, or null for none.</param>
    /// <param name="body">The JSON body, or null for none.</param>
    /// <param name="progress">Marked sent the moment a handler starts writing the body.</param>
    public HttpRequestMessage CreateMessage(HttpMethod method, Uri uri, AuthenticationHeaderValue? authorization, byte[]? body, SendProgress progress)
    {
        var message = new HttpRequestMessage(method, uri);
        message.Headers.Authorization = authorization;
        message.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        if (body is not null)
        {
            message.Content = new JsonBodyContent(body, progress);
        }
        else
        {
            // Nothing shows when a request without a body leaves: count it as sent once it is handed over.
            progress.RequestSent = true;
        }

        return message;
    }

    /// <summary>
    /// Sends <paramref name="message"/> (disposing it) and reads the answer's body, bounded. The caller disposes the answer.
    /// </summary>
    /// <param name="message">The request, from <see cref="CreateMessage"/>.</param>
    /// <param name="progress">Whether a byte of the request may have reached the server, kept up to date.</param>
    /// <param name="cancellationToken">Ends the exchange, wherever it is.</param>
    public async ValueTask<ReceivedAnswer> ExchangeAsync(HttpRequestMessage message, SendProgress progress, CancellationToken cancellationToken)
    {
        using (message)
        {
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
            {
                // No connection, so nothing reached the server: resending is safe for any method.
                progress.RequestSent = false;
                throw;
            }

            progress.RequestSent = true;
            try
            {
                var body = await ReadBodyAsync(response.Content, cancellationToken).ConfigureAwait(false);
                return new ReceivedAnswer(response, body, _maxResponseSize, overflow: null);
            }
            catch (BodyTooLargeException tooLarge)
            {
                return new ReceivedAnswer(response, body: null, _maxResponseSize, tooLarge.Message);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
    }

    /// <summary>The whole body, or <see cref="BodyTooLargeException"/> as soon as it is known to be over the limit.</summary>
    private async ValueTask<PooledBufferWriter> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var length = content.Headers.ContentLength;
        if (length > _maxResponseSize)
        {
            throw new BodyTooLargeException($"its Content-Length is {length.Value.ToString(CultureInfo.InvariantCulture)} bytes");
        }

        // +1 so the end is seen without growing.
        var body = new PooledBufferWriter(length is > 0 and < MaxPresized ? (int)length + 1 : 4096, maxCapacity: _maxResponseSize);
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var room = _maxResponseSize - body.WrittenCount;
                if (room == 0)
                {
                    // Exactly at the limit: one byte more says the body is over it, without growing the buffer for it.
                    if (await stream.ReadAsync(new byte[1], cancellationToken).ConfigureAwait(false) == 0)
                    {
                        return body;
                    }

                    throw new BodyTooLargeException("more arrived");
                }

                var read = await stream.ReadAsync(FreeSpace(body, room), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return body;
                }

                body.Advance(read);
            }
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    /// <summary>Where the next bytes go: at most a read's size, and never past the limit.</summary>
    private static Memory<byte> FreeSpace(PooledBufferWriter body, int room)
    {
        var memory = body.GetMemory(Math.Min(ReadSize, room));
        return memory[..Math.Min(memory.Length, room)];
    }

    /// <summary>Disposes the <see cref="HttpClient"/> if the transport created it.</summary>
    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _http.Dispose();
        }
    }

    private static string CreateDefaultUserAgent()
    {
        var version = typeof(FeishuTransport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return "FeishuApiGen/" + (plus >= 0 ? version[..plus] : version);
    }

    /// <summary>A JSON body that marks its request as sent the moment a handler starts writing it: before that, no byte left.</summary>
    private sealed class JsonBodyContent : ByteArrayContent
    {
        private readonly SendProgress _progress;

        public JsonBodyContent(byte[] body, SendProgress progress)
            : base(body)
        {
            _progress = progress;
            Headers.ContentType = s_jsonMediaType;
        }

        protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            _progress.RequestSent = true;
            base.SerializeToStream(stream, context, cancellationToken);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            _progress.RequestSent = true;
            return base.SerializeToStreamAsync(stream, context);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            _progress.RequestSent = true;
            return base.SerializeToStreamAsync(stream, context, cancellationToken);
        }

        protected override Stream CreateContentReadStream(CancellationToken cancellationToken)
        {
            _progress.RequestSent = true;
            return base.CreateContentReadStream(cancellationToken);
        }

        protected override Task<Stream> CreateContentReadStreamAsync()
        {
            _progress.RequestSent = true;
            return base.CreateContentReadStreamAsync();
        }
    }
}

/// <summary>An answer's body is over the size limit; the message says how that showed.</summary>
internal sealed class BodyTooLargeException(string detail) : Exception(detail);

/// <summary>
/// Whether a byte of a request may have reached the server: set once its body starts being written (for a request
/// without a body, once it is handed over), cleared when the connection could not be opened.
/// </summary>
internal class SendProgress
{
    public bool RequestSent { get; set; }
}

/// <summary>An answer as received: status and headers, and the body unless it was larger than allowed.</summary>
internal readonly struct ReceivedAnswer(HttpResponseMessage response, PooledBufferWriter? body, int maxSize, string? overflow) : IDisposable
{
    public HttpResponseMessage Response => response;

    public HttpStatusCode Status => response.StatusCode;

    /// <summary>The body; empty when it was over the limit.</summary>
    public ReadOnlySpan<byte> Body => body is null ? default : body.WrittenSpan;

    /// <summary>The size limit the body was read under.</summary>
    public int MaxSize => maxSize;

    /// <summary>Why reading stopped when the body was larger than <see cref="MaxSize"/>; null when it was read whole.</summary>
    public string? Overflow => overflow;

    public void Dispose()
    {
        body?.Dispose();
        response.Dispose();
    }
}
