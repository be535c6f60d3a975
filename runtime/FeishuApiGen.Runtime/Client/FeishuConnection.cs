using System.Diagnostics;
using FeishuApiGen.Authentication;
using FeishuApiGen.Diagnostics;
using FeishuApiGen.Fleet;
using FeishuApiGen.Requests;
using FeishuApiGen.Resilience;
using FeishuApiGen.Transport;
using FeishuApiGen.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeishuApiGen;

/// <summary>
/// Sends requests of generated clients to the Open Platform: validates them, authenticates with a cached
/// tenant_access_token (or the caller's user_access_token), writes the JSON body, and reads the <c>{code, msg, data}</c>
/// envelope into the typed response. A failed attempt is retried when that is safe and can help: transient failures,
/// one token refresh; every attempt keeps to the endpoint's client-side rate limit and its timeouts
/// (docs/runtime-contract.md lists the rules). Thread-safe; create one per app and keep it.
/// </summary>
/// <remarks>
/// The connection assembles the rooms and prepares each call; the work is theirs: <c>Authentication/</c> (where a tenant
/// token comes from, how it is cached, which token a call sends), <c>Requests/</c> (URL and body), <c>Transport/</c> (HTTP),
/// <c>Protocol/</c> (the envelope, and answers becoming data or exceptions), <c>Resilience/</c> (attempts, retries,
/// timeouts, rate limits).
/// </remarks>
public sealed partial class FeishuConnection : IDisposable
{
    private readonly string _baseUri;
    private readonly SecretScrubber _scrubber;
    private readonly FeishuTransport _transport;
    private readonly TenantTokenCache _tokens;
    private readonly EndpointRateLimiters? _rateLimiters;
    private readonly CallRunner _runner;
    private readonly TimeProvider _time;
    // Cancelled by Dispose: every wait of every call in flight (permit, token, retry, the HTTP exchange) ends with it.
    private readonly CancellationTokenSource _lifetime = new();
    private int _disposed;

    /// <summary>Creates a connection with an <see cref="HttpClient"/> of its own, disposed with the connection.</summary>
    /// <param name="options">App credentials, host, retries, timeouts and rate limits; validated and copied.</param>
    /// <exception cref="ArgumentException">An option is missing or invalid.</exception>
    public FeishuConnection(FeishuClientOptions options)
        : this(httpClient: null, Validated(options))
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
        : this(httpClient ?? throw new ArgumentNullException(nameof(httpClient)), Validated(options))
    {
    }

    // httpClient first: the public constructor with the same two types takes them the other way round.
    private FeishuConnection(HttpClient? httpClient, FeishuClientOptions options)
    {
        // Scheme, authority and any path prefix, without the trailing slash: generated paths start with '/'.
        _baseUri = options.BaseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/');
        AppId = options.AppId;
        BaseAddress = new Uri(_baseUri, UriKind.Absolute);
        _time = options.TimeProvider;
        _scrubber = new SecretScrubber(options.AppSecret);
        var logger = options.LoggerFactory?.CreateLogger(FeishuLog.Category) ?? NullLogger.Instance;
        _transport = new FeishuTransport(httpClient, options.UserAgent, options.MaxResponseSize);
        var metrics = new FeishuMetrics(options.MeterFactory, BaseAddress, _time);
        ITenantTokenSource tokenSource = new TenantTokenEndpoint(_transport, _baseUri, options.AppId, options.AppSecret, _scrubber, _time);
        if (options.TokenShare is { } share)
        {
            tokenSource = new SharedTenantTokenSource(
                tokenSource, share, options.AppId, options.TokenRefreshMargin, options.AttemptTimeout, _time, new FleetHealth(FleetHealth.TokenPart, options.AppId, logger, metrics));
        }

        var fleetBudget = options.RateBudget is { } budget && options.RateLimiting.Enabled
            ? new FleetRateBudget(budget, options.AppId, _time, new FleetHealth(FleetHealth.RatePart, options.AppId, logger, metrics))
            : null;

        _tokens = new TenantTokenCache(tokenSource, options.AppId, _time, options.TokenRefreshMargin, options.AttemptTimeout, _scrubber, logger, metrics);
        _rateLimiters = options.RateLimiting.Enabled ? new EndpointRateLimiters(options.RateLimiting.Copy(), _time) : null;
        var policy = new RetryPolicy(options.Retry.Copy(), new CallTimeouts(options.AttemptTimeout, options.TotalTimeout, _time));
        _runner = new CallRunner(_transport, _tokens, policy, AppId, _time, logger, metrics, fleetBudget, _lifetime.Token);
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

    private Task<TResponse> SendCoreAsync<TRequest, TResponse>(
        FeishuEndpoint endpoint, TRequest request, FeishuRequestOptions? options, string? pageToken, CancellationToken cancellationToken)
        where TRequest : IFeishuRequest
        where TResponse : IFeishuResponse<TResponse>
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return CanceledAsync<TResponse>(cancellationToken);
        }

        CallPlan plan;
        try
        {
            // Everything that can fail locally happens before the first byte is sent.
            var userAccessToken = AccessTokenChoice.UserAccessToken(endpoint, options);
            RequestValidation.ThrowIfInvalid(endpoint, request);
            var start = _time.GetTimestamp();
            plan = new CallPlan(
                endpoint,
                RequestWriter.Url(_baseUri, endpoint, request, pageToken),
                endpoint.HasBody ? RequestWriter.Body(endpoint, request) : null,
                userAccessToken,
                _scrubber.With(userAccessToken),
                start,
                _runner.Deadline(start),
                _rateLimiters?.For(endpoint));
        }
        catch (Exception ex)
        {
            // As from an async method: a refusal is the returned task's, not a throw from the call itself.
            return Task.FromException<TResponse>(ex);
        }

        return _runner.RunAsync<TResponse>(plan, cancellationToken);
    }

    // Thrown from an async method, as every other failure of a call is: awaiting it rethrows this exception, stack and all.
    private static async Task<TResponse> CanceledAsync<TResponse>(CancellationToken cancellationToken)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        throw new UnreachableException();
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
            _transport.Dispose();
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
}
