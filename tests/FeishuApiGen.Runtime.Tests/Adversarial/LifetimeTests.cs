using System.Runtime.CompilerServices;
using FeishuApiGen.Runtime.Tests.Generated;
using FeishuApiGen.Runtime.Tests.HandWritten;
using FeishuApiGen.Runtime.Tests.Support;
using FeishuApiGen.Testing;
using Xunit.Abstractions;

namespace FeishuApiGen.Runtime.Tests.Adversarial;

/// <summary>
/// Nothing the runtime starts keeps an abandoned connection alive, and <see cref="FeishuConnection.Dispose"/> ends every
/// wait of every call in flight with <see cref="ObjectDisposedException"/>. Run alone: timers are counted process-wide.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class LifetimeTests(ITestOutputHelper output)
{
    private const string Path = "/open-apis/loopback/v1/lifetime";

    private static readonly FeishuEndpoint s_limited = new(
        "loopback.v1.lifetime.limited", "GET", Path, hasBody: false, FeishuAccessTokenTypes.Tenant, [],
        [new FeishuRateLimit(100, TimeSpan.FromMinutes(1)), new FeishuRateLimit(10, TimeSpan.FromSeconds(1))]);

    [Fact]
    public async Task Three_hundred_connections_dropped_without_Dispose_leave_no_timer_and_are_collected()
    {
        await using var server = await FakeFeishu.StartAsync(new FakeFeishuOptions { AppId = LoopbackHarness.AppId, AppSecret = LoopbackHarness.AppSecret });
        server.Map("GET", Path, _ => FakeAnswer.Success());
        // One HttpClient for all, as IHttpClientFactory would share handlers: what is counted below is the connections' own.
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        Collect();
        var timersBefore = Timer.ActiveCount;

        var dropped = await UseAndDropAsync(server.BaseAddress, http, 300);

        // The last call's tail (its response's disposal, its timer's return) may still be running on another thread when
        // the test resumes: collect until nothing is reachable, or long enough that something plainly holds it.
        for (var i = 0; i < 100 && dropped.Any(w => w.TryGetTarget(out _)); i++)
        {
            Collect();
            await Task.Delay(20);
        }

        Collect();
        var timersAfter = Timer.ActiveCount;
        output.WriteLine($"active timers: {timersBefore} before, {timersAfter} after 300 dropped connections; alive: {dropped.Count(w => w.TryGetTarget(out _))}");
        Assert.True(timersAfter - timersBefore < 10, $"{timersAfter - timersBefore} timers more than before");
        Assert.All(dropped, weak => Assert.False(weak.TryGetTarget(out _), "a dropped connection is still reachable"));
    }

    [Fact]
    public async Task Dispose_ends_calls_queued_for_a_permit_with_ObjectDisposedException()
    {
        await using var harness = await LoopbackHarness.StartAsync(o => o.RateLimiting.QueueLimit = 10);
        harness.Server.Map("GET", Path, _ => FakeAnswer.Success());
        var hourly = new FeishuEndpoint("loopback.v1.lifetime.hourly", "GET", Path, hasBody: false, FeishuAccessTokenTypes.Tenant, [], [new FeishuRateLimit(1, TimeSpan.FromHours(1))]);
        await CallAsync(harness.Connection, hourly);
        var queued = Enumerable.Range(0, 5).Select(_ => CallAsync(harness.Connection, hourly)).ToList();

        harness.Connection.Dispose();

        foreach (var call in queued)
        {
            await Assert.ThrowsAsync<ObjectDisposedException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        }

        Assert.Single(harness.Server.ApiRequests);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => CallAsync(harness.Connection, hourly));
    }

    [Fact]
    public async Task Dispose_cuts_a_retry_wait()
    {
        await using var feishu = await FaultyFeishu.StartAsync(configure: o => o.Retry = new FeishuRetryOptions { BaseDelay = TimeSpan.FromSeconds(50), MaxDelay = TimeSpan.FromSeconds(50), UseJitter = false });
        feishu.Server.MapScript("POST", FaultyFeishu.CreatePath, FakeAnswer.Error(500, 55001, "internal server error"), FaultyFeishu.Created());
        var call = feishu.CreateAsync();
        await feishu.WhenApiRequestsAsync(1);

        feishu.Feishu.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Single(feishu.Server.ApiRequests);
    }

    [Fact]
    public async Task Dispose_cuts_a_wait_Feishu_asked_for()
    {
        await using var feishu = await FaultyFeishu.StartAsync();
        feishu.Server.MapScript(
            "POST", FaultyFeishu.CreatePath,
            FakeAnswer.Error(429, FeishuErrorCodes.RateLimited, "request trigger frequency limit").WithHeader("x-ogw-ratelimit-reset", "60"),
            FaultyFeishu.Created());
        var call = feishu.CreateAsync();
        await feishu.WhenApiRequestsAsync(1);

        feishu.Feishu.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Single(feishu.Server.ApiRequests);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<List<WeakReference<FeishuConnection>>> UseAndDropAsync(Uri baseAddress, HttpClient http, int count)
    {
        var dropped = new List<WeakReference<FeishuConnection>>();
        for (var i = 0; i < count; i++)
        {
            var connection = new FeishuConnection(
                new FeishuClientOptions { AppId = LoopbackHarness.AppId, AppSecret = LoopbackHarness.AppSecret, BaseAddress = baseAddress }, http);
            // The endpoint's limiter is built (the old one started a timer per window right then).
            await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => CallAsync(connection, s_limited)));
            dropped.Add(new WeakReference<FeishuConnection>(connection));
        }

        return dropped;
    }

    private static void Collect()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    private static Task<RawDataResponse> CallAsync(FeishuConnection connection, FeishuEndpoint endpoint)
        => connection.SendAsync<PathRequest, RawDataResponse>(endpoint, new PathRequest(Path), CancellationToken.None);
}
