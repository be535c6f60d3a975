using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using FeishuApiGen.Diagnostics;
using FeishuApiGen.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Timeout;

namespace FeishuApiGen;

/// <summary>
/// Sends requests of generated clients to the Open Platform: validates them, authenticates with a cached
/// tenant_access_token (or the caller's user_access_token), writes the JSON body, and reads the <c>{code, msg, data}</c>
/// envelope into the typed response. Every call runs through one resilience pipeline: a total timeout, retries of
/// transient failures when resending is safe, one token refresh, the endpoint's client-side rate limit and a per-attempt
/// timeout (docs/runtime-contract.md lists the rules). Thread-safe; create one per app and keep it.
/// </summary>
public sealed partial class FeishuConnection : IDisposable
{
    /// <summary>The exact <c>Content-Type</c> Feishu documents for JSON bodies.</summary>
    internal const string JsonContentType = "application/json; charset=utf-8";

    // Bodies go to an HTTP API, not into HTML: keep non-ASCII text (e.g. Chinese) as UTF-8 instead of \uXXXX escapes.
    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static Utf8JsonWriter? t_bodyWriter;
    private static readonly MediaTypeHeaderValue s_jsonMediaType = MediaTypeHeaderValue.Parse(JsonContentType);
    private static readonly string s_defaultUserAgent = CreateDefaultUserAgent();

    private readonly HttpClient _http;
    private readonly bool _ownsHttpClient;
    private readonly string _baseUri;
    private readonly string _userAgent;
    private readonly SecretScrubber _scrubber;
    private readonly TokenCache _tokens;
    private readonly EndpointRateLimiters? _rateLimiters;
    private readonly CallPipeline _pipeline;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly int _maxResponseSize;
    // Cancelled by Dispose: every wait of every call in flight (permit, token, retry, the HTTP exchange) ends with it.
    private readonly CancellationTokenSource _lifetime = new();
    private AuthenticationHeaderValue? _lastAuthorization;
    private int _disposed;

    /// <summary>Creates a connection with an <see cref="HttpClient"/> of its own, disposed with the connection.</summary>
    /// <param name="options">App credentials, host, retries, timeouts and rate limits; validated and copied.</param>
    /// <exception cref="ArgumentException">An option is missing or invalid.</exception>
    public FeishuConnection(FeishuClientOptions options)
        : this(Validated(options), CreateHttpClient(), ownsHttpClient: true)
    {
    }

