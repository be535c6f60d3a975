using System.Diagnostics;

namespace FeishuApiGen.Resilience;

/// <summary>
/// One call as the resilience pipeline sees it: what is sent on every attempt (URL with its idempotency key and body,
/// built once) and what the attempts so far have learnt. Attempts of one call run one after another, never together.
/// </summary>
internal sealed class FeishuCall(
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

    public Activity? Activity { get; set; }

    public int Attempts { get; set; }

    /// <summary>
    /// Whether a byte of the current attempt's request may have reached Feishu: set once the body starts being written
    /// (for a request without a body, once it is handed to the <see cref="HttpClient"/>). False while the permit and
    /// the token are awaited and when the connection could not be opened: then nothing was acted on, resending is safe
    /// for any method, and the attempt's rate-limit permit is given back.
    /// </summary>
    public bool RequestSent { get; set; }

    /// <summary>The tenant token the current attempt sent, so a rejection drops exactly that one.</summary>
    public string? TenantToken { get; set; }

    /// <summary>Whether the one token refresh a call gets has been spent.</summary>
    public bool TenantTokenRefreshed { get; set; }

    /// <summary>The log id of the last answer, if any.</summary>
    public string? LogId { get; set; }

    public Exception? LastFailure { get; set; }

    /// <summary>Set when a transient failure was not retried for a reason other than running out of attempts.</summary>
    public FeishuGiveUpReason? Refusal { get; set; }

    public bool TotalTimeoutElapsed { get; set; }

    /// <summary>Whether the current attempt's timeout was cut to what the call had left, so its firing ends the call.</summary>
    public bool AttemptCutToTotal { get; set; }

    /// <summary>Transient and rate-limit resends so far (a token refresh is not one).</summary>
    public int TransientRetries { get; set; }

    /// <summary>The wait before the resend just decided on.</summary>
    public TimeSpan NextDelay { get; set; }

    /// <summary>Whether the token refresh has been logged and the rejected token dropped.</summary>
    public bool TokenRefreshLogged { get; set; }

    /// <summary>The rate-limit permit of the current attempt (none when the endpoint is not limited).</summary>
    public RatePermit Permit { get; set; }

    /// <summary>Whether the current attempt waited for its token or its permit (so the clock has moved since it began).</summary>
    public bool Waited { get; set; }

    /// <summary>Starts an attempt: nothing of it has been sent or learnt yet.</summary>
    public void BeginAttempt()
    {
        Attempts++;
        RequestSent = false;
        Waited = false;
        Permit = default;
        TenantToken = null;
        LogId = null;
    }

    /// <summary>Whether resending cannot make Feishu act twice: a read, a write with an idempotency key, or nothing sent yet.</summary>
    public bool SafeToResend => Endpoint.Method == HttpMethod.Get || Endpoint.IdempotencyKey is not null || !RequestSent;
}
