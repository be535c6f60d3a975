using Feishu;
using FeishuApiGen.Redis;
using FeishuApiGen.Testing;
using FeishuApiGen.TestSupport;
using StackExchange.Redis;

namespace FeishuApiGen.Runtime.Tests.Fleet;

/// <summary>
/// A real redis-server and a fake Feishu for one app, per test; Redis connections, clients and processes a test makes are
/// disposed after it, newest first.
/// </summary>
public abstract class FleetTest(string appId, string appSecret) : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];

    /// <summary>
    /// The bound on each Redis command in these tests. Generous: they are about coordination, and a loaded machine must not
    /// turn a slow answer into a fallback (the product's defaults are 500 ms per share command and 1 s per connection command).
    /// </summary>
    protected static readonly TimeSpan SlowMachineCommandTimeout = TimeSpan.FromSeconds(10);

    protected string AppId { get; } = appId;

    protected string AppSecret { get; } = appSecret;

    internal RedisServer Redis { get; private set; } = null!;

    protected FakeFeishu Fake { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        Fake = await FakeFeishu.StartAsync<FeishuClient>(new FakeFeishuOptions { AppId = AppId, AppSecret = AppSecret });
    }

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }

        await Fake.DisposeAsync();
        await Redis.DisposeAsync();
    }

    /// <summary>A Redis connection of the kind an instance makes: failing fast while Redis is down, reconnecting by itself.</summary>
    protected async Task<ConnectionMultiplexer> ConnectAsync()
    {
        var options = RedisTokenShare.FailFastOptions(Redis.Configuration);
        // Failing fast while Redis is down (no backlog) is kept.
        options.AsyncTimeout = options.SyncTimeout = (int)SlowMachineCommandTimeout.TotalMilliseconds;
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(options);
        return Own(multiplexer);
    }

    /// <summary>
    /// Whether <paramref name="multiplexer"/>, which reconnects by itself, answers commands again within a generous bound
    /// (being connected is not enough: a command sent while the connection is still being set up fails fast).
    /// </summary>
    protected static async Task<bool> AnswersAgainAsync(IConnectionMultiplexer multiplexer)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (multiplexer.IsConnected)
                {
                    await multiplexer.GetDatabase().PingAsync();
                    return true;
                }
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // Not yet: keep waiting.
            }

            await Task.Delay(50);
        }

        return false;
    }

    /// <summary>
    /// A task that completes when the fleet's pause of <paramref name="endpointId"/> is set on Redis, told by Redis itself
    /// (keyspace events), so a slow test cannot miss a pause that has already ended.
    /// </summary>
    protected async Task<Task> PauseSetAsync(string endpointId)
    {
        var options = RedisTokenShare.FailFastOptions(Redis.Configuration);
        options.AllowAdmin = true;   // for CONFIG SET
        var watcher = Own(await ConnectionMultiplexer.ConnectAsync(options));
        await watcher.GetServer(watcher.GetEndPoints()[0]).ConfigSetAsync("notify-keyspace-events", "K$");
        var pauseKey = "feishuapigen:{" + AppId + ":" + endpointId + "}:pause";
        var paused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await watcher.GetSubscriber().SubscribeAsync(RedisChannel.Literal("__keyspace@0__:" + pauseKey), (_, _) => paused.TrySetResult());
        return paused.Task;
    }

    /// <summary>Disposes <paramref name="disposable"/> after the test.</summary>
    protected T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(new SyncDisposable(disposable));
        return disposable;
    }

    /// <summary>Disposes <paramref name="disposable"/> after the test.</summary>
    internal void Own(IAsyncDisposable disposable) => _owned.Add(disposable);

    private sealed class SyncDisposable(IDisposable disposable) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            disposable.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
