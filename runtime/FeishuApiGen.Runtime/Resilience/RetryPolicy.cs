using System.Net;
using FeishuApiGen.Authentication;
using FeishuApiGen.Protocol;
using Polly.Timeout;

namespace FeishuApiGen.Resilience;

/// <summary>What a failed attempt means for the call.</summary>
internal enum FailureKind
{
    /// <summary>Retrying cannot help: a business error, a bad request, a permission, wrong credentials.</summary>
    Final,

    /// <summary>May pass: HTTP 5xx or 408, a connection failure or drop, a timed-out attempt.</summary>
    Transient,

    /// <summary>Feishu refused for rate (HTTP 429 or code 99991400) before acting: wait as told, then resend.</summary>
    RateLimited,

    /// <summary>Feishu refused the tenant_access_token (99991661/99991663/99991671) before acting: refresh, resend once.</summary>
    TenantTokenRejected,
}

/// <summary>
/// A connection's rules for resending, fixed when it is made: how failures are classified, how many resends a call gets
/// and how long it waits before each (exponential backoff with jitter, or the wait Feishu asks for). The state of one
/// call's resends is <see cref="CallRetries"/>'s.
/// </summary>
internal sealed class RetryPolicy(FeishuRetryOptions options, CallTimeouts timeouts)
{
    /// <summary>Transient and rate-limit resends a call may make (a token refresh is not one).</summary>
    public int MaxResends { get; } = options.MaxAttempts - 1;

    public CallTimeouts Timeouts { get; } = timeouts;

    /// <summary>What <paramref name="error"/> means for the call <paramref name="plan"/> describes.</summary>
    public static FailureKind Classify(Exception? error, CallPlan plan) => error switch
    {
        // A rejection of the caller's user token cannot be helped by a tenant token refresh; the token endpoint's own
        // errors are about credentials, not a token sent.
        FeishuApiException api when FeishuErrorCodes.IsTenantTokenRejected(api.Code) =>
            plan.UserAccessToken is null && api.EndpointId != TenantTokenEndpoint.Id ? FailureKind.TenantTokenRejected : FailureKind.Final,
        FeishuApiException api when FeishuAnswer.IsRateLimit(api.Code, api.HttpStatus) => FailureKind.RateLimited,
        FeishuApiException api => IsTransientStatus(api.HttpStatus) ? FailureKind.Transient : FailureKind.Final,
        FeishuProtocolException protocol when protocol.HttpStatus == HttpStatusCode.TooManyRequests => FailureKind.RateLimited,
        FeishuProtocolException protocol => IsTransientStatus(protocol.HttpStatus) ? FailureKind.Transient : FailureKind.Final,
        HttpRequestException http => http.HttpRequestError switch
        {
            // Configuration and certificate problems: the same on every try.
            HttpRequestError.SecureConnectionError or HttpRequestError.UserAuthenticationError or HttpRequestError.ConfigurationLimitExceeded
                or HttpRequestError.ExtendedConnectNotSupported or HttpRequestError.VersionNegotiationError => FailureKind.Final,
            _ => FailureKind.Transient,
        },
        // The answer broke off mid-body (HttpIOException).
        IOException => FailureKind.Transient,
        TimeoutRejectedException => FailureKind.Transient,
        // HttpClient.Timeout of a caller's HttpClient; the caller's own cancellation never reaches here.
        OperationCanceledException => FailureKind.Transient,
        _ => FailureKind.Final,
    };

    /// <summary>How long a rate-limit answer asked to wait (<c>x-ogw-ratelimit-reset</c>, else <c>Retry-After</c>), whatever its body.</summary>
    public static TimeSpan? RequestedWait(Exception? error) => error switch
    {
        FeishuApiException api => api.RetryAfter,
        FeishuProtocolException protocol => protocol.RetryAfter,
        _ => null,
    };

    /// <summary>Exponential backoff from <see cref="FeishuRetryOptions.BaseDelay"/>, capped, and with jitter spread around it (×0.5 to ×1.5).</summary>
    public TimeSpan Backoff(int resendsSoFar)
    {
        var exponential = options.BaseDelay.TotalMilliseconds * Math.Pow(2, resendsSoFar);
        var capped = Math.Min(exponential, options.MaxDelay.TotalMilliseconds);
        var jittered = options.UseJitter ? capped * (0.5 + Random.Shared.NextDouble()) : capped;
        return TimeSpan.FromMilliseconds(Math.Min(jittered, options.MaxDelay.TotalMilliseconds));
    }

    private static bool IsTransientStatus(HttpStatusCode status) => status == HttpStatusCode.RequestTimeout || (int)status >= 500;
}
