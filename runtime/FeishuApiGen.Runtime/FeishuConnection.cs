using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FeishuApiGen;

/// <summary>
/// Sends requests of generated clients to the Open Platform: validates them, authenticates with a cached
/// tenant_access_token, writes the JSON body, and reads the <c>{code, msg, data}</c> envelope into the typed response.
/// Thread-safe; create one per app and keep it.
/// </summary>
public sealed partial class FeishuConnection : IDisposable
{
    /// <summary>The exact <c>Content-Type</c> Feishu documents for JSON bodies.</summary>
    internal const string JsonContentType = "application/json; charset=utf-8";

    // Bodies go to an HTTP API, not into HTML: keep non-ASCII text (e.g. Chinese) as UTF-8 instead of \uXXXX escapes.
    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly MediaTypeHeaderValue s_jsonMediaType = MediaTypeHeaderValue.Parse(JsonContentType);
    private static readonly string s_defaultUserAgent = CreateDefaultUserAgent();

    private readonly HttpClient _http;
    private readonly bool _ownsHttpClient;
    private readonly string _baseUri;
    private readonly string _userAgent;
    private readonly SecretScrubber _scrubber;
    private readonly TokenCache _tokens;
    private int _disposed;

    /// <summary>Creates a connection with an <see cref="HttpClient"/> of its own, disposed with the connection.</summary>
    /// <param name="options">App credentials and host; validated and copied.</param>
    /// <exception cref="ArgumentException">An option is missing or invalid.</exception>
    public FeishuConnection(FeishuClientOptions options)
        : this(Validated(options), CreateHttpClient(), ownsHttpClient: true)
    {
    }

    /// <summary>
    /// Creates a connection that sends through the caller's <see cref="HttpClient"/> (e.g. from <c>IHttpClientFactory</c>).
    /// The client is not disposed by the connection and its <see cref="HttpClient.BaseAddress"/> is ignored: every request URI is absolute.
    /// </summary>
    /// <param name="options">App credentials and host; validated and copied.</param>
    /// <param name="httpClient">The client to send with.</param>
    /// <exception cref="ArgumentException">An option is missing or invalid.</exception>
    public FeishuConnection(FeishuClientOptions options, HttpClient httpClient)
        : this(Validated(options), httpClient ?? throw new ArgumentNullException(nameof(httpClient)), ownsHttpClient: false)
    {
    }

    private FeishuConnection(FeishuClientOptions options, HttpClient httpClient, bool ownsHttpClient)
    {
        _http = httpClient;
        _ownsHttpClient = ownsHttpClient;
        // Scheme, authority and any path prefix, without the trailing slash: generated paths start with '/'.
        _baseUri = options.BaseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/');
        AppId = options.AppId;
        BaseAddress = new Uri(_baseUri, UriKind.Absolute);
        _userAgent = options.UserAgent ?? s_defaultUserAgent;
        _scrubber = new SecretScrubber(options.AppSecret);
        _tokens = new TokenCache(
            _http, _baseUri, options.AppId, options.AppSecret, _userAgent, options.TimeProvider, options.TokenRefreshMargin, _scrubber);
    }

    /// <summary>The app's App ID.</summary>
    public string AppId { get; }

    /// <summary>The Open Platform address requests are sent to.</summary>
    public Uri BaseAddress { get; }

    /// <summary>
    /// Sends one request and returns the typed <c>data</c> of the answer. Nothing is sent when the request breaks its spec.
    /// If Feishu says the token is invalid (99991663) the token is refreshed and the request sent once more, with the same URL and body.
    /// </summary>
    /// <typeparam name="TRequest">The generated request type.</typeparam>
    /// <typeparam name="TResponse">The generated response type.</typeparam>
    /// <param name="endpoint">The endpoint's description.</param>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the token fetch, the send and the read.</param>
    /// <returns>The answer's <c>data</c>, read by <typeparamref name="TResponse"/>.</returns>
    /// <exception cref="FeishuValidationException">The request breaks its spec; nothing was sent.</exception>
    /// <exception cref="FeishuApiException">Feishu answered with a non-zero <c>code</c> (also for the token request).</exception>
    /// <exception cref="FeishuProtocolException">The answer was not a Feishu JSON envelope.</exception>
    /// <exception cref="HttpRequestException">The request could not be sent or the answer not received.</exception>
    /// <exception cref="NotSupportedException">The endpoint does not accept a tenant_access_token, the only kind this runtime obtains.</exception>
    public Task<TResponse> SendAsync<TRequest, TResponse>(FeishuEndpoint endpoint, TRequest request, CancellationToken cancellationToken)
        where TRequest : IFeishuRequest
        where TResponse : IFeishuResponse<TResponse>
        => SendAsync<TRequest, TResponse>(endpoint, request, options: null, cancellationToken);

