using Feishu;
using FeishuApiGen.Redis;
using FeishuApiGen.Testing;
using StackExchange.Redis;
using Gen = Feishu.Corehr.V2;

namespace FeishuApiGen.Runtime.Tests.Fleet;

/// <summary>
/// The fleet as it runs: several operating-system processes (tests/FeishuApiGen.FleetWorker) of one app calling the same
/// endpoint of the fake Feishu at once, with a real redis-server between them. They are started on a command together,
/// so what spreads the calls out in time is the shared budget, not the processes' start-up. Every time asserted is a
/// lower bound (what the fleet's budget guarantees); the upper bounds only catch a hang.
/// </summary>
public sealed class FleetProcessTests(Xunit.Abstractions.ITestOutputHelper output) : FleetTest("cli_fleet_processes", "fleet_process_secret")
{
    private static readonly TimeSpan s_hangBound = TimeSpan.FromMinutes(3);
    private static readonly FeishuEndpoint s_search = Gen.SearchProbationRequest.FeishuEndpoint;

    [Fact]
    public async Task Three_processes_share_one_token_and_together_stay_within_the_documented_rate_losing_no_call()
    {
        // Search: 1000 per minute and 50 per second; at a tenth, 5 per second for the whole fleet.
        var fleet = await StartFleetAsync(Redis.Configuration, scale: 0.1);
        var sentAt = DateTimeOffset.UtcNow;
        await CommandAllAsync(fleet, "search 10", "done 10");

        var requests = SearchRequests();
        Assert.Equal(30, requests.Count);
        Assert.All(requests, r => Assert.Equal(200, r.Answer!.StatusCode));
        Assert.Equal(1, Fake.TokenRequests);
        AssertSpreadAt5PerSecond(requests, sentAt);
        Report(requests);
    }

    [Fact]
    public async Task Without_Redis_each_process_fetches_its_own_token_and_every_call_is_still_answered()
    {
        // The same fleet, each process on its own limiter and token: what coordination saves.
        var fleet = await StartFleetAsync("none", scale: 0.1);
        await CommandAllAsync(fleet, "search 10", "done 10");

        var requests = SearchRequests();
        Assert.Equal(30, requests.Count);
        Assert.Equal(3, Fake.TokenRequests);
        Report(requests);
    }

    [Fact]
    public async Task Redis_stopped_mid_run_neither_hangs_nor_loses_a_call_and_started_again_the_fleet_coordinates_again()
    {
        var fleet = await StartFleetAsync(Redis.Configuration, scale: 0.1);
        await SendAllAsync(fleet, "search 20");
        // Down while the fleet's budget is still spreading the calls out: some have gone, the rest wait for permits (the
        // last of 60 at 5 per second no sooner than 11 s in, so a slow test process still stops it well before).
        await WaitUntilAsync(() => SearchRequests().Count >= 10, "10 calls reaching Feishu");
        await Redis.StopAsync();
        Assert.True(SearchRequests().Count < 60, "every call had gone before Redis stopped: the outage tested nothing");
        await ExpectAnswersAsync(fleet, "done 20");

        var duringOutage = SearchRequests();
        Assert.Equal(60, duringOutage.Count);
        Assert.All(duringOutage, r => Assert.Equal(200, r.Answer!.StatusCode));

        // Started again, empty (nothing is saved): each instance's connection finds it by itself, and the budget holds again.
        await Redis.StartAgainAsync();
        await CommandAllAsync(fleet, "wait-redis", "connected");
        var sentAt = DateTimeOffset.UtcNow;
        await CommandAllAsync(fleet, "search 10", "done 10");

        var afterRestart = SearchRequests().Skip(60).ToList();
        Assert.Equal(30, afterRestart.Count);
        Assert.All(afterRestart, r => Assert.Equal(200, r.Answer!.StatusCode));
        AssertSpreadAt5PerSecond(afterRestart, sentAt);
        Assert.Equal(1, Fake.TokenRequests);
        Report(afterRestart);
    }

