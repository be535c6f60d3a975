using Feishu;
using FeishuApiGen.Redis;
using FeishuApiGen.Runtime.Tests.Support;
using FeishuApiGen.Testing;
using StackExchange.Redis;

namespace FeishuApiGen.Runtime.Tests.Fleet;

/// <summary>
/// A real redis-server and a fake Feishu for one app, per test; Redis connections and clients a test makes are disposed
/// after it, newest first.
/// </summary>
public abstract class FleetTest(string appId, string appSecret) : IAsyncLifetime
{
    private readonly List<IDisposable> _owned = [];

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
            owned.Dispose();
        }

        await Fake.DisposeAsync();
        await Redis.DisposeAsync();
    }

    /// <summary>A Redis connection of the kind an instance makes: failing fast while Redis is down, reconnecting by itself.</summary>
    protected async Task<ConnectionMultiplexer> ConnectAsync()
    {
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(RedisTokenShare.FailFastOptions(Redis.Configuration));
        return Own(multiplexer);
    }

    /// <summary>Disposes <paramref name="disposable"/> after the test.</summary>
    protected T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
