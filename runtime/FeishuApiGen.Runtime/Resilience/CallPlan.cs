using FeishuApiGen.Diagnostics;

namespace FeishuApiGen.Resilience;

/// <summary>
/// What one call sends on every attempt and the bounds it runs in, fixed before the first attempt: the URL (with its
/// idempotency key) and body built once, the token to send, the deadline, the endpoint's limiter. Never changes.
/// </summary>
internal sealed class CallPlan(
    FeishuEndpoint endpoint, Uri uri, byte[]? body, string? userAccessToken, SecretScrubber scrubber, long startTimestamp, long deadline, EndpointRateLimiter? rateLimiter)
{
    public FeishuEndpoint Endpoint { get; } = endpoint;

    /// <summary>The URL, built once so every attempt sends the same idempotency key.</summary>
    public Uri Uri { get; } = uri;

    public byte[]? Body { get; } = body;

    /// <summary>The caller's user_access_token, sent instead of the tenant token; null for the app's own token.</summary>
    public string? UserAccessToken { get; } = userAccessToken;

    /// <summary>Scrubs the app secret, the tenant tokens and this call's user token.</summary>
    public SecretScrubber Scrubber { get; } = scrubber;

    public long StartTimestamp { get; } = startTimestamp;

    /// <summary>When the call's total timeout ends, as a timestamp of the connection's clock.</summary>
    public long Deadline { get; } = deadline;

    /// <summary>The endpoint's client-side limiter; null when it has no documented limit or limiting is off.</summary>
    public EndpointRateLimiter? RateLimiter { get; } = rateLimiter;

    /// <summary>Whether sending twice cannot make Feishu act twice: a read, or a write with an idempotency key.</summary>
    public bool IsIdempotent => Endpoint.Method == HttpMethod.Get || Endpoint.IdempotencyKey is not null;
}
