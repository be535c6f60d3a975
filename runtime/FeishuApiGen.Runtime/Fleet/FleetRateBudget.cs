using FeishuApiGen.Resilience;

namespace FeishuApiGen.Fleet;

/// <summary>
/// A call's permit from the fleet's budget, after its instance's own limiter granted one: asked again after the wait the
/// budget names, until the call's deadline; when the budget fails, the call goes on under the instance's limiter alone.
/// A 429 one instance meets is passed on, so the whole fleet waits it out.
/// </summary>
internal sealed class FleetRateBudget(IFeishuRateBudget budget, string appId, TimeProvider time, FleetHealth health)
{
    // A budget asked to wait less than this is asked again after this much: no spinning on Redis.
    private static readonly TimeSpan s_shortestWait = TimeSpan.FromMilliseconds(5);

    /// <summary>Waits for the fleet's permit of <paramref name="endpoint"/>; returns whether it waited.</summary>
    /// <param name="endpoint">The endpoint called.</param>
    /// <param name="limiter">Its instance's limiter: the fleet enforces the same windows, with the same guard.</param>
    /// <param name="deadline">The call's deadline, as a timestamp of the connection's clock.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <exception cref="RateLimitRefusedException">The permit would come after the call's deadline.</exception>
    public async ValueTask<bool> AcquireAsync(FeishuEndpoint endpoint, EndpointRateLimiter limiter, long deadline, CancellationToken cancellationToken)
    {
        var waited = false;
        while (true)
        {
            TimeSpan wait;
            try
            {
                wait = await budget.TryTakeAsync(appId, endpoint.Id, limiter.Windows, limiter.Guard, cancellationToken).ConfigureAwait(false);
                health.Answered();
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                health.Failed(ex);
                return waited;
            }

            if (wait <= TimeSpan.Zero)
            {
                return waited;
            }

            waited = true;

            wait = wait < s_shortestWait ? s_shortestWait : wait;
            if (time.GetTimestamp() + (long)(wait.TotalSeconds * time.TimestampFrequency) > deadline)
            {
                throw new RateLimitRefusedException(FeishuGiveUpReason.WaitExceedsTotalTimeout);
            }

            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Tells the fleet to hold <paramref name="endpoint"/> for the wait a 429 asked for; never throws.</summary>
    public async Task PauseAsync(FeishuEndpoint endpoint, TimeSpan duration)
    {
        try
        {
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);
            await budget.PauseAsync(appId, endpoint.Id, duration, bound.Token).ConfigureAwait(false);
            health.Answered();
        }
        catch (Exception ex)
        {
            health.Failed(ex);
        }
    }
}