    /// <summary>
    /// Creates a connection that sends through the caller's <see cref="HttpClient"/> (e.g. from <c>IHttpClientFactory</c>).
    /// The client is not disposed by the connection and its <see cref="HttpClient.BaseAddress"/> is ignored: every request URI is absolute.
    /// Do not add a retry handler to it (such as <c>AddStandardResilienceHandler</c>): the connection retries already, knowing
    /// which calls are safe to resend, and the two would multiply attempts. Its <see cref="HttpClient.Timeout"/> should be
    /// infinite or longer than <see cref="FeishuClientOptions.AttemptTimeout"/>.
    /// </summary>
    /// <param name="options">App credentials, host, retries, timeouts and rate limits; validated and copied.</param>
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
        _time = options.TimeProvider;
        _logger = options.LoggerFactory?.CreateLogger(FeishuLog.Category) ?? NullLogger.Instance;
        _maxResponseSize = options.MaxResponseSize;
        _tokens = new TokenCache(
            _http, _baseUri, options.AppId, options.AppSecret, _userAgent, _time, options.TokenRefreshMargin, options.AttemptTimeout, _maxResponseSize, _scrubber, _logger);
        _rateLimiters = options.RateLimiting.Enabled ? new EndpointRateLimiters(options.RateLimiting.Copy(), _time) : null;
        _pipeline = new CallPipeline(options.AttemptTimeout, options.TotalTimeout, options.Retry.Copy(), _tokens, _logger, AppId, _time);
    }

    /// <summary>The app's App ID.</summary>
    public string AppId { get; }

    /// <summary>The Open Platform address requests are sent to.</summary>
    public Uri BaseAddress { get; }

    /// <summary>How many tenant_access_token fetches this connection has started (for tests).</summary>
    internal int TokenFetchCount => _tokens.FetchCount;

    /// <summary>Whether a tenant_access_token fetch is running (for tests).</summary>
    internal bool TokenFetchInFlight => _tokens.IsFetching;

    /// <summary>
    /// Sends one request and returns the typed <c>data</c> of the answer. Nothing is sent when the request breaks its spec.
    /// Transient failures are retried when resending is safe; if Feishu rejects the tenant_access_token (99991661, 99991663,
    /// 99991671) a new one is fetched and the request sent once more, with the same URL (idempotency key included) and body.
    /// </summary>
    /// <typeparam name="TRequest">The generated request type.</typeparam>
    /// <typeparam name="TResponse">The generated response type.</typeparam>
    /// <param name="endpoint">The endpoint's description.</param>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call, wherever it is: waiting for a token, a permit or a retry, sending or reading.</param>
    /// <returns>The answer's <c>data</c>, read by <typeparamref name="TResponse"/>.</returns>
    /// <exception cref="FeishuValidationException">The request breaks its spec; nothing was sent.</exception>
    /// <exception cref="FeishuApiException">Feishu answered with a non-zero <c>code</c> that retrying cannot change (also for the token request).</exception>
    /// <exception cref="FeishuProtocolException">The answer was not a Feishu JSON envelope, and retrying cannot change that.</exception>
    /// <exception cref="FeishuTransientException">A transient failure persisted, or could not safely be retried.</exception>
    /// <exception cref="HttpRequestException">The connection could not be secured (e.g. a certificate error).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ArgumentException">The endpoint accepts only user_access_token and none was given.</exception>
    public Task<TResponse> SendAsync<TRequest, TResponse>(FeishuEndpoint endpoint, TRequest request, CancellationToken cancellationToken)
        where TRequest : IFeishuRequest
        where TResponse : IFeishuResponse<TResponse>
        => SendAsync<TRequest, TResponse>(endpoint, request, options: null, cancellationToken);

    /// <summary>
    /// Sends one request with per-call options (e.g. a user_access_token) and returns the typed <c>data</c> of the answer.
    /// Nothing is sent when the request breaks its spec or the options do not fit the endpoint.
    /// </summary>
    /// <typeparam name="TRequest">The generated request type.</typeparam>
    /// <typeparam name="TResponse">The generated response type.</typeparam>
    /// <param name="endpoint">The endpoint's description.</param>
    /// <param name="request">The request.</param>
    /// <param name="options">Per-call options, or null.</param>
    /// <param name="cancellationToken">Cancels the call, wherever it is: waiting for a token, a permit or a retry, sending or reading.</param>
    /// <returns>The answer's <c>data</c>, read by <typeparamref name="TResponse"/>.</returns>
    /// <exception cref="FeishuValidationException">The request breaks its spec; nothing was sent.</exception>
    /// <exception cref="FeishuApiException">Feishu answered with a non-zero <c>code</c> that retrying cannot change (also for the token request).</exception>
    /// <exception cref="FeishuProtocolException">The answer was not a Feishu JSON envelope, and retrying cannot change that.</exception>
    /// <exception cref="FeishuTransientException">A transient failure persisted, or could not safely be retried.</exception>
    /// <exception cref="HttpRequestException">The connection could not be secured (e.g. a certificate error).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ArgumentException">
    /// A user_access_token was given for an endpoint that does not accept one, or none for an endpoint that accepts only those.
    /// </exception>
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
        cancellationToken.ThrowIfCancellationRequested();

        // Everything that can fail locally happens before the first byte is sent.
        var userAccessToken = ChooseUserAccessToken(endpoint, options);
        Validate(endpoint, request);
        var start = _time.GetTimestamp();
        var call = new FeishuCall(
            endpoint,
            BuildUri(endpoint, request, pageToken),
            endpoint.HasBody ? WriteBody(endpoint, request) : null,
            userAccessToken,
            _scrubber.With(userAccessToken),
            start,
            _pipeline.Deadline(start),
            _rateLimiters?.For(endpoint));

        using var activity = FeishuTelemetry.StartCall(endpoint, AppId);
        call.Activity = activity;
        // The call ends when its caller cancels or the connection is disposed; a token that cannot be cancelled needs no link.
        using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token) : null;
        var context = ResilienceContextPool.Shared.Get(linked?.Token ?? _lifetime.Token);
        context.Properties.Set(CallPipeline.CallKey, call);
        try
        {
            var response = await _pipeline.Retry.ExecuteAsync(
                static (context, state) => state.Connection.AttemptAsync<TResponse>(context, state.Call),
                context,
                (Connection: this, Call: call)).ConfigureAwait(false);
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                // Checked first: reading the clock for a message nobody logs is a measurable share of a call.
                FeishuLog.CallSucceeded(_logger, endpoint.Id, call.Attempts, ElapsedMilliseconds(call), call.LogId);
            }

            activity?.SetTag(FeishuTelemetry.AttemptTag, call.Attempts);
            return response;
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested
            // A transient failure is not retried once the caller has cancelled: that is a cancellation, not a give-up.
            && (ex is OperationCanceledException || CallPipeline.Classify(ex, call) is FailureKind.Transient or FailureKind.RateLimited))
        {
            FeishuLog.CallCanceled(_logger, endpoint.Id, call.Attempts, ElapsedMilliseconds(call));
            activity?.SetTag(FeishuTelemetry.AttemptTag, call.Attempts);
            activity?.SetTag(FeishuTelemetry.ErrorTypeTag, nameof(OperationCanceledException));
            activity?.SetStatus(ActivityStatusCode.Error, "canceled");
            if (ex is OperationCanceledException canceled && canceled.CancellationToken == cancellationToken)
            {
                throw;
            }

            // Raised on the token linked with the connection's lifetime, or a failure the cancellation cut short: the
            // caller is told of its own token.
            throw new OperationCanceledException("The call was canceled.", ex, cancellationToken);
        }
        catch (Exception ex)
        {
            // Disposal cancels the call's waits: the caller learns why, not a cancellation it never asked for.
            var failure = _lifetime.IsCancellationRequested && ex is not ObjectDisposedException
                ? new ObjectDisposedException(nameof(FeishuConnection), "The connection was disposed while the call was in flight.")
                : Conclude(ex, call);
            RecordFailure(activity, call, failure);
            if (ReferenceEquals(failure, ex))
            {
                throw;
            }

            throw failure;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// One attempt: the token, then the endpoint's rate-limit permit, then the exchange under the attempt's timeout.
    /// Throws on any failure; the pipeline decides what happens next. A permit whose request never left is given back.
    /// </summary>
    private async ValueTask<TResponse> AttemptAsync<TResponse>(ResilienceContext context, FeishuCall call)
        where TResponse : IFeishuResponse<TResponse>
    {
        var cancellationToken = context.CancellationToken;
        call.BeginAttempt();
        try
        {
            // The token comes before the permit, so a permit is taken only when the request can leave at once: a slow
            // token fetch cannot bunch one window's calls onto the next window's.
            var token = call.UserAccessToken ?? await TenantTokenAsync(call, cancellationToken).ConfigureAwait(false);
            try
            {
                await _pipeline.AcquirePermitAsync(call, cancellationToken).ConfigureAwait(false);
            }
            catch (RateLimitRefusedException)
            {
                // Refused before it could send: the attempt never happened, and is not counted.
                call.Attempts--;
                throw;
            }

            var timeout = _pipeline.AttemptTimeout(call);
            // Nothing leaves once the call is out of time or cancelled, however late the permit came: it goes back.
            cancellationToken.ThrowIfCancellationRequested();
            if (call.AttemptCutToTotal && _pipeline.Remaining(call) <= TimeSpan.Zero)
            {
                throw CallPipeline.AttemptTimedOut(call, timeout, inner: null);
            }

            using var timer = _pipeline.StartAttemptTimer(timeout, cancellationToken);
            try
            {
                return await SendAndReadAsync<TResponse>(call, token, timer.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (timer.Token.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw CallPipeline.AttemptTimedOut(call, timeout, ex);
            }
        }
        catch when (!call.RequestSent)
        {
            call.Permit.Return();
            throw;
        }
    }

    /// <summary>The cached tenant token, or one fetched while the attempt waits no longer than its timeout.</summary>
    private ValueTask<string> TenantTokenAsync(FeishuCall call, CancellationToken cancellationToken)
    {
        if (_tokens.TryGetCached(out var cached))
        {
            call.TenantToken = cached;
            return ValueTask.FromResult(cached);
        }

        return FetchAsync(call, cancellationToken);

        async ValueTask<string> FetchAsync(FeishuCall call, CancellationToken cancellationToken)
        {
            call.Waited = true;
            var timeout = _pipeline.AttemptTimeout(call);
            try
            {
                var token = await _tokens.GetAsync(timeout, cancellationToken).ConfigureAwait(false);
                call.TenantToken = token;
                return token;
            }
            catch (TokenCache.TokenWaitTimeoutException ex)
            {
                throw CallPipeline.AttemptTimedOut(call, timeout, ex);
            }
        }
    }

    /// <summary>Sends the request with <paramref name="token"/> and reads the answer.</summary>
    private async ValueTask<TResponse> SendAndReadAsync<TResponse>(FeishuCall call, string token, CancellationToken cancellationToken)
        where TResponse : IFeishuResponse<TResponse>
    {
        using var message = CreateMessage(call, token);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            // No connection, so nothing reached Feishu: resending is safe for any method.
            call.RequestSent = false;
            throw;
        }

        using (response)
        {
            call.RequestSent = true;
            var logId = FeishuEnvelope.HeaderLogId(response, call.Scrubber);
            PooledBufferWriter body;
            try
            {
                body = await ResponseBody.ReadAsync(response, _maxResponseSize, call.Endpoint.Id, logId, cancellationToken).ConfigureAwait(false);
            }
            catch (FeishuProtocolException ex) when (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                // An oversized 429 still asks to wait.
                ex.RetryAfter = FeishuEnvelope.RateLimitReset(response, _time);
                throw;
            }

            using (body)
            {
                return ReadAnswer<TResponse>(call, response, logId, body.WrittenSpan);
            }
        }
    }

    /// <summary>The answer's envelope and data; throws for a non-zero code. Nothing keeps <paramref name="bytes"/>.</summary>
    private TResponse ReadAnswer<TResponse>(FeishuCall call, HttpResponseMessage response, string? logId, ReadOnlySpan<byte> bytes)
        where TResponse : IFeishuResponse<TResponse>
    {
        call.Activity?.SetTag(FeishuTelemetry.StatusTag, (int)response.StatusCode);
        call.Activity?.SetTag(FeishuTelemetry.LogIdTag, logId);
        call.LogId = logId;
        // A 429 asks to wait whatever its body: a gateway's HTML page or an empty body carries the same headers.
        var retryAfter = response.StatusCode == HttpStatusCode.TooManyRequests ? FeishuEnvelope.RateLimitReset(response, _time) : null;
        FeishuEnvelope envelope;
        try
        {
            envelope = FeishuEnvelope.Parse(call.Endpoint.Id, bytes, response.StatusCode, logId, call.Scrubber, withholdBody: false);
        }
        catch (FeishuProtocolException ex) when (retryAfter is not null)
        {
            ex.RetryAfter = retryAfter;
            throw;
        }

        logId ??= ServerText.LogId(envelope.ErrorLogId, call.Scrubber);
        call.LogId = logId;
        call.Activity?.SetTag(FeishuTelemetry.LogIdTag, logId);
        call.Activity?.SetTag(FeishuTelemetry.CodeTag, envelope.Code);

        if (envelope.Code != 0)
        {
            throw new FeishuApiException(
                call.Endpoint.Id,
                envelope.Code,
                call.Scrubber.Scrub(envelope.Msg),
                response.StatusCode,
                logId,
                envelope.Troubleshooter is { } troubleshooter ? call.Scrubber.Scrub(troubleshooter) : null,
                FeishuErrorCodes.IsPermissionError(envelope.Code) ? call.Endpoint.Scopes : null,
                IsRateLimit(envelope.Code, response.StatusCode) ? retryAfter ?? FeishuEnvelope.RateLimitReset(response, _time) : null);
        }

        return ReadData<TResponse>(call.Endpoint.Id, bytes, envelope, response.StatusCode, logId, call.Scrubber);
    }

    /// <summary>
    /// The exception a failed call ends with: transient failures the pipeline stopped retrying become a
    /// <see cref="FeishuTransientException"/> saying why; anything else is thrown as it came.
    /// </summary>
    private Exception Conclude(Exception error, FeishuCall call)
    {
        var elapsed = _time.GetElapsedTime(call.StartTimestamp);
        FeishuGiveUpReason? reason = error switch
        {
            RateLimitRefusedException refused => refused.Reason,
            TimeoutRejectedException when call.TotalTimeoutElapsed => FeishuGiveUpReason.TotalTimeoutElapsed,
            _ when CallPipeline.Classify(error, call) is FailureKind.Transient or FailureKind.RateLimited =>
                call.Refusal ?? FeishuGiveUpReason.AttemptsExhausted,
            _ => null,
        };

        if (reason is not { } giveUp)
        {
            FeishuLog.CallFailed(_logger, call.Endpoint.Id, call.Attempts, (long)elapsed.TotalMilliseconds, FeishuTransientException.Describe(error));
            return error;
        }

        // The limiter's refusal is internal and says nothing the reason does not: the last error is the last attempt's.
        var lastError = error is RateLimitRefusedException ? call.LastFailure
            : giveUp == FeishuGiveUpReason.TotalTimeoutElapsed ? call.LastFailure ?? error
            : error;
        FeishuLog.GaveUp(_logger, call.Endpoint.Id, call.Attempts, (long)elapsed.TotalMilliseconds, giveUp, FeishuTransientException.Describe(lastError));
        return new FeishuTransientException(call.Endpoint.Id, giveUp, call.Attempts, elapsed, lastError);
    }

    private static void RecordFailure(Activity? activity, FeishuCall call, Exception failure)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(FeishuTelemetry.AttemptTag, call.Attempts);
        activity.SetTag(FeishuTelemetry.ErrorTypeTag, failure.GetType().Name);
        if (failure is FeishuTransientException transient)
        {
            activity.SetTag(FeishuTelemetry.GiveUpReasonTag, transient.Reason.ToString());
        }

        activity.SetStatus(ActivityStatusCode.Error, FeishuTransientException.Describe(failure is FeishuTransientException t ? t.InnerException : failure));
    }

    private long ElapsedMilliseconds(FeishuCall call) => (long)_time.GetElapsedTime(call.StartTimestamp).TotalMilliseconds;

    /// <summary>Whether an answer says "too many requests": HTTP 429 or code 99991400.</summary>
    internal static bool IsRateLimit(int code, HttpStatusCode status) => code == FeishuErrorCodes.RateLimited || status == HttpStatusCode.TooManyRequests;

    /// <summary>
    /// The user_access_token to send instead of the tenant token, or null for the tenant token. Refuses, before anything is
    /// sent, a user token the endpoint does not accept and a missing one the endpoint needs.
    /// </summary>
    private static string? ChooseUserAccessToken(FeishuEndpoint endpoint, FeishuRequestOptions? options)
    {
        var accepts = endpoint.AccessTokens;
        if (options?.UserAccessToken is { } userToken)
        {
            if (string.IsNullOrWhiteSpace(userToken) || userToken.AsSpan().ContainsAnyInRange('\0', '\u001f'))
            {
                throw new ArgumentException("FeishuRequestOptions.UserAccessToken must be a non-empty token without control characters.", nameof(options));
            }

            if (accepts != FeishuAccessTokenTypes.None && !accepts.HasFlag(FeishuAccessTokenTypes.User))
            {
                throw new ArgumentException(
                    $"{endpoint.Id} does not accept a user_access_token (its spec allows: {accepts}). Leave FeishuRequestOptions.UserAccessToken unset to call with the app's tenant_access_token.",
                    nameof(options));
            }

            return userToken;
        }

        if (accepts != FeishuAccessTokenTypes.None && !accepts.HasFlag(FeishuAccessTokenTypes.Tenant))
        {
            if (accepts.HasFlag(FeishuAccessTokenTypes.User))
            {
                throw new ArgumentException(
                    $"{endpoint.Id} accepts only a user_access_token: pass the user's token in FeishuRequestOptions.UserAccessToken.", nameof(options));
            }

            throw new NotSupportedException(
                $"{endpoint.Id} accepts only {accepts} access tokens; this runtime sends the app's tenant_access_token or a caller's user_access_token.");
        }

        return null;
    }

    /// <summary>
    /// Ends every call in flight with <see cref="ObjectDisposedException"/> (whether it waits for a permit, a token or a
    /// retry, or is sending), cancels a token fetch, and disposes the <see cref="HttpClient"/> if the connection created it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _lifetime.Cancel();
            _tokens.Dispose();
            _rateLimiters?.Dispose();
            if (_ownsHttpClient)
            {
                _http.Dispose();
            }
        }
    }

    /// <summary>Returns <c>FeishuConnection { AppId, BaseAddress }</c>; never credentials.</summary>
    public override string ToString() => $"FeishuConnection {{ AppId = {AppId}, BaseAddress = {BaseAddress} }}";

    /// <summary>
    /// The handler the connection's own <see cref="HttpClient"/> (and <c>services.AddFeishu</c>'s) sends with: connections
    /// recycled every 5 minutes so DNS changes are seen, gzip accepted, and redirects not followed (Feishu does not redirect,
    /// and a followed 307 would resend the app secret to wherever it points).
    /// </summary>
    internal static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        AllowAutoRedirect = false,
    };

    private static FeishuClientOptions Validated(FeishuClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }

    // Timeouts are the pipeline's (per attempt and per call), so HttpClient's own 100 s is switched off.
    private static HttpClient CreateHttpClient() => new(CreatePrimaryHandler(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };

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
        // One writer per thread, reset onto each call's buffer: a writer is a sizeable object to make per call.
        var writer = t_bodyWriter ??= new Utf8JsonWriter(buffer, s_writerOptions);
        writer.Reset(buffer);
        try
        {
            request.WriteBody(writer);
            if (writer.CurrentDepth != 0)
            {
                throw new InvalidOperationException($"The request for {endpoint.Id} wrote an incomplete JSON body.");
            }

            writer.Flush();
        }
        finally
        {
            // Detached from the buffer, which goes back to the pool.
            writer.Reset(Stream.Null);
        }

        // Copied out of the pooled buffer: the handler may still touch the content after SendAsync returns
        // (e.g. an early response while the body is being sent), and a returned array could be reused by then.
        return buffer.WrittenSpan.IsEmpty ? "{}"u8.ToArray() : buffer.WrittenSpan.ToArray();
    }

    /// <summary>The header for <paramref name="token"/>, reused while the token stays the same (it is never changed once made).</summary>
    private AuthenticationHeaderValue Authorization(string token)
    {
        var last = Volatile.Read(ref _lastAuthorization);
        if (last is not null && ReferenceEquals(last.Parameter, token))
        {
            return last;
        }

        var made = new AuthenticationHeaderValue("Bearer", token);
        Volatile.Write(ref _lastAuthorization, made);
        return made;
    }

    private HttpRequestMessage CreateMessage(FeishuCall call, string token)
    {
        var message = new HttpRequestMessage(call.Endpoint.Method, call.Uri);
        message.Headers.Authorization = Authorization(token);
        message.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        if (call.Body is not null)
        {
            message.Content = new CallBodyContent(call);
        }
        else
        {
            // Nothing shows when a request without a body leaves: count it as sent once it is handed over.
            call.RequestSent = true;
        }

        return message;
    }

    /// <summary>The call's JSON body. It marks the call as sent the moment a handler starts writing it: before that, no byte left.</summary>
    private sealed class CallBodyContent : ByteArrayContent
    {
        private readonly FeishuCall _call;

        public CallBodyContent(FeishuCall call)
            : base(call.Body!)
        {
            _call = call;
            Headers.ContentType = s_jsonMediaType;
        }

        protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            _call.RequestSent = true;
            base.SerializeToStream(stream, context, cancellationToken);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            _call.RequestSent = true;
            return base.SerializeToStreamAsync(stream, context);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            _call.RequestSent = true;
            return base.SerializeToStreamAsync(stream, context, cancellationToken);
        }

        protected override Stream CreateContentReadStream(CancellationToken cancellationToken)
        {
            _call.RequestSent = true;
            return base.CreateContentReadStream(cancellationToken);
        }

        protected override Task<Stream> CreateContentReadStreamAsync()
        {
            _call.RequestSent = true;
            return base.CreateContentReadStreamAsync();
        }
    }

    private static TResponse ReadData<TResponse>(string endpointId, ReadOnlySpan<byte> body, FeishuEnvelope envelope, HttpStatusCode status, string? logId, SecretScrubber scrubber)
        where TResponse : IFeishuResponse<TResponse>
    {
        if (envelope.DataIsNotObject)
        {
            throw new FeishuProtocolException(
                endpointId, "'data' is neither an object nor null", status, logId, FeishuEnvelope.Excerpt(body, scrubber, withhold: false));
        }

        ReadOnlySpan<byte> data = envelope.HasData ? body.Slice(envelope.DataStart, envelope.DataLength) : "{}"u8;
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
                FeishuEnvelope.Excerpt(data, scrubber, withhold: false),
                ex);
        }
    }
}
