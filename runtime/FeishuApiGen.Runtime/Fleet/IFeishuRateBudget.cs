namespace FeishuApiGen;

/// <summary>
/// Where the instances of a fleet calling as one app share each endpoint's documented rate limits and its 429 pauses, so the
/// fleet together sends no more than the documented rate (FeishuApiGen.Redis implements it on Redis). Each call takes a
/// permit here after its instance's own limiter granted one.
/// </summary>
/// <remarks>
/// Any member may throw (the budget is down or slow): the call then goes on under its instance's own limiter alone, logged
/// once per outage and counted in <c>feishu.client.fleet.fallbacks</c>.
/// </remarks>
public interface IFeishuRateBudget
{
    /// <summary>
    /// Takes one permit of every window of <paramref name="endpointId"/> for the fleet, all at once and only when all have
    /// room and the endpoint is not paused.
    /// </summary>
    /// <param name="appId">The app.</param>
    /// <param name="endpointId">The endpoint.</param>
    /// <param name="windows">Its windows at their documented lengths, the limits scaled by <see cref="FeishuRateLimitOptions.Scale"/>.</param>
    /// <param name="guard">
    /// How much longer than documented each window is to be kept (<see cref="FeishuRateLimitOptions.WindowGuard"/>). Kept
    /// apart from the windows, so that a store can name each window by its documented length, and instances configured
    /// with different guards (or none, during a rolling update) still share one budget.
    /// </param>
    /// <param name="cancellationToken">Ends the request.</param>
    /// <returns>Zero when the permit was taken; otherwise how long until one may be (the caller asks again then).</returns>
    ValueTask<TimeSpan> TryTakeAsync(string appId, string endpointId, IReadOnlyList<FeishuRateLimit> windows, TimeSpan guard, CancellationToken cancellationToken);

    /// <summary>Holds <paramref name="endpointId"/>'s calls on every instance for <paramref name="duration"/>: Feishu answered 429 and asked to wait that long.</summary>
    /// <param name="appId">The app.</param>
    /// <param name="endpointId">The endpoint.</param>
    /// <param name="duration">How long Feishu asked to wait (<c>x-ogw-ratelimit-reset</c>).</param>
    /// <param name="cancellationToken">Ends the request.</param>
    ValueTask PauseAsync(string appId, string endpointId, TimeSpan duration, CancellationToken cancellationToken);
}
