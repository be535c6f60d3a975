using System.Diagnostics;
using FeishuApiGen.Authentication;
using FeishuApiGen.Diagnostics;
using FeishuApiGen.Fleet;
using FeishuApiGen.Protocol;
using FeishuApiGen.Transport;
using Microsoft.Extensions.Logging;

namespace FeishuApiGen.Resilience;

/// <summary>
/// Runs a call's attempts. Each takes, in order, the token, the endpoint's rate-limit permit (bounded by the call's
/// deadline, never by an attempt's timeout) and the exchange under its attempt timeout. The first attempt goes straight
/// through; only a failure brings in <see cref="CallRetries"/>, which decides whether and when to send again, and what
/// the call ends with when it stops. What a call logs and traces is written in Diagnostics/ (FeishuLog, FeishuTelemetry).
/// </summary>
internal sealed class CallRunner(
    FeishuTransport transport,
    TenantTokenCache tokens,
    RetryPolicy policy,
    string appId,
    TimeProvider time,
    ILogger logger,
    FeishuMetrics metrics,
    FleetRateBudget? fleet,
    CancellationToken lifetime)
{
    private readonly BearerHeader _bearer = new();
    private readonly CallTimeouts _timeouts = policy.Timeouts;

    /// <summary>The call's deadline, for a plan starting at <paramref name="startTimestamp"/>.</summary>
    public long Deadline(long startTimestamp) => _timeouts.Deadline(startTimestamp);

    /// <summary>Runs the call to its answer's data, or to the exception it ends with.</summary>
    /// <param name="plan">What to send.</param>
    /// <param name="cancellationToken">The caller's token; the connection's disposal ends the call too.</param>
    public async Task<TResponse> RunAsync<TResponse>(CallPlan plan, CancellationToken cancellationToken)
        where TResponse : IFeishuResponse<TResponse>
    {
        using var activity = FeishuTelemetry.StartCall(plan.Endpoint, appId);
        var countedStart = metrics.CallStarted(plan.Endpoint);
        // The call ends when its caller cancels or the connection is disposed; a token that cannot be cancelled needs no link.
        using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime) : null;
        var callToken = linked?.Token ?? lifetime;
        var attempt = new CallAttempt();
        CallRetries? retries = null;
        try
        {
            while (true)
            {
                // No attempt begins once the call is cancelled or the connection disposed (between attempts, too).
                callToken.ThrowIfCancellationRequested();
                attempt.Begin();
                TResponse response;
                try
                {
                    response = await AttemptAsync<TResponse>(plan, attempt, activity, callToken).ConfigureAwait(false);
                }
                catch (Exception error)
                {
                    if (!attempt.RequestSent)
                    {
                        // A permit whose request never left is given back.
                        attempt.Permit.Return();
                    }
                    else if (fleet is not null && RetryPolicy.Classify(error, plan) == FailureKind.RateLimited && RetryPolicy.RequestedWait(error) is { } reset)
                    {
                        // Feishu counts the fleet's calls together: every instance waits out this reset, not only this call.
                        _ = fleet.PauseAsync(plan.Endpoint, reset);
                    }

                    retries ??= new CallRetries(policy);
                    var decision = retries.Decide(error, plan, attempt, callToken.IsCancellationRequested);
                    if (!decision.Resend)
                    {
                        throw;
                    }

                    OnResend(plan, attempt, activity, decision, error);
                    if (decision.Delay > TimeSpan.Zero)
                    {
                        await Task.Delay(decision.Delay, time, callToken).ConfigureAwait(false);
                    }

                    continue;
                }

                if (logger.IsEnabled(LogLevel.Debug))
                {
                    // Checked first: reading the clock for a message nobody logs is a measurable share of a call.
                    FeishuLog.CallSucceeded(logger, plan.Endpoint.Id, attempt.Number, ElapsedMilliseconds(plan), attempt.LogId);
                }

                FeishuTelemetry.Succeeded(activity, attempt.Number);
                metrics.CallEnded(plan.Endpoint, plan.StartTimestamp, attempt.Status, failure: null, countedStart);
                return response;
            }
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested
            // A transient failure is not retried once the caller has cancelled: that is a cancellation, not a give-up.
            && (ex is OperationCanceledException || RetryPolicy.Classify(ex, plan) is FailureKind.Transient or FailureKind.RateLimited))
        {
            FeishuLog.CallCanceled(logger, plan.Endpoint.Id, attempt.Number, ElapsedMilliseconds(plan));
            FeishuTelemetry.Canceled(activity, attempt.Number);
            if (ex is OperationCanceledException canceled && canceled.CancellationToken == cancellationToken)
            {
                metrics.CallEnded(plan.Endpoint, plan.StartTimestamp, attempt.Status, ex, countedStart);
                throw;
            }

            // Raised on the token linked with the connection's lifetime, or a failure the cancellation cut short: the
            // caller is told of its own token.
            var callerCanceled = new OperationCanceledException("The call was canceled.", ex, cancellationToken);
            metrics.CallEnded(plan.Endpoint, plan.StartTimestamp, attempt.Status, callerCanceled, countedStart);
            throw callerCanceled;
        }
        catch (Exception ex)
        {
            // Disposal cancels the call's waits: the caller learns why, not a cancellation it never asked for.
            var failure = lifetime.IsCancellationRequested && ex is not ObjectDisposedException
                ? new ObjectDisposedException(nameof(FeishuConnection), "The connection was disposed while the call was in flight.")
                : Conclude(ex, plan, attempt, retries);
            FeishuTelemetry.Failed(activity, attempt.Number, failure);
            metrics.CallEnded(plan.Endpoint, plan.StartTimestamp, attempt.Status, failure, countedStart);
            if (ReferenceEquals(failure, ex))
            {
                throw;
            }

            throw failure;
        }
    }

    /// <summary>One attempt: the token, then the endpoint's rate-limit permit, then the exchange under the attempt's timeout.</summary>
    private async ValueTask<TResponse> AttemptAsync<TResponse>(CallPlan plan, CallAttempt attempt, Activity? activity, CancellationToken cancellationToken)
        where TResponse : IFeishuResponse<TResponse>
    {
        // The token comes before the permit, so a permit is taken only when the request can leave at once: a slow
        // token fetch cannot bunch one window's calls onto the next window's.
        var token = plan.UserAccessToken ?? await TenantTokenAsync(plan, attempt, cancellationToken).ConfigureAwait(false);
        await AcquirePermitAsync(plan, attempt, cancellationToken).ConfigureAwait(false);
        if (fleet is not null && plan.RateLimiter is { } limiter)
        {
            await AcquireFleetPermitAsync(plan, limiter, attempt, cancellationToken).ConfigureAwait(false);
        }

        var timeout = _timeouts.ForAttempt(plan, attempt);
        // Nothing leaves once the call is out of time or cancelled, however late the permit came: it goes back.
        cancellationToken.ThrowIfCancellationRequested();
        if (attempt.CutToTotal && _timeouts.Remaining(plan) <= TimeSpan.Zero)
        {
            throw CallTimeouts.AttemptTimedOut(attempt, timeout, inner: null);
        }

        using var timer = _timeouts.StartTimer(timeout, cancellationToken);
        try
        {
            var message = transport.CreateMessage(plan.Endpoint.Method, plan.Uri, _bearer.For(token), plan.Body, attempt);
            using var answer = await transport.ExchangeAsync(message, attempt, timer.Token).ConfigureAwait(false);
            attempt.Status = (int)answer.Status;
            var data = FeishuAnswer.Read<TResponse>(plan.Endpoint, answer, plan.Scrubber, time, out var logId);
            attempt.LogId = logId;
            data.KeepRawAnswer(new FeishuRawAnswer(answer.Status, answer.Response.Headers, logId));
            FeishuTelemetry.Answered(activity, (int)answer.Status, logId);
            return data;
        }
        catch (OperationCanceledException ex) when (timer.Token.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw CallTimeouts.AttemptTimedOut(attempt, timeout, ex);
        }
        catch (FeishuException answered) when (activity is not null)
        {
            FeishuTelemetry.AnsweredWithError(activity, answered);
            throw;
        }
    }

    /// <summary>The cached tenant token, or one fetched while the attempt waits no longer than its timeout.</summary>
    private ValueTask<string> TenantTokenAsync(CallPlan plan, CallAttempt attempt, CancellationToken cancellationToken)
    {
        if (tokens.TryGetCached(out var cached))
        {
            attempt.TenantToken = cached;
            return ValueTask.FromResult(cached);
        }

        return FetchAsync(plan, attempt, cancellationToken);

        async ValueTask<string> FetchAsync(CallPlan plan, CallAttempt attempt, CancellationToken cancellationToken)
        {
            attempt.Waited = true;
            var timeout = _timeouts.ForAttempt(plan, attempt);
            try
            {
                var token = await tokens.GetAsync(timeout, cancellationToken).ConfigureAwait(false);
                attempt.TenantToken = token;
                return token;
            }
            catch (TenantTokenCache.TokenWaitTimeoutException ex)
            {
                throw CallTimeouts.AttemptTimedOut(attempt, timeout, ex);
            }
        }
    }

    /// <summary>
    /// Takes the attempt's permit from the endpoint's limiter, waiting (until the call's deadline) when the documented
    /// windows are full; at once when the endpoint has no limit. A refusal means the attempt was never made.
    /// </summary>
    private ValueTask AcquirePermitAsync(CallPlan plan, CallAttempt attempt, CancellationToken cancellationToken)
    {
        if (plan.RateLimiter is not { } limiter)
        {
            return ValueTask.CompletedTask;
        }

        ValueTask<RatePermit> pending;
        try
        {
            pending = limiter.AcquireAsync(plan.Deadline, cancellationToken);
        }
        catch (RateLimitRefusedException)
        {
            attempt.NotMade();
            throw;
        }

        if (pending.IsCompletedSuccessfully)
        {
            attempt.Permit = pending.Result;
            return ValueTask.CompletedTask;
        }

        return AwaitPermitAsync(plan, attempt, pending);

        async ValueTask AwaitPermitAsync(CallPlan plan, CallAttempt attempt, ValueTask<RatePermit> pending)
        {
            attempt.Waited = true;
            var waitStart = time.GetTimestamp();
            try
            {
                attempt.Permit = await pending.ConfigureAwait(false);
            }
            catch (RateLimitRefusedException)
            {
                attempt.NotMade();
                throw;
            }
            finally
            {
                metrics.PermitWaited(plan.Endpoint, time.GetElapsedTime(waitStart));
            }
        }
    }

    /// <summary>The fleet's permit, after the instance's own: the fleet together stays within the documented rate.</summary>
    private async ValueTask AcquireFleetPermitAsync(CallPlan plan, EndpointRateLimiter limiter, CallAttempt attempt, CancellationToken cancellationToken)
    {
        var waitStart = time.GetTimestamp();
        try
        {
            if (await fleet!.AcquireAsync(plan.Endpoint, limiter, plan.Deadline, cancellationToken).ConfigureAwait(false))
            {
                attempt.Waited = true;
                metrics.PermitWaited(plan.Endpoint, time.GetElapsedTime(waitStart));
            }
        }
        catch (RateLimitRefusedException)
        {
            attempt.NotMade();
            throw;
        }
    }

    /// <summary>Logs and traces a resend; before the token refresh, drops the rejected token.</summary>
    private void OnResend(CallPlan plan, CallAttempt attempt, Activity? activity, RetryDecision decision, Exception error)
    {
        metrics.Resending(plan.Endpoint, decision.Kind switch
        {
            FailureKind.TenantTokenRejected => "token_refresh",
            FailureKind.RateLimited => "rate_limited",
            _ => "transient",
        });
        if (decision.RefreshesToken)
        {
            if (attempt.TenantToken is { } rejected)
            {
                tokens.Invalidate(rejected);
            }

            FeishuLog.TenantTokenRejected(logger, plan.Endpoint.Id, appId, (error as FeishuApiException)?.Code ?? 0);
            FeishuTelemetry.RefreshingToken(activity);
            return;
        }

        var failure = FeishuTransientException.Describe(error);
        FeishuLog.RetryScheduled(logger, plan.Endpoint.Id, attempt.Number, failure, (long)decision.Delay.TotalMilliseconds);
        FeishuTelemetry.Resending(activity, attempt.Number, (long)decision.Delay.TotalMilliseconds, failure);
    }

    /// <summary>
    /// The exception a failed call ends with: a transient failure it stopped retrying becomes a
    /// <see cref="FeishuTransientException"/> saying why; anything else is thrown as it came.
    /// </summary>
    private Exception Conclude(Exception error, CallPlan plan, CallAttempt attempt, CallRetries? retries)
    {
        var elapsed = time.GetElapsedTime(plan.StartTimestamp);
        retries ??= new CallRetries(policy);
        if (retries.GiveUpReason(error, plan, out var lastError) is not { } giveUp)
        {
            FeishuLog.CallFailed(logger, plan.Endpoint.Id, attempt.Number, (long)elapsed.TotalMilliseconds, FeishuTransientException.Describe(error));
            return error;
        }

        FeishuLog.GaveUp(logger, plan.Endpoint.Id, attempt.Number, (long)elapsed.TotalMilliseconds, giveUp, FeishuTransientException.Describe(lastError));
        return new FeishuTransientException(plan.Endpoint.Id, giveUp, attempt.Number, elapsed, lastError);
    }

    private long ElapsedMilliseconds(CallPlan plan) => (long)time.GetElapsedTime(plan.StartTimestamp).TotalMilliseconds;
}
