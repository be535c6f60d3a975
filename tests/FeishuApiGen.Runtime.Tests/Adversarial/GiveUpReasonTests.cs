using System.Net;
using FeishuApiGen.Runtime.Tests.HandWritten;
using FeishuApiGen.Runtime.Tests.Support;
using FeishuApiGen.Testing;

namespace FeishuApiGen.Runtime.Tests.Adversarial;

/// <summary>
/// The give-up reason is true: "may already have taken effect" (<see cref="FeishuGiveUpReason.NotIdempotent"/>) only when
/// a byte of the request could have reached Feishu, for a write without an idempotency key.
/// </summary>
public sealed class GiveUpReasonTests
{
    private const string Path = "/open-apis/loopback/v1/things/act";
    private const string MayHaveActed = "may already have taken effect";

    /// <summary>A write without an idempotency key, one call an hour.</summary>
    private static readonly FeishuEndpoint s_hourlyWrite = new(
        "loopback.v1.thing.act", "POST", Path, hasBody: true, FeishuAccessTokenTypes.Tenant, [], [new FeishuRateLimit(1, TimeSpan.FromHours(1))]);

    [Fact]
    public async Task A_429_then_a_permit_wait_past_the_total_timeout_is_a_timeout_not_a_maybe()
    {
        var clock = new ObservedClock();
        await using var harness = await LoopbackHarness.StartAsync(
            o => { o.TimeProvider = clock; o.TotalTimeout = TimeSpan.FromSeconds(10); },
            server => server.TimeProvider = clock);
        harness.Server.Map("POST", Path, _ => FakeAnswer.Error(429, FeishuErrorCodes.RateLimited, "request trigger frequency limit").WithHeader("x-ogw-ratelimit-reset", "1"));

        var retryArmed = clock.WhenArmedAsync(TimeSpan.FromSeconds(1));
        var call = SendAsync(harness.Connection);
        await retryArmed;
        clock.Advance(TimeSpan.FromSeconds(1));
        // The resend now waits for the hour's one permit, which the first attempt spent.
        clock.Advance(TimeSpan.FromSeconds(9));

        var thrown = await Assert.ThrowsAsync<FeishuTransientException>(() => call.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(FeishuGiveUpReason.TotalTimeoutElapsed, thrown.Reason);
        Assert.DoesNotContain(MayHaveActed, thrown.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, thrown.HttpStatus);
        Assert.Equal(TimeSpan.FromSeconds(10), thrown.Elapsed);
        Assert.Single(harness.Server.ApiRequests);
    }

    [Fact]
    public async Task A_handler_failing_before_it_writes_the_body_is_retried_because_nothing_left()
    {
        await using var server = await FakeFeishu.StartAsync(new FakeFeishuOptions { AppId = LoopbackHarness.AppId, AppSecret = LoopbackHarness.AppSecret });
        var (http, connection) = ConnectThroughFailingHandler(server.BaseAddress, sendFirst: false);
        using var _ = http;
        using var __ = connection;

        var thrown = await Assert.ThrowsAsync<FeishuTransientException>(() => SendAsync(connection));

        Assert.Equal(FeishuGiveUpReason.AttemptsExhausted, thrown.Reason);
        Assert.Equal(3, thrown.Attempts);
        Assert.DoesNotContain(MayHaveActed, thrown.Message, StringComparison.Ordinal);
        Assert.Empty(server.ApiRequests);
    }

    [Fact]
    public async Task A_handler_failing_after_the_request_left_is_not_retried_and_says_it_may_have_acted()
    {
        await using var server = await FakeFeishu.StartAsync(new FakeFeishuOptions { AppId = LoopbackHarness.AppId, AppSecret = LoopbackHarness.AppSecret });
        server.Map("POST", Path, _ => FakeAnswer.Success());
        var (http, connection) = ConnectThroughFailingHandler(server.BaseAddress, sendFirst: true);
        using var _ = http;
        using var __ = connection;

        var thrown = await Assert.ThrowsAsync<FeishuTransientException>(() => SendAsync(connection));

        Assert.Equal(FeishuGiveUpReason.NotIdempotent, thrown.Reason);
        Assert.Equal(1, thrown.Attempts);
        Assert.Contains(MayHaveActed, thrown.Message, StringComparison.Ordinal);
        Assert.Single(server.ApiRequests);
    }

    /// <summary>A connection whose <see cref="HttpClient"/> fails the API request (<see cref="FailingHandler"/>); the caller disposes both.</summary>
    private static (HttpClient Http, FeishuConnection Connection) ConnectThroughFailingHandler(Uri baseAddress, bool sendFirst)
    {
        var http = new HttpClient(new FailingHandler(sendFirst) { InnerHandler = new SocketsHttpHandler() });
        return (http, Connect(baseAddress, http));
    }

    private static FeishuConnection Connect(Uri baseAddress, HttpClient http) => new(
        new FeishuClientOptions
        {
            AppId = LoopbackHarness.AppId,
            AppSecret = LoopbackHarness.AppSecret,
            BaseAddress = baseAddress,
            RateLimiting = { Enabled = false },
            Retry = { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
        },
        http);

    private static Task<RawDataResponse> SendAsync(FeishuConnection connection)
        => connection.SendAsync<ActRequest, RawDataResponse>(s_hourlyWrite, new ActRequest(), CancellationToken.None);

    /// <summary>A proxy handler that fails the API request (not the token request) before or after passing it on.</summary>
    private sealed class FailingHandler(bool sendFirst) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath != Path)
            {
                return await base.SendAsync(request, cancellationToken);
            }

            if (sendFirst)
            {
                using var response = await base.SendAsync(request, cancellationToken);
            }

            throw new HttpRequestException("the proxy dropped the exchange");
        }
    }

    private sealed class ActRequest : IFeishuRequest
    {
        public void Validate(ref FeishuValidator validator)
        {
        }

        public void WriteUrl(ref FeishuUrlBuilder url) => url.AppendPath(Path);

        public void WriteBody(System.Text.Json.Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteString("name"u8, "acted once");
            writer.WriteEndObject();
        }
    }
}
