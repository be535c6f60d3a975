using System.Diagnostics.Metrics;
using Feishu;
using FeishuApiGen.Runtime.Tests.HandWritten;
using FeishuApiGen.Runtime.Tests.Support;
using FeishuApiGen.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;

namespace FeishuApiGen.Runtime.Tests.Generated;

/// <summary>
/// The <c>FeishuApiGen</c> meter, read as an application's OpenTelemetry exporter would: through the host's
/// <see cref="IMeterFactory"/> that <c>AddFeishu</c> hands the connection, with <see cref="MetricCollector{T}"/>.
/// </summary>
public sealed class MetricsTests
{
    private const string Endpoint = "corehr.v2.probation.assessment.create";

    [Fact]
    public async Task Calls_retries_and_token_fetches_are_measured_with_the_endpoint_status_and_error_type()
    {
        await using var server = await FakeFeishu.StartAsync(new FakeFeishuOptions { AppId = LoopbackHarness.AppId, AppSecret = LoopbackHarness.AppSecret });
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Feishu:AppId"] = LoopbackHarness.AppId,
            ["Feishu:AppSecret"] = LoopbackHarness.AppSecret,
            ["Feishu:BaseAddress"] = server.BaseAddress.ToString(),
            ["Feishu:Retry:BaseDelay"] = "00:00:00.001",
            ["Feishu:Retry:MaxDelay"] = "00:00:00.005",
        });
        builder.Services.AddMetrics();
        builder.Services.AddFeishu<FeishuClient>();
        using var host = builder.Build();
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        using var durations = new MetricCollector<double>(meters, "FeishuApiGen", "feishu.client.call.duration");
        using var active = new MetricCollector<long>(meters, "FeishuApiGen", "feishu.client.active_calls");
        using var retries = new MetricCollector<long>(meters, "FeishuApiGen", "feishu.client.retries");
        using var fetches = new MetricCollector<long>(meters, "FeishuApiGen", "feishu.client.token.fetches");
        var feishu = host.Services.GetRequiredService<FeishuClient>();

        server.MapScript(
            "POST",
            FaultyFeishu.CreatePath,
            FaultyFeishu.Created(),                                                     // success
            FakeAnswer.Error(500, 55001, "internal error"), FaultyFeishu.Created(), // resent after a transient failure
            FaultyFeishu.Created(),                                                     // resent with a new token
            FakeAnswer.Error(400, 1161001, "employment not found"));              // a business error
        await feishu.Corehr.V2.ProbationAssessment.CreateAsync(FaultyFeishu.NewRequest());
        await feishu.Corehr.V2.ProbationAssessment.CreateAsync(FaultyFeishu.NewRequest());
        server.RevokeTokens();
        await feishu.Corehr.V2.ProbationAssessment.CreateAsync(FaultyFeishu.NewRequest());
        await Assert.ThrowsAsync<FeishuApiException>(() => feishu.Corehr.V2.ProbationAssessment.CreateAsync(FaultyFeishu.NewRequest()));

        // One duration per call, tagged as OpenTelemetry's HTTP client metrics are, plus the endpoint.
        var calls = durations.GetMeasurementSnapshot();
        Assert.Equal(4, calls.Count);
        Assert.All(calls, call =>
        {
            Assert.True(call.Value > 0);
            Assert.Equal(Endpoint, call.Tags["feishu.endpoint"]);
            Assert.Equal("POST", call.Tags["http.request.method"]);
            Assert.Equal(server.BaseAddress.Host, call.Tags["server.address"]);
            Assert.Equal(server.BaseAddress.Port, call.Tags["server.port"]);
        });
        Assert.Equal(3, calls.Count(c => c.Tags["http.response.status_code"] is 200 && !c.Tags.ContainsKey("error.type")));
        var failed = Assert.Single(calls, c => c.Tags.ContainsKey("error.type"));
        Assert.Equal(typeof(FeishuApiException).FullName, failed.Tags["error.type"]);
        Assert.Equal(400, failed.Tags["http.response.status_code"]);
        Assert.Equal(1161001, failed.Tags["feishu.code"]);

        // Every call in flight came back down; one resend of each kind; the first token and the one after the revocation.
        Assert.Equal(4, active.GetMeasurementSnapshot().Count(m => m.Value == 1));
        Assert.Equal(0, active.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(["token_refresh", "transient"], retries.GetMeasurementSnapshot().Select(m => (string)m.Tags["feishu.retry.reason"]!).Order());
        Assert.Equal(2, fetches.GetMeasurementSnapshot().Count(m => (string?)m.Tags["feishu.outcome"] == "success"));
        Assert.All(fetches.GetMeasurementSnapshot(), m => Assert.Equal(server.BaseAddress.Host, m.Tags["server.address"]));
    }

    [Fact]
    public void A_listener_that_arrives_during_a_call_never_sees_calls_in_flight_go_below_zero()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var metrics = new Diagnostics.FeishuMetrics(meters, new Uri("https://open.feishu.cn"), TimeProvider.System);
        var endpoint = Feishu.Corehr.V2.CreateProbationAssessmentRequest.FeishuEndpoint;

        var countedBefore = metrics.CallStarted(endpoint);
        using var active = new MetricCollector<long>(meters, "FeishuApiGen", "feishu.client.active_calls");
        var countedAfter = metrics.CallStarted(endpoint);
        metrics.CallEnded(endpoint, 0, status: 200, failure: null, countedAfter);
        metrics.CallEnded(endpoint, 0, status: 200, failure: null, countedBefore);

        Assert.False(countedBefore);
        Assert.Equal([1L, -1L], active.GetMeasurementSnapshot().Select(m => m.Value));
    }

    [Fact]
    public async Task A_wait_for_a_rate_limit_permit_is_measured_even_when_the_caller_gives_up_on_it()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var waits = new MetricCollector<double>(meters, "FeishuApiGen", "feishu.client.rate_limit.wait.duration");
        await using var harness = await LoopbackHarness.StartAsync(options => options.MeterFactory = meters);
        const string Path = "/open-apis/loopback/v1/limited";
        harness.Server.Map("GET", Path, _ => FakeAnswer.Success());
        // One call an hour: the second call must wait, whatever the machine's speed.
        var endpoint = new FeishuEndpoint("loopback.v1.limited.metrics", "GET", Path, hasBody: false, FeishuAccessTokenTypes.Tenant, [], [new FeishuRateLimit(1, TimeSpan.FromHours(1))]);
        await harness.SendAsync<PathRequest, RawDataResponse>(endpoint, new PathRequest(Path));
        Assert.Empty(waits.GetMeasurementSnapshot());

        using var cancellation = new CancellationTokenSource();
        var waiting = harness.SendAsync<PathRequest, RawDataResponse>(endpoint, new PathRequest(Path), cancellationToken: cancellation.Token);
        Assert.False(waiting.IsCompleted);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        var wait = Assert.Single(waits.GetMeasurementSnapshot());
        Assert.True(wait.Value > 0);
        Assert.Equal("loopback.v1.limited.metrics", wait.Tags["feishu.endpoint"]);
    }
}
