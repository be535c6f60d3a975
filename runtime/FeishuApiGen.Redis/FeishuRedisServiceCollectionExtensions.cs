using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace FeishuApiGen.Redis;

/// <summary>Makes an app registered with <c>AddFeishu</c> share its token, rate budgets and 429 pauses with its fleet through Redis.</summary>
public static class FeishuRedisServiceCollectionExtensions
{
    /// <summary>
    /// Shares through the <see cref="IConnectionMultiplexer"/> the container already has:
    /// <c>services.AddFeishu&lt;FeishuClient&gt;().WithRedisFleet()</c>.
    /// </summary>
    /// <param name="app">What <c>AddFeishu</c> returned.</param>
    /// <returns><paramref name="app"/>.</returns>
    public static IHttpClientBuilder WithRedisFleet(this IHttpClientBuilder app) =>
        WithRedisFleet(app, static provider => provider.GetRequiredService<IConnectionMultiplexer>());

    /// <summary>
    /// Shares through a connection of its own to <paramref name="configuration"/>, made to fail fast while Redis is down
    /// (<see cref="RedisTokenShare.FailFastOptions"/>): <c>services.AddFeishu&lt;FeishuClient&gt;().WithRedisFleet("redis:6379")</c>.
    /// </summary>
    /// <param name="app">What <c>AddFeishu</c> returned.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string.</param>
    /// <returns><paramref name="app"/>.</returns>
    public static IHttpClientBuilder WithRedisFleet(this IHttpClientBuilder app, string configuration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        // Connected lazily, once, and never failing the start: a Redis that is down at first is connected to later.
        var connection = new Lazy<IConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(RedisTokenShare.FailFastOptions(configuration)));
        return WithRedisFleet(app, _ => connection.Value);
    }

    private static IHttpClientBuilder WithRedisFleet(IHttpClientBuilder app, Func<IServiceProvider, IConnectionMultiplexer> redis)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Services.AddOptions<FeishuClientOptions>(FeishuServiceCollectionExtensions.OptionsName(app))
            .Configure<IServiceProvider>((options, provider) =>
            {
                var connection = redis(provider);
                options.TokenShare = new RedisTokenShare(connection);
                options.RateBudget = new RedisRateBudget(connection);
            });
        return app;
    }
}
