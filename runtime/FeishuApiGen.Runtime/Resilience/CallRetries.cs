using FeishuApiGen.Diagnostics;
using Polly.Timeout;

namespace FeishuApiGen.Resilience;

/// <summary>What to do after a failed attempt.</summary>
/// <param name="Resend">Whether to send again.</param>
/// <param name="Delay">The wait before sending again.</param>
/// <param name="Kind">The kind of failure resent after: a tenant-token rejection means the call's one token refresh (the rejected token is dropped first).</param>
internal readonly record struct RetryDecision(bool Resend, TimeSpan Delay, FailureKind Kind)
{
    public static RetryDecision Stop => default;

    public bool RefreshesToken => Kind == FailureKind.TenantTokenRejected;
}

/// <summary>
/// One call's resends, made only once an attempt fails: the sole writer of the call's retry state. It decides after each
/// failed attempt whether and when to resend (<see cref="Decide"/>), and what the call ends with when it stops
/// (<see cref="GiveUpReason"/>).
/// </summary>
internal sealed class CallRetries(RetryPolicy policy)
{
    private int _resends;
    private bool _tokenRefreshed;
    private Exception? _lastFailure;
    private FeishuGiveUpReason? _refusal;
    private bool _totalTimeoutElapsed;

    /// <summary>Whether and when to resend after <paramref name="error"/> ended <paramref name="attempt"/>.</summary>
    /// <param name="error">What ended the attempt.</param>
    /// <param name="plan">The call.</param>
    /// <param name="attempt">The attempt that failed.</param>
    /// <param name="canceled">The call was cancelled (by the caller or by disposal): it stops, and the runner says why.</param>
    public RetryDecision Decide(Exception error, CallPlan plan, CallAttempt attempt, bool canceled)
    {
        if (attempt.EndedCallTime)
        {
            _totalTimeoutElapsed = true;
        }

        // Refused by the limiter before an attempt began: the call's last failure stays the last attempt's.
        if (canceled || error is RateLimitRefusedException)
        {
            return RetryDecision.Stop;
        }

        _lastFailure = error;
        if (_totalTimeoutElapsed)
        {
            return RetryDecision.Stop;
        }

        var kind = RetryPolicy.Classify(error, plan);
        if (kind == FailureKind.TenantTokenRejected && !_tokenRefreshed)
        {
            _tokenRefreshed = true;
            return new RetryDecision(Resend: true, TimeSpan.Zero, kind);
        }

        if (kind is FailureKind.Transient or FailureKind.RateLimited && _resends >= policy.MaxResends)
        {
            return RetryDecision.Stop;
        }

        switch (kind)
        {
            case FailureKind.Transient when !attempt.SafeToResend(plan):
                _refusal = FeishuGiveUpReason.NotIdempotent;
                return RetryDecision.Stop;
            case FailureKind.Transient:
                return Schedule(plan, kind, policy.Backoff(_resends), FeishuGiveUpReason.TotalTimeoutElapsed);
            case FailureKind.RateLimited when RetryPolicy.RequestedWait(error) is { } wait:
                // Waiting would outlast the call: say so now instead of sleeping into the timeout.
                return Schedule(plan, kind, wait, FeishuGiveUpReason.WaitExceedsTotalTimeout);
            case FailureKind.RateLimited:
                return Schedule(plan, kind, policy.Backoff(_resends), FeishuGiveUpReason.TotalTimeoutElapsed);
            default:
                return RetryDecision.Stop;
        }
    }

    /// <summary>
    /// Why the call gave up on a transient failure, or null when <paramref name="error"/> is final and is thrown as it came;
    /// with it, the failure the caller is told of (the last attempt's, not the limiter's internal refusal).
    /// </summary>
    public FeishuGiveUpReason? GiveUpReason(Exception error, CallPlan plan, out Exception? lastError)
    {
        FeishuGiveUpReason? reason = error switch
        {
            RateLimitRefusedException refused => refused.Reason,
            TimeoutRejectedException when _totalTimeoutElapsed => FeishuGiveUpReason.TotalTimeoutElapsed,
            _ when RetryPolicy.Classify(error, plan) is FailureKind.Transient or FailureKind.RateLimited =>
                _refusal ?? FeishuGiveUpReason.AttemptsExhausted,
            _ => null,
        };

        // The limiter's refusal is internal and says nothing the reason does not: the last error is the last attempt's.
        lastError = error is RateLimitRefusedException ? _lastFailure
            : reason == FeishuGiveUpReason.TotalTimeoutElapsed ? _lastFailure ?? error
            : error;
        return reason;
    }

    /// <summary>Resends after <paramref name="delay"/> if the call has time left after it; otherwise gives up for <paramref name="tooLong"/>.</summary>
    private RetryDecision Schedule(CallPlan plan, FailureKind kind, TimeSpan delay, FeishuGiveUpReason tooLong)
    {
        if (delay >= policy.Timeouts.Remaining(plan))
        {
            _refusal = tooLong;
            _totalTimeoutElapsed = tooLong == FeishuGiveUpReason.TotalTimeoutElapsed;
            return RetryDecision.Stop;
        }

        _resends++;
        return new RetryDecision(Resend: true, delay, kind);
    }
}
