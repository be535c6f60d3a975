using System.Globalization;
using StackExchange.Redis;

namespace FeishuApiGen.Redis;

/// <summary>
/// The fleet's rate budgets on Redis: one sorted set per endpoint window (the grants of the last window length, scored
/// by Redis's clock) and one pause key per endpoint. A permit is taken by one script over all of an endpoint's windows,
/// so it is taken from every window at once, only when all have room and no 429 pause holds the endpoint; Redis runs a
/// script as one step for every process. Keys, per app and endpoint (one hash slot, for Redis Cluster):
/// <c>feishuapigen:{app_id:endpoint_id}:window:{milliseconds}</c> and <c>feishuapigen:{app_id:endpoint_id}:pause</c>.
/// </summary>
/// <remarks>
/// RedisRateLimiting's limiters were not used: each of its scripts takes one window only, so chaining two (a minute and a
/// second) would spend the minute's permit when the second refuses, with no way to give it back, and its windows run on
/// each process's clock rather than Redis's.
/// </remarks>
public sealed class RedisRateBudget : IFeishuRateBudget
{
    // KEYS[1] the pause, KEYS[2..] the windows; ARGV[1] a unique grant id, then each window's limit and length in ms.
    private const string TakeScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local wait = redis.call('PTTL', KEYS[1])
        if wait < 0 then wait = 0 end
        for i = 2, #KEYS do
          local limit = tonumber(ARGV[2 * i - 2])
          local window = tonumber(ARGV[2 * i - 1])
          redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
          local count = redis.call('ZCARD', KEYS[i])
          if count >= limit then
            local freeing = redis.call('ZRANGE', KEYS[i], count - limit, count - limit, 'WITHSCORES')
            local until_free = tonumber(freeing[2]) + window - now
            if until_free > wait then wait = until_free end
          end
        end
        if wait > 0 then return wait end
        for i = 2, #KEYS do
          redis.call('ZADD', KEYS[i], now, ARGV[1])
          redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[2 * i - 1]))
        end
        return 0
        """;

    // A pause is only ever lengthened: a shorter reset seen later must not cut a longer one short.
    private const string PauseScript = """
        if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then
          redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
        end
        return 0
        """;

    private readonly IConnectionMultiplexer _redis;

    /// <summary>Shares rate budgets through <paramref name="redis"/>.</summary>
    /// <param name="redis">A connection to the Redis every instance of the fleet uses; see <see cref="RedisTokenShare.FailFastOptions"/>.</param>
    public RedisRateBudget(IConnectionMultiplexer redis)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _redis = redis;
    }

    /// <summary>The longest one Redis command may take before the call goes on under its instance's limiter alone. Defaults to 500 ms.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <inheritdoc/>
    public async ValueTask<TimeSpan> TryTakeAsync(string appId, string endpointId, IReadOnlyList<FeishuRateLimit> windows, TimeSpan guard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var prefix = Prefix(appId, endpointId);
        var keys = new RedisKey[windows.Count + 1];
        var values = new RedisValue[2 * windows.Count + 1];
        keys[0] = prefix + "pause";
        values[0] = Guid.NewGuid().ToString("N");
        for (var i = 0; i < windows.Count; i++)
        {
            var milliseconds = (long)windows[i].Per.TotalMilliseconds;
            keys[i + 1] = prefix + "window:" + milliseconds.ToString(CultureInfo.InvariantCulture);
            values[2 * i + 1] = windows[i].Limit;
            // Named by its documented length, kept that and the guard long: instances with other guards share it.
            values[2 * i + 2] = milliseconds + (long)guard.TotalMilliseconds;
        }

        var result = await _redis.GetDatabase().ScriptEvaluateAsync(TakeScript, keys, values).WaitAsync(CommandTimeout, cancellationToken).ConfigureAwait(false);
        return TimeSpan.FromMilliseconds((long)result);
    }

    /// <inheritdoc/>
    public async ValueTask PauseAsync(string appId, string endpointId, TimeSpan duration, CancellationToken cancellationToken)
    {
        var milliseconds = (long)Math.Ceiling(duration.TotalMilliseconds);
        if (milliseconds <= 0)
        {
            return;
        }

        await _redis.GetDatabase().ScriptEvaluateAsync(PauseScript, [Prefix(appId, endpointId) + "pause"], [milliseconds]).WaitAsync(CommandTimeout, cancellationToken).ConfigureAwait(false);
    }

    private static string Prefix(string appId, string endpointId) => "feishuapigen:{" + appId + ":" + endpointId + "}:";
}