    [Fact]
    public async Task A_429_met_by_one_process_holds_the_endpoint_in_every_process_until_its_reset()
    {
        var reset = TimeSpan.FromSeconds(3);
        Fake.MapScript(
            s_search,
            FakeAnswer.Error(429, 99991400, "request trigger frequency limit").WithHeader("x-ogw-ratelimit-reset", "3"),
            FakeAnswer.BuiltIn);
        var fleet = await StartFleetAsync(Redis.Configuration, scale: 1);

        var paused = await PauseSetAsync(s_search.Id);

        await fleet[0].SendAsync("search 1");
        await paused.WaitAsync(s_hangBound);
        await fleet[1].SendAsync("search 5");
        await fleet[2].SendAsync("search 5");
        Assert.Equal("done 1", await fleet[0].AnswerAsync(s_hangBound));
        Assert.Equal("done 5", await fleet[1].AnswerAsync(s_hangBound));
        Assert.Equal("done 5", await fleet[2].AnswerAsync(s_hangBound));

        var requests = SearchRequests();
        Assert.Equal(12, requests.Count);   // the 429, then its own process's call again and the others' ten, after the reset
        Assert.Equal(429, requests[0].Answer!.StatusCode);
        // The pause was set after the 429 reached Feishu and lasts the whole reset, so nothing reaches Feishu before the
        // reset has passed (less the clocks' rounding); without the fleet, the other two processes' calls would go at once.
        var heldUntil = requests[0].ReceivedAt + reset - TimeSpan.FromMilliseconds(50);
        Assert.All(requests.Skip(1), r =>
        {
            Assert.Equal(200, r.Answer!.StatusCode);
            Assert.True(r.ReceivedAt >= heldUntil, $"a call reached Feishu {r.ReceivedAt - requests[0].ReceivedAt} after the 429, before its reset ({reset})");
        });
    }

    /// <summary>
    /// Granted 5 at once and 5 more each window (1 s and its guard), the last 5 of 30 are granted no sooner than 5 windows
    /// after the first grant, which came after <paramref name="sentAt"/>: a lower bound, whatever the machine's pace.
    /// Uncoordinated, three processes' 30 calls arrive within about a second (each sends 5 at once and 5 a second later).
    /// </summary>
    private static void AssertSpreadAt5PerSecond(List<ReceivedRequest> requests, DateTimeOffset sentAt)
    {
        var span = requests[^1].ReceivedAt - sentAt;
        Assert.True(span >= TimeSpan.FromSeconds(5), $"{requests.Count} calls of the fleet reached Feishu within {span} of being sent: more than 5 per second");
    }

    private List<ReceivedRequest> SearchRequests() => [.. Fake.RequestsTo(s_search).OrderBy(r => r.ReceivedAt)];

    /// <summary>Writes how many calls reached Feishu in each second from the first (not asserted: it depends on the machine).</summary>
    private void Report(List<ReceivedRequest> requests)
    {
        var perSecond = requests.GroupBy(r => (int)(r.ReceivedAt - requests[0].ReceivedAt).TotalSeconds).OrderBy(g => g.Key).Select(g => $"s{g.Key}: {g.Count()}");
        output.WriteLine("calls reaching Feishu per second: " + string.Join(", ", perSecond));
    }

    private async Task<FleetProcess[]> StartFleetAsync(string redis, double scale)
    {
        var fleet = await FleetProcess.StartManyAsync(3, Fake.BaseAddress, AppId, AppSecret, redis, scale);
        foreach (var process in fleet)
        {
            Own(process);
        }

        return fleet;
    }

    private static async Task SendAllAsync(FleetProcess[] fleet, string command)
    {
        foreach (var process in fleet)
        {
            await process.SendAsync(command);
        }
    }

    private static async Task ExpectAnswersAsync(FleetProcess[] fleet, string expected)
    {
        foreach (var process in fleet)
        {
            Assert.Equal(expected, await process.AnswerAsync(s_hangBound));
        }
    }

    private static async Task CommandAllAsync(FleetProcess[] fleet, string command, string expected)
    {
        await SendAllAsync(fleet, command);
        await ExpectAnswersAsync(fleet, expected);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + s_hangBound;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "waited in vain for " + what);
            await Task.Delay(10);
        }
    }
}
