using System.Collections.Concurrent;
using System.Globalization;
using Polly.Timeout;

namespace FeishuApiGen.Resilience;

/// <summary>
/// A connection's two timeouts: one per attempt, one for the whole call. The call's has no timer of its own (a timer per
/// call and another per attempt cost about a third of a call's time): each attempt's timeout is cut to what the call has
/// left, a permit wait ends at the call's deadline, and a resend whose wait would outlast the call is not made, so a call
/// still ends at its total timeout. Attempt timers are reused on the system clock; on another clock each is made on
/// it, so a test clock sees and fires every one.
/// </summary>
internal sealed class CallTimeouts
{
    private readonly TimeSpan _attempt;
    private readonly TimeSpan _total;
    private readonly TimeProvider _time;
    private readonly ConcurrentQueue<CancellationTokenSource>? _timerPool;

    public CallTimeouts(TimeSpan attempt, TimeSpan total, TimeProvider time)
    {
        _attempt = attempt;
        _total = total;
        _time = time;
        _timerPool = time == TimeProvider.System ? new ConcurrentQueue<CancellationTokenSource>() : null;
    }

    /// <summary>The call's deadline as a timestamp of the connection's clock.</summary>
    public long Deadline(long startTimestamp) => startTimestamp + (long)(_total.TotalSeconds * _time.TimestampFrequency);

    /// <summary>How much of the total timeout the call has left.</summary>
    public TimeSpan Remaining(CallPlan plan) => _total - _time.GetElapsedTime(plan.StartTimestamp);

    /// <summary>The attempt's timeout: the configured one, or what the call has left when that is less (noted on the attempt).</summary>
    public TimeSpan ForAttempt(CallPlan plan, CallAttempt attempt)
    {
        // A first attempt that waited for nothing starts as the call does: when the total timeout is the longer one, the clock need not be read.
        if (attempt.Number == 1 && !attempt.Waited && _total > _attempt)
        {
            attempt.CutToTotal = false;
            return _attempt;
        }

        var remaining = Remaining(plan);
        attempt.CutToTotal = remaining <= _attempt;
        // A call out of time still gets a positive timeout (the shortest there is), never a zero or negative one.
        return attempt.CutToTotal ? (remaining > TimeSpan.Zero ? remaining : TimeSpan.FromTicks(1)) : _attempt;
    }

    /// <summary>The exception an attempt that ran out of time ends with; notes on the attempt when it had all the call had left.</summary>
    public static TimeoutRejectedException AttemptTimedOut(CallAttempt attempt, TimeSpan timeout, Exception? inner)
    {
        attempt.EndedCallTime = attempt.CutToTotal;
        var message = string.Create(CultureInfo.InvariantCulture, $"The attempt timed out after {timeout.TotalMilliseconds:0} ms.");
        return inner is null ? new TimeoutRejectedException(message, timeout) : new TimeoutRejectedException(message, timeout, inner);
    }

    /// <summary>Starts an attempt's timer: its token is cancelled after <paramref name="timeout"/> or with <paramref name="cancellationToken"/>.</summary>
    public AttemptTimer StartTimer(TimeSpan timeout, CancellationToken cancellationToken)
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
    public readonly struct AttemptTimer(CallTimeouts owner, CancellationTokenSource source, CancellationTokenRegistration registration) : IDisposable
    {
        public CancellationToken Token => source.Token;

        public void Dispose()
        {
            // Waits for a cancellation callback in progress, so the source is idle before it is reused.
            registration.Dispose();
            owner.ReturnTimer(source);
        }
    }
}
