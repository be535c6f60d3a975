using System.Diagnostics;
using System.Net;
using FeishuApiGen.Diagnostics;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.RateLimiting;
using Polly.Retry;
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
/// The Polly pipeline one connection runs every call through, outermost first:
/// total timeout → transient retry (backoff with jitter, or Feishu's requested wait) → one tenant-token refresh retry →
/// client-side rate limiter (per endpoint) → per-attempt timeout → the attempt. The strategies read the call's state
/// (<see cref="FeishuCall"/>) from the context, so retry decisions see Feishu's envelope, the endpoint's idempotency
/// and whether the request left at all.
/// </summary>
internal sealed class CallPipeline
{
    public static readonly ResiliencePropertyKey<FeishuCall> CallKey = new("FeishuApiGen.Call");

    private readonly TokenCache _tokens;
    private readonly ILogger _logger;
    private readonly string _appId;
    private readonly TimeProvider _time;
    private readonly TimeSpan _totalTimeout;

    public CallPipeline(
        TimeSpan attemptTimeout,
        TimeSpan totalTimeout,
        FeishuRetryOptions retry,
        EndpointRateLimiters? rateLimiters,
        TokenCache tokens,
        ILogger logger,
        string appId,
        TimeProvider time)
    {
        _tokens = tokens;
        _logger = logger;
        _appId = appId;
        _time = time;
        _totalTimeout = totalTimeout;

        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Timeout = totalTimeout,
            OnTimeout = static args =>
            {
                Call(args.Context).TotalTimeoutElapsed = true;
                return default;
            },
        });

        if (retry.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = retry.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = retry.UseJitter,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome.Exception, args.Context)),
                // Feishu's own wait after a rate limit; null falls back to the backoff.
                DelayGenerator = static args => ValueTask.FromResult(Call(args.Context) is { RequestedWait: { } wait } call
                    && Classify(args.Outcome.Exception, call) == FailureKind.RateLimited ? wait : (TimeSpan?)null),
                OnRetry = args =>
                {
                    OnRetry(Call(args.Context), args.RetryDelay, args.Outcome.Exception);
                    return default;
                },
            });
        }

        builder.AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = 1,
            Delay = TimeSpan.Zero,
            ShouldHandle = static args => ValueTask.FromResult(
                Call(args.Context) is { TenantTokenRefreshed: false } call
                && Classify(args.Outcome.Exception, call) == FailureKind.TenantTokenRejected),
            OnRetry = args =>
            {
                var call = Call(args.Context);
                call.TenantTokenRefreshed = true;
                if (call.TenantToken is { } rejected)
                {
                    _tokens.Invalidate(rejected);
                }

                FeishuLog.TenantTokenRejected(_logger, call.Endpoint.Id, _appId, (args.Outcome.Exception as FeishuApiException)?.Code ?? 0);
                call.Activity?.AddEvent(new ActivityEvent("feishu.token_refresh"));
                return default;
            },
        });

        if (rateLimiters is not null)
        {
            builder.AddRateLimiter(new RateLimiterStrategyOptions
            {
                RateLimiter = args => rateLimiters.AcquireAsync(Call(args.Context).Endpoint, args.Context.CancellationToken),
                OnRejected = args =>
                {
                    FeishuLog.RateLimitQueueFull(_logger, Call(args.Context).Endpoint.Id);
                    return default;
                },
            });
        }

        builder.AddTimeout(attemptTimeout);
        Pipeline = builder.Build();
    }

    public ResiliencePipeline Pipeline { get; }

    /// <summary>What <paramref name="error"/> means for <paramref name="call"/>; null (success) is final.</summary>
    public static FailureKind Classify(Exception? error, FeishuCall call) => error switch
    {
        // A rejection of the caller's user token cannot be helped by a tenant token refresh; the token endpoint's own
        // errors are about credentials, not a token sent.
        FeishuApiException api when FeishuErrorCodes.IsTenantTokenRejected(api.Code) =>
            call.UserAccessToken is null && api.EndpointId != TokenCache.EndpointId ? FailureKind.TenantTokenRejected : FailureKind.Final,
        FeishuApiException api when FeishuConnection.IsRateLimit(api.Code, api.HttpStatus) => FailureKind.RateLimited,
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

    /// <summary>The call's state, put in the context by <see cref="FeishuConnection"/> before executing.</summary>
    public static FeishuCall Call(ResilienceContext context) => context.Properties.GetValue(CallKey, null!);

    /// <summary>How much of the total timeout the call has left.</summary>
    public TimeSpan Remaining(FeishuCall call) => _totalTimeout - _time.GetElapsedTime(call.StartTimestamp);

    private static bool IsTransientStatus(HttpStatusCode status) => status == HttpStatusCode.RequestTimeout || (int)status >= 500;

    private bool ShouldRetry(Exception? error, ResilienceContext context)
    {
        // Cancelled by the caller or by the total timeout: stop, the outer layers explain why.
        if (error is null || context.CancellationToken.IsCancellationRequested)
        {
            return false;
        }

        var call = Call(context);
        call.LastFailure = error;
        switch (Classify(error, call))
        {
            case FailureKind.Transient when call.SafeToResend:
                return true;
            case FailureKind.Transient:
                call.Refusal = FeishuGiveUpReason.NotIdempotent;
                return false;
            case FailureKind.RateLimited when call.RequestedWait is { } wait && wait >= Remaining(call):
                // Waiting would outlast the call: say so now instead of sleeping into the timeout.
                call.Refusal = FeishuGiveUpReason.WaitExceedsTotalTimeout;
                return false;
            case FailureKind.RateLimited:
                return true;
            default:
                return false;
        }
    }

    private void OnRetry(FeishuCall call, TimeSpan delay, Exception? error)
    {
        // The call's own count: a token refresh inside this retry step is an attempt too.
        var failedAttempt = call.Attempts;
        var failure = FeishuTransientException.Describe(error);
        FeishuLog.RetryScheduled(_logger, call.Endpoint.Id, failedAttempt, failure, (long)delay.TotalMilliseconds);
        call.Activity?.AddEvent(new ActivityEvent("feishu.retry", tags: new ActivityTagsCollection
        {
            [FeishuTelemetry.AttemptTag] = failedAttempt,
            [FeishuTelemetry.RetryDelayTag] = (long)delay.TotalMilliseconds,
            [FeishuTelemetry.FailureTag] = failure,
        }));
    }
}
