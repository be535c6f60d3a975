using Feishu;
using FeishuApiGen.Redis;
using FeishuApiGen.Runtime.Tests.Support;
using FeishuApiGen.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;
using Gen = Feishu.Corehr.V2;

namespace FeishuApiGen.Runtime.Tests.Fleet;

/// <summary>
/// Instances of one app sharing its tenant_access_token through a real redis-server: each instance is a connection with
/// its own Redis connection, as separate processes have; the fake Feishu counts the token requests.
/// </summary>
public sealed class SharedTokenTests() : FleetTest("cli_fleet", "fleet_secret_never_in_redis")
{
    [Fact]
    public async Task Three_instances_calling_at_once_fetch_one_token_for_the_fleet_and_the_secret_never_reaches_Redis()
    {
        var instances = await InstancesAsync(3);

        await Task.WhenAll(instances.SelectMany(feishu => Enumerable.Range(0, 10).Select(_ => CallAsync(feishu))));

        Assert.Equal(1, Fake.TokenRequests);
        var token = Assert.Single(Fake.IssuedTokens);
        Assert.All(Fake.ApiRequests, request => Assert.Equal("Bearer " + token, request.Header("Authorization")));
        Assert.Equal(30, Fake.ApiRequests.Count);

        using var inspector = await ConnectionMultiplexer.ConnectAsync(Redis.Configuration + ",allowAdmin=true");
        var keys = inspector.GetServer(inspector.GetEndPoints()[0]).Keys().Select(k => k.ToString()).ToList();
        Assert.Contains("feishuapigen:" + AppId + ":tenant_token", keys);
        foreach (var key in keys)
        {
            Assert.DoesNotContain(AppSecret, (string?)await inspector.GetDatabase().StringGetAsync(key) ?? "", StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_token_Feishu_rejects_is_replaced_once_for_the_fleet()
    {
        var (first, second) = await PairAsync();
        await CallAsync(first);
        await CallAsync(second);
        Assert.Equal(1, Fake.TokenRequests);

        Fake.RevokeTokens();
        await CallAsync(first);     // 99991663: drops the token, fetches and publishes a new one
        await CallAsync(second);    // 99991663 with its cached token: takes the fleet's new one

        Assert.True(Fake.TokenRequests == 2, "token requests: " + Fake.TokenRequests + "\n" + string.Join("\n", Fake.Requests.Select(r =>
            $"{r.ReceivedAt:HH:mm:ss.fff} {r.Method} {r.Path} {(r.Header("Authorization") is { } a ? "token #" + (Fake.IssuedTokens.ToList().IndexOf(a["Bearer ".Length..]) + 1) : "")} -> {r.Answer?.StatusCode}")));
        Assert.Equal("Bearer " + Fake.IssuedTokens[1], Fake.ApiRequests[^1].Header("Authorization"));
    }

    [Fact]
    public async Task With_Redis_down_every_call_goes_on_alone_counted_and_when_Redis_is_back_sharing_resumes()
    {
        using var meterFactory = new TestMeterFactory();
        using var fallbacks = new MetricCollector<long>(meterFactory, "FeishuApiGen", "feishu.client.fleet.fallbacks");
        var multiplexer = await ConnectAsync();
        await Redis.StopAsync();

        var alone = Enumerable.Range(0, 2).Select(_ => Instance(multiplexer, meterFactory)).ToList();
        await Task.WhenAll(alone.Select(CallAsync));
        Assert.Equal(2, Fake.TokenRequests);     // each fetched its own: no call waited on Redis, none failed
        Assert.NotEmpty(fallbacks.GetMeasurementSnapshot());

        await Redis.StartAgainAsync();
        // The multiplexer reconnects by itself; wait for it (a condition, with a generous bound), not for a time. Connected
        // is not yet answering: a command sent in between fails fast, and its instance rightly fetches on its own.
        Assert.True(await AnswersAgainAsync(multiplexer), "the Redis connection did not come back");
        var together = Enumerable.Range(0, 3).Select(_ => Instance(multiplexer, meterFactory)).ToList();
        await Task.WhenAll(together.Select(CallAsync));
        Assert.Equal(3, Fake.TokenRequests);     // one more fetch for the three new instances
    }

    [Fact]
    public async Task Two_hosts_registered_with_one_call_naming_Redis_share_the_token_and_a_named_app_too()
    {
        using var first = Host(app => app.AddFeishu<FeishuClient>(PointAtFake).WithRedisFleet(Redis.Configuration));
        using var second = Host(app => app.AddFeishu<FeishuClient>(PointAtFake).WithRedisFleet(Redis.Configuration));
        using var named = Host(app => app.AddFeishu<FeishuClient>("hr", PointAtFake).WithRedisFleet(Redis.Configuration));

        await CallAsync(first.Services.GetRequiredService<FeishuClient>());
        await CallAsync(second.Services.GetRequiredService<FeishuClient>());
        await CallAsync(named.Services.GetRequiredKeyedService<FeishuClient>("hr"));

        Assert.Equal(1, Fake.TokenRequests);
        var options = first.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<FeishuClientOptions>>().Get(Microsoft.Extensions.Options.Options.DefaultName);
        Assert.IsType<RedisRateBudget>(options.RateBudget);
    }

    private void PointAtFake(FeishuClientOptions options)
    {
        var fake = Fake.ClientOptions();
        options.AppId = fake.AppId;
        options.AppSecret = fake.AppSecret;
        options.BaseAddress = fake.BaseAddress;
    }

    private static IHost Host(Action<IServiceCollection> register)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        register(builder.Services);
        return builder.Build();
    }

    private static Task CallAsync(FeishuClient feishu) =>
        feishu.Corehr.V2.Probation.EnableDisableAssessmentAsync(new Gen.EnableDisableAssessmentProbationRequest { Active = true });

    private async Task<List<FeishuClient>> InstancesAsync(int count)
    {
        var instances = new List<FeishuClient>();
        for (var i = 0; i < count; i++)
        {
            instances.Add(Instance(await ConnectAsync()));
        }

        return instances;
    }

    private async Task<(FeishuClient, FeishuClient)> PairAsync()
    {
        var instances = await InstancesAsync(2);
        return (instances[0], instances[1]);
    }

    private FeishuClient Instance(IConnectionMultiplexer redis, System.Diagnostics.Metrics.IMeterFactory? meters = null)
    {
        var options = Fake.ClientOptions();
        options.TokenShare = new RedisTokenShare(redis) { CommandTimeout = SlowMachineCommandTimeout };
        options.MeterFactory = meters;
        var feishu = new FeishuClient(options);
        Own(feishu);
        return feishu;
    }

    /// <summary>A meter factory of its own, so other tests' meters do not show here.</summary>
    private sealed class TestMeterFactory : System.Diagnostics.Metrics.IMeterFactory
    {
        private readonly List<System.Diagnostics.Metrics.Meter> _meters = [];

        public System.Diagnostics.Metrics.Meter Create(System.Diagnostics.Metrics.MeterOptions options)
        {
            var meter = new System.Diagnostics.Metrics.Meter(options.Name, options.Version, options.Tags, scope: this);
            lock (_meters)
            {
                _meters.Add(meter);
            }

            return meter;
        }

        public void Dispose()
        {
            lock (_meters)
            {
                _meters.ForEach(m => m.Dispose());
            }
        }
    }
}
