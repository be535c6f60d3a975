using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using FeishuApiGen.Diagnostics;
using Microsoft.Extensions.Logging;
using Polly;
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
/// How one connection runs a call's attempts. A Polly retry strategy wraps the call: transient failures with backoff and
/// jitter, or Feishu's requested wait; one tenant-token refresh. Each attempt then takes, in order, the token, the
/// endpoint's client-side rate-limit permit (<see cref="AcquirePermitAsync"/>, bounded by the call's deadline, never by an
/// attempt's timeout) and the exchange under its attempt timeout (<see cref="StartAttemptTimer"/>). The retry strategy
/// reads the call's state (<see cref="FeishuCall"/>) from the context, so its decisions see Feishu's envelope, the
/// endpoint's idempotency and whether the request left at all.
/// </summary>
/// <remarks>
/// The call's total timeout has no timer of its own: a timer per call and another per attempt cost about a third of a
/// call's time. Instead each attempt's timeout is cut to what the call has left, a permit wait ends at the call's
/// deadline, and a retry whose wait would outlast the call is not made, so a call still ends at its total timeout.
/// The attempt timeout is the connection's own rather than Polly's timeout strategy because it must not run while the
/// attempt waits for its permit, which comes after the token and before the exchange.
/// </remarks>
internal sealed class CallPipeline
{
    public static readonly ResiliencePropertyKey<FeishuCall> CallKey = new("FeishuApiGen.Call");

    private readonly TokenCache _tokens;
    private readonly ILogger _logger;
    private readonly string _appId;
    private readonly TimeProvider _time;
    private readonly TimeSpan _totalTimeout;
    private readonly TimeSpan _attemptTimeout;
    private readonly FeishuRetryOptions _retry;
    // Attempt timers are reused on the system clock (a timer per attempt is a measurable share of a call); on another
    // clock each is made on it, so a test clock sees and fires every one.
    private readonly ConcurrentQueue<CancellationTokenSource>? _timerPool;

