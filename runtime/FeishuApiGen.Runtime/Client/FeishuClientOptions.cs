using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace FeishuApiGen;

/// <summary>
/// How a <see cref="FeishuConnection"/> reaches the Open Platform and authenticates as a self-built or store app, and how
/// it retries, times out and paces calls. The connection copies these values when it is created; later changes to this
/// object do not affect it.
/// </summary>
public sealed class FeishuClientOptions
{
    private static readonly TimeSpan s_shortestTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan s_longestTimeout = TimeSpan.FromDays(1);

    /// <summary>The app's App ID (<c>cli_...</c>), from the developer console. Required.</summary>
    public string AppId { get; set; } = "";

    /// <summary>The app's App Secret. Required. Never printed by <see cref="ToString"/>, logged or put in an exception message.</summary>
    public string AppSecret { get; set; } = "";

    /// <summary>
    /// Scheme, host and port of the Open Platform (a path prefix is kept, for proxies).
    /// Defaults to <see cref="FeishuHosts.Feishu"/>; use <see cref="FeishuHosts.Lark"/> for Lark.
    /// Must be https, except to a loopback address (a local stand-in), because the app secret travels to it.
    /// </summary>
    public Uri BaseAddress { get; set; } = FeishuHosts.Feishu;

    /// <summary>
    /// How long before its expiry a cached tenant_access_token is replaced. Defaults to 3 minutes, as the official SDKs do.
    /// </summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// The clock for token expiry, retry waits, timeouts and client-side rate limits. Defaults to
    /// <see cref="TimeProvider.System"/>; tests substitute their own.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The <c>User-Agent</c> header; when null the runtime sends <c>FeishuApiGen/&lt;version&gt;</c>.</summary>
    public string? UserAgent { get; set; }

    /// <summary>
    /// The longest one attempt may wait for a token, and the longest its exchange may take: sending and reading the whole
    /// answer. A wait for a client-side rate-limit permit between the two is bounded by <see cref="TotalTimeout"/> instead.
    /// A timed-out attempt counts as a transient failure. Defaults to 30 seconds; between 10 ms and 24 hours.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest one call may take, every attempt, retry wait and rate-limit wait included. Defaults to 100 seconds
    /// (what <see cref="HttpClient.Timeout"/> defaults to); between 10 ms and 24 hours.
    /// </summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// The largest answer body read, in bytes, counted after decompression, for API and token answers alike. A larger one
    /// (by its <c>Content-Length</c>, or as it arrives) ends the call with a <see cref="FeishuProtocolException"/> naming
    /// the limit and the endpoint, and nothing more of it is read. Defaults to 16 MiB, many times Feishu's largest page;
    /// between 1 KiB and 1 GiB.
    /// </summary>
    public int MaxResponseSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>How failed calls are retried.</summary>
    public FeishuRetryOptions Retry { get; set; } = new();

    /// <summary>Client-side rate limiting from each endpoint's documented limits.</summary>
    public FeishuRateLimitOptions RateLimiting { get; set; } = new();

    /// <summary>
    /// Where the connection logs (category <c>FeishuApiGen</c>); null logs nothing. <c>services.AddFeishu</c> sets it from
    /// the container. Nothing logged ever carries the app secret, a token or a request body.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Where the <c>FeishuApiGen</c> meter comes from (call duration, calls in flight, retries, rate-limit waits, token
    /// fetches); <c>services.AddFeishu</c> sets the application's. Null: one meter shared by every connection.
    /// </summary>
    public IMeterFactory? MeterFactory { get; set; }

    /// <summary>
    /// Where the instances of a fleet calling as this app share its tenant_access_token (e.g. FeishuApiGen.Redis's
    /// <c>RedisTokenShare</c>), so the fleet fetches one token per refresh; null: this connection fetches its own.
    /// </summary>
    public IFeishuTokenShare? TokenShare { get; set; }

    /// <summary>
    /// Where the instances of a fleet calling as this app share each endpoint's documented limits and its 429 pauses (e.g.
    /// FeishuApiGen.Redis's <c>RedisRateBudget</c>), so together they send no more than the documented rate; null: this
    /// connection's own limiters only. Applies only while <see cref="FeishuRateLimitOptions.Enabled"/>, at the same
    /// <see cref="FeishuRateLimitOptions.Scale"/>.
    /// </summary>
    public IFeishuRateBudget? RateBudget { get; set; }

    /// <summary>
    /// Checks that the options can be used: <see cref="AppId"/> and <see cref="AppSecret"/> set, <see cref="BaseAddress"/>
    /// an absolute https URI (http only to a loopback host) without query or fragment, and every limit in its range.
    /// </summary>
    /// <exception cref="ArgumentException">An option is missing or invalid; the message names it (and never quotes the secret).</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(AppId))
        {
            throw new ArgumentException("FeishuClientOptions.AppId is required: the app's App ID (cli_...) from the developer console.", nameof(AppId));
        }