    /// <summary>
    /// Sends one request with per-call options and returns the typed <c>data</c> of the answer.
    /// Nothing is sent when the request breaks its spec.
    /// </summary>
    /// <typeparam name="TRequest">The generated request type.</typeparam>
    /// <typeparam name="TResponse">The generated response type.</typeparam>
    /// <param name="endpoint">The endpoint's description.</param>
    /// <param name="request">The request.</param>
    /// <param name="options">Per-call options, or null.</param>
    /// <param name="cancellationToken">Cancels the token fetch, the send and the read.</param>
    /// <returns>The answer's <c>data</c>, read by <typeparamref name="TResponse"/>.</returns>
    /// <exception cref="FeishuValidationException">The request breaks its spec; nothing was sent.</exception>
    /// <exception cref="FeishuApiException">Feishu answered with a non-zero <c>code</c> (also for the token request).</exception>
    /// <exception cref="FeishuProtocolException">The answer was not a Feishu JSON envelope.</exception>
    /// <exception cref="HttpRequestException">The request could not be sent or the answer not received.</exception>
    public Task<TResponse> SendAsync<TRequest, TResponse>(
        FeishuEndpoint endpoint, TRequest request, FeishuRequestOptions? options, CancellationToken cancellationToken)
        where TRequest : IFeishuRequest
        where TResponse : IFeishuResponse<TResponse>
    {
        CheckCall(endpoint, request);
        return SendCoreAsync<TRequest, TResponse>(endpoint, request, options, pageToken: null, cancellationToken);
    }

