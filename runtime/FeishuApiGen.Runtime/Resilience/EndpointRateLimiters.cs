using System.Collections.Concurrent;

namespace FeishuApiGen.Resilience;

/// <summary>
/// The client-side limiters of one app (a connection), one per endpoint, built on first use from the endpoint's
/// documented limits (<see cref="EndpointRateLimiter"/>). Endpoints without a documented limit get none.
/// </summary>
internal sealed class EndpointRateLimiters : IDisposable
{
    private readonly FeishuRateLimitOptions _options;
    private readonly TimeProvider _time;
    // Lazy: GetOrAdd may run its factory twice in a race; the loser must not become a second limiter of one endpoint.
    private readonly ConcurrentDictionary<string, Lazy<EndpointRateLimiter?>> _limiters = new(StringComparer.Ordinal);
    private int _disposed;

    public EndpointRateLimiters(FeishuRateLimitOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    /// <summary>The limiter of <paramref name="endpoint"/>, or null when it has no documented limit.</summary>
    public EndpointRateLimiter? For(FeishuEndpoint endpoint)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, typeof(FeishuConnection));
        return _limiters.GetOrAdd(
            endpoint.Id,
            static (_, state) => new Lazy<EndpointRateLimiter?>(() => state.Self.Create(state.Endpoint)),
            (Self: this, Endpoint: endpoint)).Value;
    }

    /// <summary>Ends every wait for a permit with <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            foreach (var lazy in _limiters.Values)
            {
                if (lazy.IsValueCreated)
                {
                    lazy.Value?.Dispose();
                }
            }
        }
    }

    private EndpointRateLimiter? Create(FeishuEndpoint endpoint)
    {
        // Each documented limit scaled, at least one call per window; the limiter keeps each window the guard longer.
        FeishuRateLimit[] windows =
        [
            .. endpoint.RateLimits
                .Where(limit => limit.Limit > 0 && limit.Per > TimeSpan.Zero)
                .Select(limit => new FeishuRateLimit(Math.Max(1, (int)Math.Min(int.MaxValue, Math.Floor(limit.Limit * _options.Scale))), limit.Per)),
        ];
        return windows.Length == 0 ? null : new EndpointRateLimiter(windows, _options.WindowGuard, _options.QueueLimit, _time);
    }
}