        if (string.IsNullOrWhiteSpace(AppSecret))
        {
            throw new ArgumentException("FeishuClientOptions.AppSecret is required: the app's App Secret from the developer console.", nameof(AppSecret));
        }

        if (BaseAddress is null
            || !BaseAddress.IsAbsoluteUri
            || (BaseAddress.Scheme != Uri.UriSchemeHttps && BaseAddress.Scheme != Uri.UriSchemeHttp)
            || BaseAddress.Query.Length > 0
            || BaseAddress.Fragment.Length > 0)
        {
            throw new ArgumentException(
                "FeishuClientOptions.BaseAddress must be an absolute http or https URI without query or fragment, such as https://open.feishu.cn.",
                nameof(BaseAddress));
        }

        if (!IsSecureTransport(BaseAddress))
        {
            throw new ArgumentException(
                $"FeishuClientOptions.BaseAddress {BaseAddress.GetLeftPart(UriPartial.Authority)} is plain http to a host that is not loopback: "
                + "the app secret and tokens would cross the network unencrypted. Use https (http is allowed only to localhost or 127.0.0.1/::1).",
                nameof(BaseAddress));
        }

        if (TokenRefreshMargin < TimeSpan.Zero)
        {
            throw new ArgumentException("FeishuClientOptions.TokenRefreshMargin must not be negative.", nameof(TokenRefreshMargin));
        }

        if (TimeProvider is null)
        {
            throw new ArgumentException("FeishuClientOptions.TimeProvider must not be null.", nameof(TimeProvider));
        }

        if (UserAgent is not null && (UserAgent.Length == 0 || UserAgent.AsSpan().ContainsAnyInRange('\0', '\u001f')))
        {
            throw new ArgumentException("FeishuClientOptions.UserAgent must be null or a non-empty header value without control characters.", nameof(UserAgent));
        }

        CheckTimeout(AttemptTimeout, nameof(AttemptTimeout));
        CheckTimeout(TotalTimeout, nameof(TotalTimeout));

        if (MaxResponseSize is < 1024 or > 1024 * 1024 * 1024)
        {
            throw new ArgumentException("FeishuClientOptions.MaxResponseSize must be between 1024 bytes (1 KiB) and 1073741824 bytes (1 GiB).", nameof(MaxResponseSize));
        }

        if (Retry is null)
        {
            throw new ArgumentException("FeishuClientOptions.Retry must not be null.", nameof(Retry));
        }

        if (Retry.MaxAttempts is < 1 or > 20)
        {
            throw new ArgumentException("FeishuClientOptions.Retry.MaxAttempts must be between 1 (no retries) and 20.", nameof(Retry));
        }

        if (Retry.BaseDelay < TimeSpan.Zero || Retry.BaseDelay > s_longestTimeout || Retry.MaxDelay < Retry.BaseDelay || Retry.MaxDelay > s_longestTimeout)
        {
            throw new ArgumentException(
                "FeishuClientOptions.Retry.BaseDelay must be between 0 and 24 hours, and Retry.MaxDelay between BaseDelay and 24 hours.", nameof(Retry));
        }

        if (RateLimiting is null)
        {
            throw new ArgumentException("FeishuClientOptions.RateLimiting must not be null.", nameof(RateLimiting));
        }

        if (!(RateLimiting.Scale > 0 && RateLimiting.Scale <= 1000))
        {
            throw new ArgumentException("FeishuClientOptions.RateLimiting.Scale must be greater than 0 and at most 1000.", nameof(RateLimiting));
        }

        if (RateLimiting.QueueLimit < 0)
        {
            throw new ArgumentException("FeishuClientOptions.RateLimiting.QueueLimit must not be negative.", nameof(RateLimiting));
        }

        if (RateLimiting.WindowGuard < TimeSpan.Zero || RateLimiting.WindowGuard > TimeSpan.FromSeconds(10))
        {
            throw new ArgumentException("FeishuClientOptions.RateLimiting.WindowGuard must be between zero and 10 seconds.", nameof(RateLimiting));
        }
    }

    /// <summary>Describes the options for logs. The secret is shown only as set or not set.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"FeishuClientOptions {{ AppId = {AppId}, AppSecret = {(string.IsNullOrEmpty(AppSecret) ? "(not set)" : "***")}, BaseAddress = {BaseAddress}, TokenRefreshMargin = {TokenRefreshMargin}, UserAgent = {UserAgent ?? "(default)"}, AttemptTimeout = {AttemptTimeout}, TotalTimeout = {TotalTimeout}, MaxResponseSize = {MaxResponseSize}, Retry = {Retry}, RateLimiting = {RateLimiting} }}");

    /// <summary>Whether credentials may be sent to <paramref name="uri"/>: https, or http to a loopback host.</summary>
    internal static bool IsSecureTransport(Uri uri) => uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);

    private static void CheckTimeout(TimeSpan value, string name)
    {
        if (value < s_shortestTimeout || value > s_longestTimeout)
        {
            throw new ArgumentException($"FeishuClientOptions.{name} must be between 10 milliseconds and 24 hours.", name);
        }
    }
}