    /// <summary>Argument and state checks every call makes before anything else, so they throw synchronously.</summary>
    private void CheckCall<TRequest>(FeishuEndpoint endpoint, TRequest request)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
    }

    private async Task<TResponse> SendCoreAsync<TRequest, TResponse>(
        FeishuEndpoint endpoint, TRequest request, FeishuRequestOptions? options, string? pageToken, CancellationToken cancellationToken)
        where TRequest : IFeishuRequest
        where TResponse : IFeishuResponse<TResponse>
    {
        _ = options; // user_access_token support arrives with the production runtime (issue 4).
        cancellationToken.ThrowIfCancellationRequested();
        if (endpoint.AccessTokens != FeishuAccessTokenTypes.None && !endpoint.AccessTokens.HasFlag(FeishuAccessTokenTypes.Tenant))
        {
            throw new NotSupportedException(
                $"{endpoint.Id} accepts only {endpoint.AccessTokens} access tokens; this runtime authenticates with tenant_access_token only.");
        }

        // Everything that can fail locally happens before the first byte is sent.
        Validate(endpoint, request);
        var uri = BuildUri(endpoint, request, pageToken);
        var body = endpoint.HasBody ? WriteBody(endpoint, request) : null;

        for (var attempt = 1; ; attempt++)
        {
            var token = await _tokens.GetAsync(cancellationToken).ConfigureAwait(false);
            using var message = CreateMessage(endpoint.Method, uri, token, body);
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var logId = FeishuEnvelope.HeaderLogId(response);
            var envelope = FeishuEnvelope.Parse(endpoint.Id, bytes, response.StatusCode, logId, _scrubber, withholdBody: false);

            if (envelope.Code == FeishuErrorCodes.AccessTokenInvalid && attempt == 1)
            {
                // Revoked or expired early on the server: drop it and try once more with a new one.
                _tokens.Invalidate(token);
                continue;
            }

            if (envelope.Code != 0)
            {
                throw new FeishuApiException(
                    endpoint.Id,
                    envelope.Code,
                    _scrubber.Scrub(envelope.Msg),
                    response.StatusCode,
                    logId ?? envelope.ErrorLogId,
                    envelope.Troubleshooter is { } troubleshooter ? _scrubber.Scrub(troubleshooter) : null,
                    FeishuErrorCodes.IsPermissionError(envelope.Code) ? endpoint.Scopes : null,
                    envelope.Code == FeishuErrorCodes.RateLimited ? FeishuEnvelope.RateLimitReset(response) : null);
            }

            return ReadData<TResponse>(endpoint.Id, bytes, envelope, response.StatusCode, logId ?? envelope.ErrorLogId);
        }
    }

    /// <summary>Disposes the <see cref="HttpClient"/> if the connection created it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0 && _ownsHttpClient)
        {
            _http.Dispose();
        }
    }

    /// <summary>Returns <c>FeishuConnection { AppId, BaseAddress }</c>; never credentials.</summary>
    public override string ToString() => $"FeishuConnection {{ AppId = {AppId}, BaseAddress = {BaseAddress} }}";

    private static FeishuClientOptions Validated(FeishuClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }

    private static HttpClient CreateHttpClient() => new(
        new SocketsHttpHandler
        {
            // Re-resolve DNS now and then; a long-lived client otherwise pins one address forever.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        },
        disposeHandler: true);

    private static string CreateDefaultUserAgent()
    {
        var version = typeof(FeishuConnection).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return "FeishuApiGen/" + (plus >= 0 ? version[..plus] : version);
    }

    private static void Validate<TRequest>(FeishuEndpoint endpoint, TRequest request)
        where TRequest : IFeishuRequest
    {
        var validator = new FeishuValidator();
        request.Validate(ref validator);
        if (validator.HasErrors)
        {
            throw new FeishuValidationException(endpoint.Id, validator.ToErrors());
        }
    }

    private Uri BuildUri<TRequest>(FeishuEndpoint endpoint, TRequest request, string? pageToken)
        where TRequest : IFeishuRequest
    {
        string pathAndQuery;
        var url = new FeishuUrlBuilder(256) { PageTokenOverride = pageToken };
        try
        {
            request.WriteUrl(ref url);
            pathAndQuery = url.ToString();
        }
        finally
        {
            url.Dispose();
        }

        if (!pathAndQuery.StartsWith('/'))
        {
            throw new InvalidOperationException($"The request for {endpoint.Id} wrote a URL that does not start with '/'.");
        }

        return new Uri(_baseUri + pathAndQuery, UriKind.Absolute);
    }

    private static byte[] WriteBody<TRequest>(FeishuEndpoint endpoint, TRequest request)
        where TRequest : IFeishuRequest
    {
        using var buffer = new PooledBufferWriter();
        using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            request.WriteBody(writer);
            if (writer.CurrentDepth != 0)
            {
                throw new InvalidOperationException($"The request for {endpoint.Id} wrote an incomplete JSON body.");
            }
        }

        // Copied out of the pooled buffer: the handler may still touch the content after SendAsync returns
        // (e.g. an early response while the body is being sent), and a returned array could be reused by then.
        return buffer.WrittenSpan.IsEmpty ? "{}"u8.ToArray() : buffer.WrittenSpan.ToArray();
    }

    private HttpRequestMessage CreateMessage(HttpMethod method, Uri uri, string token, byte[]? body)
    {
        var message = new HttpRequestMessage(method, uri);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        message.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        if (body is not null)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = s_jsonMediaType;
            message.Content = content;
        }

        return message;
    }

    private TResponse ReadData<TResponse>(string endpointId, byte[] body, FeishuEnvelope envelope, HttpStatusCode status, string? logId)
        where TResponse : IFeishuResponse<TResponse>
    {
        if (envelope.DataIsNotObject)
        {
            throw new FeishuProtocolException(
                endpointId, "'data' is neither an object nor null", status, logId, FeishuEnvelope.Excerpt(body, _scrubber, withhold: false));
        }

        ReadOnlySpan<byte> data = envelope.HasData ? body.AsSpan(envelope.DataStart, envelope.DataLength) : "{}"u8;
        try
        {
            var reader = new Utf8JsonReader(data);
            reader.Read();
            return TResponse.ReadData(ref reader);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            // Utf8JsonReader reports a token of the wrong type as InvalidOperationException, a bad number as FormatException.
            throw new FeishuProtocolException(
                endpointId,
                "'data' does not have the shape this endpoint's response type expects",
                status,
                logId,
                FeishuEnvelope.Excerpt(data, _scrubber, withhold: false),
                ex);
        }
    }
}
