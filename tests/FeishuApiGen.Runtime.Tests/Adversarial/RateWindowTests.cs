using FeishuApiGen.Runtime.Tests.HandWritten;
using FeishuApiGen.Runtime.Tests.Support;
using FeishuApiGen.Testing;

namespace FeishuApiGen.Runtime.Tests.Adversarial;

/// <summary>
/// Several documented windows never block each other, and a wait for a permit ends with the call's total timeout. The
/// limiter runs on the connection's clock, so these tests move a fake clock and count what the loopback server saw at
/// each instant: exact figures, whatever the machine's load.
/// </summary>
public sealed class RateWindowTests
{
    private const string Path = "/open-apis/loopback/v1/windows";

    /// <summary>"1000 次/分钟、50 次/秒", as the doc pages write it.</summary>
    private static readonly FeishuEndpoint s_minuteAndSecond = new(
        "loopback.v1.windows.both", "GET", Path, hasBody: false, FeishuAccessTokenTypes.Tenant, [],
        [new FeishuRateLimit(1000, TimeSpan.FromMinutes(1)), new FeishuRateLimit(50, TimeSpan.FromSeconds(1))]);

    [Fact]
    public async Task A_burst_is_sent_at_exactly_the_documented_rates_and_no_call_is_refused_or_spends_a_window_it_waits_for()
    {
        var clock = new ObservedClock();
        await using var harness = await StartAsync(clock, totalTimeout: TimeSpan.FromMinutes(10));
        var start = clock.GetUtcNow();

        // A burst of 1,000 at 0 s, then 200 more at 20 s, when the per-minute budget is spent.
        var first = Enumerable.Range(0, 1000).Select(_ => CallAsync(harness)).ToList();
        var second = new List<Task<RawDataResponse>>();
        for (var tenths = 0; tenths <= 640; tenths += 5)
        {
            var now = TimeSpan.FromMilliseconds(tenths * 100);
            if (now == TimeSpan.FromSeconds(20))
            {
                second.AddRange(Enumerable.Range(0, 200).Select(_ => CallAsync(harness)));
            }

            await WhenSentAsync(harness, Expected(now));
            clock.Advance(TimeSpan.FromMilliseconds(500));
        }

        await Task.WhenAll(first.Concat(second)).WaitAsync(TimeSpan.FromSeconds(30));
        var sent = harness.Server.ApiRequests.Select(r => r.ReceivedAt - start).Order().ToList();
        Assert.Equal(1200, sent.Count);
        // 50 a second from 0 s to 19 s, the minute's 1,000 spent; then nothing until the first second's calls leave the
        // minute window at 60 s, and 50 a second again.
        for (var second_ = 0; second_ < 64; second_++)
        {
            var expected = second_ < 20 ? 50 : second_ is >= 60 and < 64 ? 50 : 0;
            Assert.Equal(expected, sent.Count(at => at >= TimeSpan.FromSeconds(second_) && at < TimeSpan.FromSeconds(second_ + 1)));
        }

        Assert.All(sent, at => Assert.True(sent.Count(other => other >= at && other < at + TimeSpan.FromSeconds(1)) <= 50));
        Assert.All(sent, at => Assert.True(sent.Count(other => other >= at && other < at + TimeSpan.FromMinutes(1)) <= 1000));
    }

    [Fact]
    public async Task A_call_waiting_for_a_permit_ends_exactly_at_its_total_timeout()
    {
        var clock = new ObservedClock();
        await using var harness = await StartAsync(clock, totalTimeout: TimeSpan.FromSeconds(10));
        var hourly = new FeishuEndpoint("loopback.v1.windows.hourly", "GET", Path, hasBody: false, FeishuAccessTokenTypes.Tenant, [], [new FeishuRateLimit(1, TimeSpan.FromHours(1))]);
        await CallAsync(harness, hourly);

        var early = Enumerable.Range(0, 3).Select(_ => CallAsync(harness, hourly)).ToList();
        clock.Advance(TimeSpan.FromSeconds(6));
        var late = Enumerable.Range(0, 3).Select(_ => CallAsync(harness, hourly)).ToList();
        clock.Advance(TimeSpan.FromSeconds(4) - TimeSpan.FromTicks(1));
        Assert.All(early.Concat(late), call => Assert.False(call.IsCompleted));
        clock.Advance(TimeSpan.FromTicks(1));

        foreach (var call in early)
        {
            var thrown = await Assert.ThrowsAsync<FeishuTransientException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal(FeishuGiveUpReason.TotalTimeoutElapsed, thrown.Reason);
            Assert.Equal(TimeSpan.FromSeconds(10), thrown.Elapsed);
            Assert.Equal(0, thrown.Attempts);
            Assert.DoesNotContain("may already have taken effect", thrown.Message, StringComparison.Ordinal);
        }

        Assert.All(late, call => Assert.False(call.IsCompleted));
        clock.Advance(TimeSpan.FromSeconds(6));
        foreach (var call in late)
        {
            var thrown = await Assert.ThrowsAsync<FeishuTransientException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal(TimeSpan.FromSeconds(10), thrown.Elapsed);
        }

        Assert.Single(harness.Server.ApiRequests);
    }

