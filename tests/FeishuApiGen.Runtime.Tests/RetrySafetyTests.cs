using System.Net;
using FeishuApiGen.Runtime.Tests.HandWritten;
using FeishuApiGen.Runtime.Tests.Support;
using FeishuApiGen.Testing;

namespace FeishuApiGen.Runtime.Tests;

/// <summary>Which failures are resent, for which methods, and what the caller gets when they are not.</summary>
public sealed class RetrySafetyTests
{
    private const string ThingPath = GetThingRequest.PathPrefix + ":thing_id";

    private static Task<RawDataResponse> ArchiveAsync(LoopbackHarness harness)
        => harness.SendAsync<ArchiveThingRequest, RawDataResponse>(ArchiveThingRequest.Endpoint, new ArchiveThingRequest());

    [Fact]
    public async Task A_write_without_idempotency_key_meeting_a_5xx_is_not_resent_and_says_why()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.Server.MapScript("POST", ArchiveThingRequest.PathTemplate, FakeAnswer.Error(500, 55001, "internal error"), FakeAnswer.Success());

        var thrown = await Assert.ThrowsAnyAsync<FeishuException>(() => ArchiveAsync(harness));

        var last = GiveUp.Assert<FeishuApiException>(thrown, FeishuGiveUpReason.NotIdempotent, attempts: 1);
        Assert.Equal(HttpStatusCode.InternalServerError, last.HttpStatus);
        Assert.Contains("not retried, because the endpoint has no idempotency key", thrown.Message, StringComparison.Ordinal);
        Assert.Single(harness.Server.ApiRequests);
    }

    [Fact]
    public async Task A_write_without_idempotency_key_rate_limited_is_resent_because_feishu_refused_before_acting()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.Server.MapScript(
            "POST",
            ArchiveThingRequest.PathTemplate,
            FakeAnswer.Error(429, FeishuErrorCodes.RateLimited, "frequency limit").WithHeader("x-ogw-ratelimit-reset", "0"),
            FakeAnswer.Success());

        await ArchiveAsync(harness);

        Assert.Equal(2, harness.Server.ApiRequests.Count);
    }

    [Fact]
    public async Task A_get_meeting_a_5xx_is_resent()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.Server.MapScript("GET", ThingPath, FakeAnswer.Error(503, 55001, "busy"), FakeAnswer.Success("""{"ok":true}"""));

        var response = await harness.SendAsync<GetThingRequest, RawDataResponse>(GetThingRequest.Endpoint, new GetThingRequest { ThingId = "t1" });

        Assert.Equal("""{"ok":true}""", response.Json);
        Assert.Equal(2, harness.Server.ApiRequests.Count);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    public async Task A_business_or_request_error_is_never_resent(int status)
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.Server.Map("GET", ThingPath, _ => FakeAnswer.Error(status, 1161001, "not found"));

        var ex = await Assert.ThrowsAsync<FeishuApiException>(
            () => harness.SendAsync<GetThingRequest, RawDataResponse>(GetThingRequest.Endpoint, new GetThingRequest { ThingId = "t1" }));

        Assert.Equal(1161001, ex.Code);
        Assert.Single(harness.Server.ApiRequests);
    }

    [Fact]
    public async Task A_backoff_longer_than_the_total_timeout_leaves_gives_up_at_once_as_total_timeout()
    {
        // The first backoff (20 s, no jitter) would end after the call's 10 s: it is not waited for.
        await using var harness = await LoopbackHarness.StartAsync(options =>
        {
            options.TotalTimeout = TimeSpan.FromSeconds(10);
            options.AttemptTimeout = TimeSpan.FromSeconds(5);
            options.Retry = new FeishuRetryOptions { BaseDelay = TimeSpan.FromSeconds(20), MaxDelay = TimeSpan.FromSeconds(20), UseJitter = false };
        });
        harness.Server.Map("GET", ThingPath, _ => FakeAnswer.Error(503, 1254290, "server busy"));

        var thrown = await Assert.ThrowsAnyAsync<FeishuException>(
            () => harness.SendAsync<GetThingRequest, RawDataResponse>(GetThingRequest.Endpoint, new GetThingRequest { ThingId = "t1" }));

        GiveUp.Assert<FeishuApiException>(thrown, FeishuGiveUpReason.TotalTimeoutElapsed, attempts: 1);
        Assert.True(((FeishuTransientException)thrown).Elapsed < TimeSpan.FromSeconds(5), ((FeishuTransientException)thrown).Elapsed.ToString());
        Assert.Single(harness.Server.ApiRequests);
    }

    [Fact]
    public async Task A_wait_longer_than_the_total_timeout_leaves_gives_up_at_once()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.Server.Map("GET", ThingPath,
            _ => FakeAnswer.Error(429, FeishuErrorCodes.RateLimited, "frequency limit").WithHeader("x-ogw-ratelimit-reset", "600"));

        var thrown = await Assert.ThrowsAnyAsync<FeishuException>(
            () => harness.SendAsync<GetThingRequest, RawDataResponse>(GetThingRequest.Endpoint, new GetThingRequest { ThingId = "t1" }));

        GiveUp.Assert<FeishuApiException>(thrown, FeishuGiveUpReason.WaitExceedsTotalTimeout, attempts: 1);
        var transient = (FeishuTransientException)thrown;
        Assert.Equal(TimeSpan.FromMinutes(10), transient.RetryAfter);
        Assert.True(transient.Elapsed < TimeSpan.FromSeconds(30), transient.Elapsed.ToString());
        Assert.Single(harness.Server.ApiRequests);
    }

    [Fact]
    public async Task Retries_off_one_attempt_then_transient()
    {
        await using var harness = await LoopbackHarness.StartAsync(o => o.Retry.MaxAttempts = 1);
        harness.Server.Map("GET", ThingPath, _ => FakeAnswer.Error(502, 55001, "bad gateway"));

        var thrown = await Assert.ThrowsAnyAsync<FeishuException>(
            () => harness.SendAsync<GetThingRequest, RawDataResponse>(GetThingRequest.Endpoint, new GetThingRequest { ThingId = "t1" }));

        GiveUp.Assert<FeishuApiException>(thrown, FeishuGiveUpReason.AttemptsExhausted, attempts: 1);
        Assert.Single(harness.Server.ApiRequests);
    }

    [Fact]
    public async Task Max_attempts_bounds_the_attempts()
    {
        await using var harness = await LoopbackHarness.StartAsync(o => o.Retry.MaxAttempts = 5);
        harness.Server.Map("GET", ThingPath, _ => FakeAnswer.Error(500, 55001, "internal error"));

        var thrown = await Assert.ThrowsAnyAsync<FeishuException>(
            () => harness.SendAsync<GetThingRequest, RawDataResponse>(GetThingRequest.Endpoint, new GetThingRequest { ThingId = "t1" }));

        GiveUp.Assert<FeishuApiException>(thrown, FeishuGiveUpReason.AttemptsExhausted, attempts: 5);
        Assert.Equal(5, harness.Server.ApiRequests.Count);
    }
}
