using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace FeishuApiGen.Resilience;

/// <summary>
/// One limiter per endpoint of one app (a connection), built on first use from the endpoint's documented limits:
/// a sliding window per limit (100 per minute allows no more than 100 in any minute, give or take one tenth of it),
/// chained when an endpoint documents several. Callers over the limit queue, oldest first, up to the queue limit.
/// </summary>
internal sealed class EndpointRateLimiters : IDisposable
{
    // Ten segments: a window slides in tenths, so a spent permit returns at most a tenth of the window late.
    private const int SegmentsPerWindow = 10;

    private readonly FeishuRateLimitOptions _options;
    // Lazy: GetOrAdd may run its factory twice in a race, and a discarded limiter would keep its replenishment timer.
    private readonly ConcurrentDictionary<string, Lazy<Limiter?>> _limiters = new(StringComparer.Ordinal);
    private int _disposed;

    public EndpointRateLimiters(FeishuRateLimitOptions options) => _options = options;

    /// <summary>Waits for a permit to call <paramref name="endpoint"/>; the lease says whether one was granted.</summary>
    public ValueTask<RateLimitLease> AcquireAsync(FeishuEndpoint endpoint, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var limiter = _limiters.GetOrAdd(
            endpoint.Id,
            static (_, state) => new Lazy<Limiter?>(() => state.Self.Create(state.Endpoint)),
            (Self: this, Endpoint: endpoint)).Value;
        return limiter is null ? ValueTask.FromResult<RateLimitLease>(UnlimitedLease.Instance) : limiter.Gate.AcquireAsync(1, cancellationToken);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            foreach (var lazy in _limiters.Values)
            {
                if (lazy.IsValueCreated && lazy.Value is { } limiter)
                {
                    limiter.Dispose();
                }
            }
        }
    }

    private Limiter? Create(FeishuEndpoint endpoint)
    {
        if (!_options.Enabled || endpoint.RateLimits.Count == 0)
        {
            return null;
        }

        var limiters = endpoint.RateLimits
            .Where(limit => limit.Limit > 0 && limit.Per > TimeSpan.Zero)
            .Select(limit => (RateLimiter)new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, (int)Math.Min(int.MaxValue, Math.Floor(limit.Limit * _options.Scale))),
                Window = limit.Per,
                SegmentsPerWindow = SegmentsPerWindow,
                QueueLimit = _options.QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }))
            .ToArray();

        return limiters.Length switch
        {
            0 => null,
            1 => new Limiter(limiters[0], limiters),
            _ => new Limiter(RateLimiter.CreateChained(limiters), limiters),
        };
    }

    /// <summary>The limiter callers acquire from, and the sliding windows it is made of (disposed with it).</summary>
    private sealed record Limiter(RateLimiter Gate, RateLimiter[] Windows) : IDisposable
    {
        public void Dispose()
        {
            Gate.Dispose();
            foreach (var window in Windows)
            {
                window.Dispose();
            }
        }
    }

    /// <summary>The lease of an endpoint without limits: always granted, nothing to give back.</summary>
    private sealed class UnlimitedLease : RateLimitLease
    {
        public static readonly UnlimitedLease Instance = new();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }

        // A shared instance: disposing it must not end it.
        protected override void Dispose(bool disposing)
        {
        }
    }
}
