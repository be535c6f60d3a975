using System.Diagnostics;
using Feishu;
using FeishuApiGen.Redis;
using FeishuApiGen.Runtime.Tests.Support;
using FeishuApiGen.Testing;
using StackExchange.Redis;
using Gen = Feishu.Corehr.V2;

namespace FeishuApiGen.Runtime.Tests.Fleet;

/// <summary>
/// Instances of one app sharing each endpoint's documented limits through a real redis-server. What is asserted of time is
/// only ever a lower bound (a limiter can make calls slower, never faster), so a loaded machine cannot make these fail.
/// </summary>
public sealed class SharedRateBudgetTests() : FleetTest("cli_fleet_rate", "s")
{
    [Fact]
    public async Task Three_instances_together_take_the_documented_rate_once_not_three_times_and_lose_no_call()
    {
        // Search allows 1000 per minute and 50 per second; at a tenth, 5 per second for the fleet (and for each instance alone).
        var instances = new List<FeishuClient>();
        for (var i = 0; i < 3; i++)
        {
            instances.Add(Instance(await ConnectAsync()));
        }

        var clock = Stopwatch.StartNew();
        var answers = await Task.WhenAll(instances.SelectMany(feishu => Enumerable.Range(0, 10).Select(_ => SearchAsync(feishu))));
        clock.Stop();

        Assert.Equal(30, answers.Length);
        Assert.Equal(30, Fake.RequestsTo(Gen.SearchProbationRequest.FeishuEndpoint).Count);
        // 30 calls at 5 per second for the fleet: 5 at once, then 5 more each second, the last 5 no sooner than 5 s in.
        // Each instance alone would have been done in a little over 1 s (10 calls at 5 per second).
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(4.9), $"30 calls took {clock.Elapsed}: the fleet exceeded 5 per second");
    }

    [Fact]
    public async Task A_429_one_instance_meets_holds_the_endpoint_on_every_instance_until_its_reset()
    {
        Fake.MapScript(
            Gen.SearchProbationRequest.FeishuEndpoint,
            FakeAnswer.Error(429, 99991400, "request trigger frequency limit").WithHeader("x-ogw-ratelimit-reset", "2"),
            FakeAnswer.BuiltIn);
        var first = Instance(await ConnectAsync());
        var second = Instance(await ConnectAsync());
        var paused = await PauseSetAsync(Gen.SearchProbationRequest.FeishuEndpoint.Id);

        var firstCall = SearchAsync(first);
        // Wait (a condition, not a time) until the first instance has told the fleet to pause.
        await paused.WaitAsync(TimeSpan.FromMinutes(1));
        await SearchAsync(second);
        await firstCall;

        var requests = Fake.RequestsTo(Gen.SearchProbationRequest.FeishuEndpoint).OrderBy(r => r.ReceivedAt).ToList();
        Assert.Equal(3, requests.Count);   // the 429, then each instance's call once the pause ended
        Assert.Equal(429, requests[0].Answer!.StatusCode);
        // The pause was set after the 429 reached Feishu and lasts the whole reset (less the clocks' rounding).
        var pausedUntil = requests[0].ReceivedAt + TimeSpan.FromSeconds(2) - TimeSpan.FromMilliseconds(50);
        Assert.All(requests.Skip(1), request => Assert.True(
            request.ReceivedAt >= pausedUntil,
            $"a request reached Feishu {request.ReceivedAt - requests[0].ReceivedAt} after the 429, before its 2 s reset"));
    }

    [Fact]
    public async Task The_fleet_keeps_each_window_with_its_guard_so_a_windows_next_budget_comes_no_sooner()
    {
        // Two instances, 5 per second for the fleet, each window kept 200 ms longer than documented. Read from the grants'
        // own log on Redis (the minute's window keeps them all, scored by Redis's clock), so the machine's pace cannot matter.
        var instances = new List<FeishuClient>();
        for (var i = 0; i < 2; i++)
        {
            instances.Add(Instance(await ConnectAsync(), options => options.RateLimiting.WindowGuard = TimeSpan.FromMilliseconds(200)));
        }

        await Task.WhenAll(instances.SelectMany(feishu => Enumerable.Range(0, 5).Select(_ => SearchAsync(feishu))));

        var minute = await (await ConnectAsync()).GetDatabase().SortedSetRangeByRankWithScoresAsync("feishuapigen:{" + AppId + ":corehr.v2.probation.search}:window:60000");
        var granted = minute.Select(entry => entry.Score).Order().ToList();
        Assert.Equal(10, granted.Count);
        Assert.True(granted[5] - granted[0] >= 1200, $"the sixth grant came {granted[5] - granted[0]} ms after the first: sooner than the window (1000 ms) and its guard (200 ms)");
    }

    [Fact]
    public async Task With_Redis_down_calls_go_on_under_each_instances_own_limiter()
    {
        var multiplexer = await ConnectAsync();
        await Redis.StopAsync();
        var instances = Enumerable.Range(0, 2).Select(_ => Instance(multiplexer)).ToList();

        await Task.WhenAll(instances.SelectMany(feishu => Enumerable.Range(0, 3).Select(_ => SearchAsync(feishu))));

        Assert.Equal(6, Fake.RequestsTo(Gen.SearchProbationRequest.FeishuEndpoint).Count);
    }

    private static Task<Gen.SearchProbationResponse> SearchAsync(FeishuClient feishu) =>
        feishu.Corehr.V2.Probation.SearchAsync(new Gen.SearchProbationRequest { PageSize = 10 });

    private FeishuClient Instance(IConnectionMultiplexer redis, Action<FeishuClientOptions>? configure = null)
    {
        var options = Fake.ClientOptions();
        options.TokenShare = new RedisTokenShare(redis) { CommandTimeout = SlowMachineCommandTimeout };
        options.RateBudget = new RedisRateBudget(redis) { CommandTimeout = SlowMachineCommandTimeout };
        options.RateLimiting.Scale = 0.1;
        options.TotalTimeout = TimeSpan.FromMinutes(2);
        configure?.Invoke(options);
        var feishu = new FeishuClient(options);
        Own(feishu);
        return feishu;
    }
}