    [Fact]
    public async Task A_permit_whose_request_never_left_is_given_back()
    {
        var clock = new ObservedClock();
        await using var harness = await StartAsync(clock, totalTimeout: TimeSpan.FromMinutes(1));
        var twice = new FeishuEndpoint("loopback.v1.windows.twice", "GET", Path, hasBody: false, FeishuAccessTokenTypes.Tenant, [], [new FeishuRateLimit(2, TimeSpan.FromHours(1))]);
        // The token endpoint fails (nothing reaches the API) three times: one call's every attempt.
        harness.Server.MapScript(
            "POST", FakeFeishu.TokenPath,
            FakeAnswer.Error(400, 10003, "invalid param"), FakeAnswer.BuiltIn);

        await Assert.ThrowsAsync<FeishuApiException>(() => CallAsync(harness, twice).WaitAsync(TimeSpan.FromSeconds(20)));
        await CallAsync(harness, twice).WaitAsync(TimeSpan.FromSeconds(20));
        await CallAsync(harness, twice).WaitAsync(TimeSpan.FromSeconds(20));

        // Two permits an hour, and both went to calls that reached the server.
        Assert.Equal(2, harness.Server.ApiRequests.Count);
    }

    [Fact]
    public async Task A_slow_first_token_does_not_bunch_one_windows_calls_onto_the_next()
    {
        var clock = new ObservedClock();
        await using var harness = await StartAsync(clock, totalTimeout: TimeSpan.FromMinutes(10));
        var fiftyASecond = new FeishuEndpoint("loopback.v1.windows.second", "GET", Path, hasBody: false, FeishuAccessTokenTypes.Tenant, [], [new FeishuRateLimit(50, TimeSpan.FromSeconds(1))]);
        var tokenGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Server.Map("POST", FakeFeishu.TokenPath, async _ =>
        {
            await tokenGate.Task;
            return FakeAnswer.BuiltIn;
        });
        var start = clock.GetUtcNow();

        // 100 calls at 0 s; the token comes at 0.8 s.
        var calls = Enumerable.Range(0, 100).Select(_ => CallAsync(harness, fiftyASecond)).ToList();
        while (harness.Server.TokenRequests == 0)
        {
            await Task.Delay(5);
        }

        clock.Advance(TimeSpan.FromMilliseconds(800));
        tokenGate.SetResult();
        await WhenSentAsync(harness, 50);

        // At 1 s a permit taken before the token would let 50 more go, 100 inside 200 ms; taken after it, none may.
        clock.Advance(TimeSpan.FromMilliseconds(200));
        await Task.Delay(500);
        Assert.Equal(50, harness.Server.ApiRequests.Count);
        clock.Advance(TimeSpan.FromMilliseconds(800));
        await WhenSentAsync(harness, 100);
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));

        var sent = harness.Server.ApiRequests.Select(r => r.ReceivedAt - start).ToList();
        Assert.Equal(50, sent.Count(at => at == TimeSpan.FromMilliseconds(800)));
        Assert.Equal(50, sent.Count(at => at == TimeSpan.FromMilliseconds(1800)));
    }

    [Fact]
    public async Task The_window_guard_holds_the_next_windows_calls_until_the_window_and_its_guard_have_passed()
    {
        var clock = new ObservedClock();
        await using var harness = await StartAsync(clock, totalTimeout: TimeSpan.FromMinutes(10), windowGuard: TimeSpan.FromMilliseconds(50));
        var fiveASecond = new FeishuEndpoint("loopback.v1.windows.guarded", "GET", Path, hasBody: false, FeishuAccessTokenTypes.Tenant, [], [new FeishuRateLimit(5, TimeSpan.FromSeconds(1))]);
        var start = clock.GetUtcNow();

        var calls = Enumerable.Range(0, 10).Select(_ => CallAsync(harness, fiveASecond)).ToList();
        await WhenSentAsync(harness, 5);
        // At 1 s the documented window has passed, but not its guard: nobody else may go yet.
        clock.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(500);
        Assert.Equal(5, harness.Server.ApiRequests.Count);
        clock.Advance(TimeSpan.FromMilliseconds(50));
        await WhenSentAsync(harness, 10);
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));

        var sent = harness.Server.ApiRequests.Select(r => r.ReceivedAt - start).ToList();
        Assert.Equal(5, sent.Count(at => at == TimeSpan.Zero));
        Assert.Equal(5, sent.Count(at => at == TimeSpan.FromMilliseconds(1050)));
    }

    /// <summary>How many calls the burst test has sent by <paramref name="now"/>.</summary>
    private static int Expected(TimeSpan now)
    {
        var firstBurst = Math.Min(1000, 50 * ((int)now.TotalSeconds + 1));
        var secondBurst = now < TimeSpan.FromSeconds(60) ? 0 : Math.Min(200, 50 * ((int)(now.TotalSeconds - 60) + 1));
        return firstBurst + secondBurst;
    }

    private static async Task WhenSentAsync(LoopbackHarness harness, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (harness.Server.ApiRequests.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the server saw {harness.Server.ApiRequests.Count} requests, not {count}");
            await Task.Delay(5);
        }

        // Never more than the windows allow, however long one waits.
        Assert.Equal(count, harness.Server.ApiRequests.Count);
    }

    private static async Task<LoopbackHarness> StartAsync(ObservedClock clock, TimeSpan totalTimeout, TimeSpan? windowGuard = null)
    {
        var harness = await LoopbackHarness.StartAsync(
            o =>
            {
                o.TimeProvider = clock;
                o.TotalTimeout = totalTimeout;
                o.AttemptTimeout = TimeSpan.FromHours(1);
                // The documented windows exactly, unless a test is about the guard: the figures below are the doc's.
                o.RateLimiting.WindowGuard = windowGuard ?? TimeSpan.Zero;
            },
            server => server.TimeProvider = clock);
        harness.Server.Map("GET", Path, _ => FakeAnswer.Success());
        return harness;
    }

    private static Task<RawDataResponse> CallAsync(LoopbackHarness harness, FeishuEndpoint? endpoint = null)
        => harness.SendAsync<PathRequest, RawDataResponse>(endpoint ?? s_minuteAndSecond, new PathRequest(Path));
}