    public CallPipeline(
        TimeSpan attemptTimeout,
        TimeSpan totalTimeout,
        FeishuRetryOptions retry,
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
        _attemptTimeout = attemptTimeout;
        _retry = retry;
        _timerPool = time == TimeProvider.System ? new ConcurrentQueue<CancellationTokenSource>() : null;

        // One strategy for both kinds of resend, so a call pays for one retry layer: transient failures get
        // MaxAttempts - 1 retries (counted on the call), a rejected tenant token one more.
        Retry = new ResiliencePipelineBuilder { TimeProvider = time }.AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = retry.MaxAttempts,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome.Exception, args.Context)),
            DelayGenerator = static args => ValueTask.FromResult<TimeSpan?>(Call(args.Context).NextDelay),
            OnRetry = args =>
            {
                OnRetry(Call(args.Context), args.RetryDelay, args.Outcome.Exception);
                return default;
            },
        }).Build();
    }

    /// <summary>The pipeline a call's attempts run through.</summary>
    public ResiliencePipeline Retry { get; }

    /// <summary>
    /// Takes the attempt's permit from the endpoint's limiter, waiting (until the call's deadline) when the documented
    /// windows are full; at once when the endpoint has no limit.
    /// </summary>
    public ValueTask AcquirePermitAsync(FeishuCall call, CancellationToken cancellationToken)
    {
        if (call.RateLimiter is not { } limiter)
        {
            return ValueTask.CompletedTask;
        }

        var pending = limiter.AcquireAsync(call.Deadline, cancellationToken);
        if (pending.IsCompletedSuccessfully)
        {
            call.Permit = pending.Result;
            return ValueTask.CompletedTask;
        }

        return AwaitPermitAsync(call, pending);

        static async ValueTask AwaitPermitAsync(FeishuCall call, ValueTask<RatePermit> pending)
        {
            call.Waited = true;
            call.Permit = await pending.ConfigureAwait(false);
        }
    }

    /// <summary>Starts the attempt's timer: its token is cancelled after <paramref name="timeout"/> or with <paramref name="cancellationToken"/>.</summary>
    public AttemptTimer StartAttemptTimer(TimeSpan timeout, CancellationToken cancellationToken)
    {
        CancellationTokenSource source;
        if (_timerPool is null)
        {
            source = new CancellationTokenSource(timeout, _time);
        }
        else
        {
            if (!_timerPool.TryDequeue(out source!))
            {
                source = new CancellationTokenSource();
            }

            source.CancelAfter(timeout);
        }

        var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), source)
            : default;
        return new AttemptTimer(this, source, registration);
    }

    /// <summary>The exception an attempt that ran out of time ends with; marks the call's time as up when the attempt had all that was left.</summary>
    public static TimeoutRejectedException AttemptTimedOut(FeishuCall call, TimeSpan timeout, Exception? inner)
    {
        call.TotalTimeoutElapsed = call.AttemptCutToTotal;
        var message = string.Create(CultureInfo.InvariantCulture, $"The attempt timed out after {timeout.TotalMilliseconds:0} ms.");
        return inner is null ? new TimeoutRejectedException(message, timeout) : new TimeoutRejectedException(message, timeout, inner);
    }

    private void ReturnTimer(CancellationTokenSource source)
    {
        // A timer that fired (or was cancelled) cannot be reset: it is dropped.
        if (_timerPool is not null && source.TryReset())
        {
            _timerPool.Enqueue(source);
        }
        else
        {
            source.Dispose();
        }
    }

    /// <summary>One attempt's timer; disposing it (once: the source may be reused right after) stops the timer and returns it for reuse.</summary>
    public readonly struct AttemptTimer(CallPipeline owner, CancellationTokenSource source, CancellationTokenRegistration registration) : IDisposable
    {
        public CancellationToken Token => source.Token;

        public void Dispose()
        {
            // Waits for a cancellation callback in progress, so the source is idle before it is reused.
            registration.Dispose();
            owner.ReturnTimer(source);
        }
    }

    /// <summary>The call's deadline as a timestamp of the connection's clock.</summary>
    public long Deadline(long startTimestamp) => startTimestamp + (long)(_totalTimeout.TotalSeconds * _time.TimestampFrequency);

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
        // Cancelled by the caller, or the call's time is up: stop, the connection explains why.
        if (error is null || context.CancellationToken.IsCancellationRequested)
        {
            return false;
        }

        var call = Call(context);
        if (error is RateLimitRefusedException)
        {
            // Refused before an attempt began: the call's last failure stays the last attempt's.
            return false;
        }

        call.LastFailure = error;
        if (call.TotalTimeoutElapsed)
        {
            return false;
        }

        var kind = Classify(error, call);
        if (kind == FailureKind.TenantTokenRejected && !call.TenantTokenRefreshed)
        {
            call.TenantTokenRefreshed = true;
            call.NextDelay = TimeSpan.Zero;
            return true;
        }

        if (kind is FailureKind.Transient or FailureKind.RateLimited && call.TransientRetries >= _retry.MaxAttempts - 1)
        {
            return false;
        }

        switch (kind)
        {
            case FailureKind.Transient when !call.SafeToResend:
                call.Refusal = FeishuGiveUpReason.NotIdempotent;
                return false;
            case FailureKind.Transient:
                return Schedule(call, Backoff(call.TransientRetries), FeishuGiveUpReason.TotalTimeoutElapsed);
            case FailureKind.RateLimited when RequestedWait(error) is { } wait:
                // Waiting would outlast the call: say so now instead of sleeping into the timeout.
                return Schedule(call, wait, FeishuGiveUpReason.WaitExceedsTotalTimeout);
            case FailureKind.RateLimited:
                return Schedule(call, Backoff(call.TransientRetries), FeishuGiveUpReason.TotalTimeoutElapsed);
            default:
                return false;
        }
    }

    /// <summary>How long a rate-limit answer asked to wait (<c>x-ogw-ratelimit-reset</c>, else <c>Retry-After</c>), whatever its body.</summary>
    private static TimeSpan? RequestedWait(Exception? error) => error switch
    {
        FeishuApiException api => api.RetryAfter,
        FeishuProtocolException protocol => protocol.RetryAfter,
        _ => null,
    };

    /// <summary>Retries after <paramref name="delay"/> if the call has time left after it; otherwise gives up for <paramref name="tooLong"/>.</summary>
    private bool Schedule(FeishuCall call, TimeSpan delay, FeishuGiveUpReason tooLong)
    {
        if (delay >= Remaining(call))
        {
            call.Refusal = tooLong;
            call.TotalTimeoutElapsed = tooLong == FeishuGiveUpReason.TotalTimeoutElapsed;
            return false;
        }

        call.TransientRetries++;
        call.NextDelay = delay;
        return true;
    }

    /// <summary>Exponential backoff from <see cref="FeishuRetryOptions.BaseDelay"/>, capped, and with jitter spread around it (×0.5 to ×1.5).</summary>
    private TimeSpan Backoff(int retriesSoFar)
    {
        var exponential = _retry.BaseDelay.TotalMilliseconds * Math.Pow(2, retriesSoFar);
        var capped = Math.Min(exponential, _retry.MaxDelay.TotalMilliseconds);
        var jittered = _retry.UseJitter ? capped * (0.5 + Random.Shared.NextDouble()) : capped;
        return TimeSpan.FromMilliseconds(Math.Min(jittered, _retry.MaxDelay.TotalMilliseconds));
    }

    /// <summary>The attempt's timeout: the configured one, or what the call has left when that is less.</summary>
    public TimeSpan AttemptTimeout(FeishuCall call)
    {
        // A first attempt that waited for nothing starts as the call does: when the total timeout is the longer one, the clock need not be read.
        if (call.Attempts == 1 && !call.Waited && _totalTimeout > _attemptTimeout)
        {
            call.AttemptCutToTotal = false;
            return _attemptTimeout;
        }

        var remaining = Remaining(call);
        call.AttemptCutToTotal = remaining <= _attemptTimeout;
        // Polly treats zero as "no timeout"; a call out of time gets the shortest one instead.
        return call.AttemptCutToTotal ? (remaining > TimeSpan.Zero ? remaining : TimeSpan.FromTicks(1)) : _attemptTimeout;
    }

    private void OnRetry(FeishuCall call, TimeSpan delay, Exception? error)
    {
        if (Classify(error, call) == FailureKind.TenantTokenRejected && delay == TimeSpan.Zero && call.TenantTokenRefreshed && !call.TokenRefreshLogged)
        {
            call.TokenRefreshLogged = true;
            if (call.TenantToken is { } rejected)
            {
                _tokens.Invalidate(rejected);
            }

            FeishuLog.TenantTokenRejected(_logger, call.Endpoint.Id, _appId, (error as FeishuApiException)?.Code ?? 0);
            call.Activity?.AddEvent(new ActivityEvent("feishu.token_refresh"));
            return;
        }

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
