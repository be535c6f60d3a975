using System.Globalization;
using StackExchange.Redis;

namespace FeishuApiGen.Redis;

/// <summary>
/// The fleet's tenant_access_token on Redis. Keys, per app: <c>feishuapigen:{app_id}:tenant_token</c> (the token and its
/// expiry, expiring with the token) and <c>feishuapigen:{app_id}:tenant_token:fetching</c> (the one instance fetching,
/// expiring after the claim's hold). The app secret is never written. Every command is bounded by
/// <see cref="CommandTimeout"/>, so a slow Redis costs a call that much at most before the connection goes on alone.
/// </summary>
public sealed class RedisTokenShare : IFeishuTokenShare
{
    private readonly IConnectionMultiplexer _redis;

    /// <summary>Shares tokens through <paramref name="redis"/>.</summary>
    /// <param name="redis">A connection to the Redis every instance of the fleet uses (e.g. from dependency injection).</param>
    public RedisTokenShare(IConnectionMultiplexer redis)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _redis = redis;
    }

    /// <summary>
    /// The longest one Redis command may take before the connection goes on without the fleet. Defaults to 500 ms: Redis
    /// on the same network answers in well under a millisecond.
    /// </summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Options for a connection that fails fast while Redis is down (no queue of commands waiting for it, a short connect
    /// timeout, reconnecting in the background), as the fleet wants it: <c>ConnectionMultiplexer.Connect(RedisTokenShare.FailFastOptions("localhost:6379"))</c>.
    /// </summary>
    /// <param name="configuration">A StackExchange.Redis configuration string.</param>
    public static ConfigurationOptions FailFastOptions(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2000);
        options.SyncTimeout = Math.Min(options.SyncTimeout, 1000);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 1000);
        return options;
    }

    /// <inheritdoc/>
    public async ValueTask<FeishuSharedToken?> ReadAsync(string appId, CancellationToken cancellationToken)
    {
        var value = await Bounded(_redis.GetDatabase().StringGetAsync(TokenKey(appId)), cancellationToken).ConfigureAwait(false);
        return value.IsNullOrEmpty ? null : Parse(value.ToString());
    }

    /// <inheritdoc/>
    public async ValueTask<bool> TryClaimFetchAsync(string appId, TimeSpan hold, CancellationToken cancellationToken)
        => await Bounded(_redis.GetDatabase().StringSetAsync(ClaimKey(appId), Environment.ProcessId.ToString(CultureInfo.InvariantCulture), hold, When.NotExists), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async ValueTask PublishAsync(string appId, FeishuSharedToken token, CancellationToken cancellationToken)
    {
        var lifetime = token.ExpiresAt - DateTimeOffset.UtcNow;
        if (lifetime <= TimeSpan.Zero)
        {
            return;
        }

        var database = _redis.GetDatabase();
        var text = token.ExpiresAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "|" + token.Value;
        await Bounded(database.StringSetAsync(TokenKey(appId), text, lifetime), cancellationToken).ConfigureAwait(false);
        await Bounded(database.KeyDeleteAsync(ClaimKey(appId)), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DropAsync(string appId, string token, CancellationToken cancellationToken)
    {
        // Only if it is still the rejected token: another instance may already have published a new one.
        var database = _redis.GetDatabase();
        var current = await Bounded(database.StringGetAsync(TokenKey(appId)), cancellationToken).ConfigureAwait(false);
        if (!current.IsNullOrEmpty && Parse(current.ToString())?.Value == token)
        {
            // A guarded transaction (WATCH/MULTI), not the newer single-command delete SER301 suggests: that needs Redis 8.4,
            // and Debian's redis-server (7.0) is what fleets run today.
#pragma warning disable SER301
            var transaction = database.CreateTransaction();
            transaction.AddCondition(Condition.StringEqual(TokenKey(appId), current));
            _ = transaction.KeyDeleteAsync(TokenKey(appId));
#pragma warning restore SER301
            await Bounded(transaction.ExecuteAsync(), cancellationToken).ConfigureAwait(false);
        }
    }

    private static RedisKey TokenKey(string appId) => "feishuapigen:" + appId + ":tenant_token";

    private static RedisKey ClaimKey(string appId) => "feishuapigen:" + appId + ":tenant_token:fetching";

    private static FeishuSharedToken? Parse(string text)
    {
        var separator = text.IndexOf('|', StringComparison.Ordinal);
        return separator > 0 && long.TryParse(text.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt)
            ? new FeishuSharedToken(text[(separator + 1)..], DateTimeOffset.FromUnixTimeMilliseconds(expiresAt))
            : null;
    }

    private Task<T> Bounded<T>(Task<T> command, CancellationToken cancellationToken) => command.WaitAsync(CommandTimeout, cancellationToken);
}
