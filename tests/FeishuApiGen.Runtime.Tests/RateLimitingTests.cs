using FeishuApiGen.Runtime.Tests.HandWritten;
using FeishuApiGen.Runtime.Tests.Support;
using FeishuApiGen.Testing;

namespace FeishuApiGen.Runtime.Tests;

/// <summary>
/// Client-side rate limits from each endpoint's documented limits, per app and endpoint. The .NET rate limiters run on
/// the system clock, so waits are asserted only from below (a wait can be longer on a busy machine, never shorter);
/// the rest uses limits of an hour, where nothing refills during a test.
/// </summary>
public sealed class RateLimitingTests
{
    private const string Path = "/open-apis/loopback/v1/limited";

    private static FeishuEndpoint Limited(string id, params FeishuRateLimit[] limits) =>
        new(id, "GET", Path, hasBody: false, FeishuAccessTokenTypes.Tenant, [], limits);

    private static async Task<LoopbackHarness> StartAsync(Action<FeishuClientOptions>? configure = null)
    {
        var harness = await LoopbackHarness.StartAsync(configure);
        harness.Server.Map("GET", Path, _ => FakeAnswer.Success());
        return harness;
    }

    private static Task<RawDataResponse> CallAsync(LoopbackHarness harness, FeishuEndpoint endpoint, CancellationToken cancellationToken = default)
        => harness.SendAsync<LimitedRequest, RawDataResponse>(endpoint, new LimitedRequest(), cancellationToken: cancellationToken);

    [Fact]
    public async Task Calls_over_the_limit_wait_for_the_window_instead_of_being_sent()
    {
        await using var harness = await StartAsync();
        // The token first, on an endpoint without limits, so the batch below measures only the limiter.
        await CallAsync(harness, Limited("loopback.v1.limited.warmup"));
        harness.Server.ClearRequests();
        var endpoint = Limited("loopback.v1.limited.window", new FeishuRateLimit(3, TimeSpan.FromMilliseconds(600)));
        var batchStart = DateTimeOffset.UtcNow;

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => CallAsync(harness, endpoint)));

        // Three go at once; the other three wait until the window has slid past the first (600 ms, in 60 ms steps).
        var sent = harness.Server.ApiRequests.Select(r => r.ReceivedAt).Order().ToList();
        Assert.Equal(6, sent.Count);
        Assert.True(sent[3] - batchStart >= TimeSpan.FromMilliseconds(500), $"the fourth call was sent {(sent[3] - batchStart).TotalMilliseconds} ms after the batch started");
    }

    [Fact]
    public async Task A_full_queue_refuses_at_once_without_sending()
    {
        await using var harness = await StartAsync(o => o.RateLimiting.QueueLimit = 1);
        var endpoint = Limited("loopback.v1.limited.queue", new FeishuRateLimit(1, TimeSpan.FromHours(1)));
        await CallAsync(harness, endpoint);
        using var cancellation = new CancellationTokenSource();

        var waiting = CallAsync(harness, endpoint, cancellation.Token);
        var thrown = await Assert.ThrowsAnyAsync<FeishuException>(() => CallAsync(harness, endpoint));

        var transient = Assert.IsType<FeishuTransientException>(thrown);
        Assert.Equal(FeishuGiveUpReason.RateLimitQueueFull, transient.Reason);
        Assert.Equal(0, transient.Attempts);
        Assert.Contains("client-side rate limit", thrown.Message, StringComparison.Ordinal);
        Assert.False(waiting.IsCompleted);

        // A caller waiting for a permit can still cancel.
        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Single(harness.Server.ApiRequests);
    }

    [Fact]
    public async Task Limits_are_per_endpoint_and_per_app()
    {
        await using var first = await StartAsync(o => o.RateLimiting.QueueLimit = 0);
        await using var second = await StartAsync(o => o.RateLimiting.QueueLimit = 0);
        var a = Limited("loopback.v1.limited.a", new FeishuRateLimit(1, TimeSpan.FromHours(1)));
        var b = Limited("loopback.v1.limited.b", new FeishuRateLimit(1, TimeSpan.FromHours(1)));

        await CallAsync(first, a);
        await CallAsync(first, b);
        await CallAsync(second, a);

        var refused = await Assert.ThrowsAsync<FeishuTransientException>(() => CallAsync(first, a));
        Assert.Equal(FeishuGiveUpReason.RateLimitQueueFull, refused.Reason);
    }

    [Fact]
    public async Task Scale_multiplies_each_limit()
    {
        await using var harness = await StartAsync(o => { o.RateLimiting.Scale = 2; o.RateLimiting.QueueLimit = 0; });
        var endpoint = Limited("loopback.v1.limited.scaled", new FeishuRateLimit(2, TimeSpan.FromHours(1)));

        for (var i = 0; i < 4; i++)
        {
            await CallAsync(harness, endpoint);
        }

        await Assert.ThrowsAsync<FeishuTransientException>(() => CallAsync(harness, endpoint));
        Assert.Equal(4, harness.Server.ApiRequests.Count);
    }

    [Fact]
    public async Task Several_limits_all_apply()
    {
        await using var harness = await StartAsync(o => o.RateLimiting.QueueLimit = 0);
        var endpoint = Limited(
            "loopback.v1.limited.both", new FeishuRateLimit(5, TimeSpan.FromHours(1)), new FeishuRateLimit(2, TimeSpan.FromHours(2)));

        await CallAsync(harness, endpoint);
        await CallAsync(harness, endpoint);

        await Assert.ThrowsAsync<FeishuTransientException>(() => CallAsync(harness, endpoint));
    }

    [Fact]
    public async Task Disabled_sends_everything()
    {
        await using var harness = await StartAsync(o => o.RateLimiting.Enabled = false);
        var endpoint = Limited("loopback.v1.limited.off", new FeishuRateLimit(1, TimeSpan.FromHours(1)));

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => CallAsync(harness, endpoint)));

        Assert.Equal(20, harness.Server.ApiRequests.Count);
    }

    [Fact]
    public async Task Endpoints_without_documented_limits_are_not_limited()
    {
        await using var harness = await StartAsync(o => o.RateLimiting.QueueLimit = 0);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => CallAsync(harness, Limited("loopback.v1.limited.none"))));

        Assert.Equal(20, harness.Server.ApiRequests.Count);
    }

    /// <summary>A GET without parameters.</summary>
    private sealed class LimitedRequest : IFeishuRequest
    {
        public void Validate(ref FeishuValidator validator)
        {
        }

        public void WriteUrl(ref FeishuUrlBuilder url) => url.AppendPath(Path);

        public void WriteBody(System.Text.Json.Utf8JsonWriter writer) => throw new InvalidOperationException("GET has no body.");
    }
}
