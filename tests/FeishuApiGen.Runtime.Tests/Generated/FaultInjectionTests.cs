using System.Net;
using FeishuApiGen.Runtime.Tests.HandWritten;
using FeishuApiGen.Runtime.Tests.Support;
using FeishuApiGen.Testing;
using Polly.Timeout;

namespace FeishuApiGen.Runtime.Tests.Generated;

/// <summary>
/// The generated client against a loopback Feishu that misbehaves on script, one test per failure the runtime must
/// survive: what the caller gets, how many requests the server saw, and that every resend kept the call's client_token.
/// </summary>
public sealed class FaultInjectionTests
{
    private static FakeAnswer ServerError(int status) => FakeAnswer.Error(status, 55001, "internal server error");

    [Fact]
    public async Task Http_500_then_success_is_retried_once_with_the_same_client_token_and_succeeds()
    {
        await using var feishu = await FaultyFeishu.StartAsync();
        feishu.Server.MapScript("POST", FaultyFeishu.CreatePath, ServerError(500), FaultyFeishu.Created());

        var created = await feishu.CreateAsync();

        Assert.Equal([FaultyFeishu.CreatedId], created.AssessmentIds);
        feishu.AssertOneCallSent(count: 2);
        Assert.Equal(1, feishu.Server.TokenRequests);
    }

    [Fact]
    public async Task Http_503_three_times_gives_up_with_a_typed_exception_naming_the_attempts()
    {
        await using var feishu = await FaultyFeishu.StartAsync();
        feishu.Server.MapScript("POST", FaultyFeishu.CreatePath, ServerError(503), ServerError(503), ServerError(503), FaultyFeishu.Created());

        var thrown = await Assert.ThrowsAnyAsync<FeishuException>(() => feishu.CreateAsync());

        var last = GiveUp.Assert<FeishuApiException>(thrown, FeishuGiveUpReason.AttemptsExhausted, attempts: 3);
        var transient = (FeishuTransientException)thrown;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, transient.HttpStatus);
        Assert.Equal(55001, transient.Code);
        Assert.Equal(feishu.Server.ApiRequests[2].LogId, transient.LogId);
        Assert.Equal(transient.LogId, last.LogId);
        Assert.Equal("corehr.v2.probation.assessment.create", transient.EndpointId);
        Assert.Contains("3 attempts", transient.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 503", transient.Message, StringComparison.Ordinal);
        feishu.AssertOneCallSent(count: 3);
        feishu.AssertNoSecretIn(thrown);
    }

    [Fact]
    public async Task Http_429_with_x_ogw_ratelimit_reset_waits_exactly_as_told_then_succeeds()
    {
        var clock = new ObservedClock();
        await using var feishu = await FaultyFeishu.StartAsync(clock);
        feishu.Server.MapScript(
            "POST",
            FaultyFeishu.CreatePath,
            FakeAnswer.Error(429, FeishuErrorCodes.RateLimited, "request trigger frequency limit").WithHeader("x-ogw-ratelimit-reset", "7"),
            FaultyFeishu.Created());

        var retryArmed = clock.WhenArmedAsync(TimeSpan.FromSeconds(7));
        var call = feishu.CreateAsync();
        await retryArmed;

        clock.Advance(TimeSpan.FromSeconds(7) - TimeSpan.FromTicks(1));
        Assert.Single(feishu.Server.ApiRequests);
        clock.Advance(TimeSpan.FromTicks(1));
        var created = await call;

        Assert.Equal([FaultyFeishu.CreatedId], created.AssessmentIds);
        feishu.AssertOneCallSent(count: 2);
        var sent = feishu.Server.ApiRequests;
        Assert.Equal(TimeSpan.FromSeconds(7), sent[1].ReceivedAt - sent[0].ReceivedAt);
    }

    [Fact]
    public async Task Code_99991400_in_an_HTTP_200_body_waits_as_Retry_After_says_then_succeeds()
    {
        var clock = new ObservedClock();
        await using var feishu = await FaultyFeishu.StartAsync(clock);
        feishu.Server.MapScript(
            "POST",
            FaultyFeishu.CreatePath,
            FakeAnswer.Error(200, FeishuErrorCodes.RateLimited, "request trigger frequency limit").WithHeader("Retry-After", "3"),
            FaultyFeishu.Created());

        var retryArmed = clock.WhenArmedAsync(TimeSpan.FromSeconds(3));
        var call = feishu.CreateAsync();
        await retryArmed;
        clock.Advance(TimeSpan.FromSeconds(3));
        var created = await call;

        Assert.Equal([FaultyFeishu.CreatedId], created.AssessmentIds);
        feishu.AssertOneCallSent(count: 2);
        var sent = feishu.Server.ApiRequests;
        Assert.Equal(TimeSpan.FromSeconds(3), sent[1].ReceivedAt - sent[0].ReceivedAt);
    }

    [Fact]
    public async Task Token_invalidated_mid_stream_is_refreshed_once_for_all_callers_and_every_call_succeeds()
    {
        await using var feishu = await FaultyFeishu.StartAsync();
        feishu.Server.Map("POST", FaultyFeishu.CreatePath, _ => FaultyFeishu.Created());

        // The stream starts with a valid token...
        for (var i = 0; i < 5; i++)
        {
            await feishu.CreateAsync();
        }

        // ...then Feishu invalidates it while the client still holds it: 30 concurrent calls all meet 99991663. The
        // server holds the rejections until all 30 are in flight, so none can start after the refresh.
        var staleToken = "Bearer " + feishu.Server.IssuedTokens.Single();
        var inFlight = 0;
        var allInFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        feishu.Server.Map("POST", FaultyFeishu.CreatePath, async request =>
        {
            if (request.Header("Authorization") != staleToken)
            {
                return FaultyFeishu.Created();
            }

            if (Interlocked.Increment(ref inFlight) == 30)
            {
                allInFlight.SetResult();
            }

            await allInFlight.Task.WaitAsync(TimeSpan.FromSeconds(30));
            return FakeAnswer.Error(400, FeishuErrorCodes.AccessTokenInvalid, "Invalid access token for authorization.");
        });
        feishu.Server.ClearRequests();
        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => feishu.CreateAsync(FaultyFeishu.NewRequest("71409642084763" + i.ToString("D5")))));

        Assert.All(results, created => Assert.Equal([FaultyFeishu.CreatedId], created.AssessmentIds));
        Assert.Equal(1, feishu.Server.TokenRequests);
        Assert.Equal(2, feishu.Server.IssuedTokens.Count);
        var (oldToken, newToken) = ("Bearer " + feishu.Server.IssuedTokens[0], "Bearer " + feishu.Server.IssuedTokens[1]);
        foreach (var call in feishu.Server.ApiRequests.GroupBy(r => r.Body))
        {
            // Each call: rejected once with the old token, resent once with the new one, under the same client_token.
            var sent = call.ToList();
            Assert.Equal(2, sent.Count);
            Assert.Equal([oldToken, newToken], sent.Select(r => r.Header("Authorization")));
            Assert.Equal(sent[0].QueryString, sent[1].QueryString);
        }

        Assert.Equal(30, feishu.Server.ApiRequests.Select(r => r.QueryString).Distinct().Count());
    }

    [Fact]
    public async Task Malformed_JSON_in_a_complete_200_answer_is_a_protocol_error_and_is_not_resent()
    {
        await using var feishu = await FaultyFeishu.StartAsync();
        feishu.Server.MapScript(
            "POST", FaultyFeishu.CreatePath, FakeAnswer.Json(200, """{"code":0,"msg":"success","data":{"assessment_ids":["1"]"""), FaultyFeishu.Created());

        var ex = await Assert.ThrowsAsync<FeishuProtocolException>(() => feishu.CreateAsync());

        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ex.HttpStatus);
        Assert.Equal(feishu.Server.ApiRequests[0].LogId, ex.LogId);
        feishu.AssertOneCallSent(count: 1);
    }

    [Fact]
    public async Task An_HTML_error_page_from_a_gateway_is_retried_with_the_same_client_token_and_succeeds()
    {
        await using var feishu = await FaultyFeishu.StartAsync();
        const string Page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center></body>\r\n</html>";
        feishu.Server.MapScript("POST", FaultyFeishu.CreatePath, FakeAnswer.Text(502, Page, "text/html"), FaultyFeishu.Created());

        var created = await feishu.CreateAsync();

        Assert.Equal([FaultyFeishu.CreatedId], created.AssessmentIds);
        feishu.AssertOneCallSent(count: 2);
    }

    [Fact]
    public async Task An_HTML_error_page_that_persists_ends_as_transient_with_the_page_excerpted()
    {
        await using var feishu = await FaultyFeishu.StartAsync();
        feishu.Server.Map("POST", FaultyFeishu.CreatePath, _ => FakeAnswer.Text(504, "<html><body>504 Gateway Time-out</body></html>", "text/html"));

        var thrown = await Assert.ThrowsAnyAsync<FeishuException>(() => feishu.CreateAsync());

        var page = GiveUp.Assert<FeishuProtocolException>(thrown, FeishuGiveUpReason.AttemptsExhausted, attempts: 3);
        Assert.Equal("<html><body>504 Gateway Time-out</body></html>", page.BodyExcerpt);
        Assert.Contains("not a Feishu envelope", thrown.Message, StringComparison.Ordinal);
        feishu.AssertOneCallSent(count: 3);
    }

    [Theory]
    [InlineData(200, false)]
    [InlineData(503, true)]
    public async Task An_empty_body_is_a_protocol_error_unless_the_status_says_the_failure_may_pass(int status, bool retried)
    {
        await using var feishu = await FaultyFeishu.StartAsync();
        feishu.Server.MapScript("POST", FaultyFeishu.CreatePath, FakeAnswer.Empty(status), FaultyFeishu.Created());

        if (retried)
        {
            var created = await feishu.CreateAsync();
            Assert.Equal([FaultyFeishu.CreatedId], created.AssessmentIds);
            feishu.AssertOneCallSent(count: 2);
        }
        else
        {
            var ex = await Assert.ThrowsAsync<FeishuProtocolException>(() => feishu.CreateAsync());
            Assert.Contains("the body is empty", ex.Message, StringComparison.Ordinal);
            feishu.AssertOneCallSent(count: 1);
        }
    }

    [Fact]
    public async Task A_connection_dropped_mid_response_is_retried_with_the_same_client_token_and_succeeds()
    {
        await using var feishu = await FaultyFeishu.StartAsync();
        feishu.Server.MapScript("POST", FaultyFeishu.CreatePath, FaultyFeishu.Created().DroppedAfter(12), FaultyFeishu.Created());

        var created = await feishu.CreateAsync();

        Assert.Equal([FaultyFeishu.CreatedId], created.AssessmentIds);
        feishu.AssertOneCallSent(count: 2);
    }

    [Fact]
    public async Task A_connection_dropped_mid_response_is_not_resent_for_a_write_without_an_idempotency_key()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.Server.MapScript("POST", ArchiveThingRequest.PathTemplate, FakeAnswer.Success().DroppedAfter(5), FakeAnswer.Success());

        var thrown = await Assert.ThrowsAnyAsync<FeishuException>(
            () => harness.SendAsync<ArchiveThingRequest, RawDataResponse>(ArchiveThingRequest.Endpoint, new ArchiveThingRequest()));

        // Feishu may have archived it already: the runtime says so instead of archiving twice.
        var lost = GiveUp.Assert<Exception>(thrown, FeishuGiveUpReason.NotIdempotent, attempts: 1);
        Assert.True(lost is IOException or HttpRequestException, lost.GetType().Name);
        Assert.Contains("no idempotency key", thrown.Message, StringComparison.Ordinal);
        Assert.Single(harness.Server.ApiRequests);
    }

    [Fact]
    public async Task A_response_slower_than_the_attempt_timeout_is_abandoned_and_resent_with_the_same_client_token()
    {
        var clock = new ObservedClock();
        await using var feishu = await FaultyFeishu.StartAsync(clock, options =>
        {
            options.AttemptTimeout = TimeSpan.FromSeconds(2);
            options.Retry = new FeishuRetryOptions { BaseDelay = TimeSpan.FromSeconds(1), UseJitter = false };
        });
        feishu.Server.MapScript("POST", FaultyFeishu.CreatePath, FaultyFeishu.Created().WithDelay(Timeout.InfiniteTimeSpan), FaultyFeishu.Created());

        var call = feishu.CreateAsync();
        await feishu.WhenApiRequestsAsync(1);
        var backoffArmed = clock.WhenArmedAsync(TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(2));
        await backoffArmed;
        clock.Advance(TimeSpan.FromSeconds(1));
        var created = await call;

        Assert.Equal([FaultyFeishu.CreatedId], created.AssessmentIds);
        feishu.AssertOneCallSent(count: 2);
        var sent = feishu.Server.ApiRequests;
        Assert.Equal(TimeSpan.FromSeconds(3), sent[1].ReceivedAt - sent[0].ReceivedAt);
        // The abandoned attempt was really abandoned: the server saw the client go away.
        await WhenCanceledAsync(sent[0].RequestAborted);
    }

    [Fact]
    public async Task A_call_that_never_gets_an_answer_ends_at_the_total_timeout()
    {
        var clock = new ObservedClock();
        await using var feishu = await FaultyFeishu.StartAsync(clock, options =>
        {
            options.AttemptTimeout = TimeSpan.FromSeconds(2);
            options.TotalTimeout = TimeSpan.FromSeconds(4);
            options.Retry = new FeishuRetryOptions { BaseDelay = TimeSpan.FromSeconds(1), UseJitter = false };
        });
        feishu.Server.Map("POST", FaultyFeishu.CreatePath, _ => FaultyFeishu.Created().WithDelay(Timeout.InfiniteTimeSpan));

        var call = feishu.CreateAsync();
        await feishu.WhenApiRequestsAsync(1);
        var backoffArmed = clock.WhenArmedAsync(TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(2));
        await backoffArmed;
        clock.Advance(TimeSpan.FromSeconds(1));
        await feishu.WhenApiRequestsAsync(2);
        clock.Advance(TimeSpan.FromSeconds(1));

        var thrown = await Assert.ThrowsAnyAsync<FeishuException>(() => call);
        var last = GiveUp.Assert<TimeoutRejectedException>(thrown, FeishuGiveUpReason.TotalTimeoutElapsed, attempts: 2);
        // The second attempt started at 3 s with 1 s of the call left: its timeout was cut to that.
        Assert.Equal(TimeSpan.FromSeconds(1), last.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(4), ((FeishuTransientException)thrown).Elapsed);
        feishu.AssertOneCallSent(count: 2);
    }

    [Fact]
    public async Task Caller_cancellation_while_waiting_for_the_answer_ends_the_call_at_once()
    {
        await using var feishu = await FaultyFeishu.StartAsync();
        feishu.Server.Map("POST", FaultyFeishu.CreatePath, _ => FaultyFeishu.Created().WithDelay(Timeout.InfiniteTimeSpan));
        using var cancellation = new CancellationTokenSource();

        var call = feishu.CreateAsync(cancellationToken: cancellation.Token);
        await feishu.WhenApiRequestsAsync(1);
        cancellation.Cancel();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(cancellation.Token, ex.CancellationToken);
        Assert.Single(feishu.Server.ApiRequests);
        await WhenCanceledAsync(feishu.Server.ApiRequests[0].RequestAborted);
    }

    [Fact]
    public async Task Caller_cancellation_during_a_retry_wait_ends_the_call_and_nothing_more_is_sent()
    {
        var clock = new ObservedClock();
        await using var feishu = await FaultyFeishu.StartAsync(clock, options => options.Retry = new FeishuRetryOptions { BaseDelay = TimeSpan.FromSeconds(5), UseJitter = false });
        feishu.Server.MapScript("POST", FaultyFeishu.CreatePath, ServerError(500), FaultyFeishu.Created());
        using var cancellation = new CancellationTokenSource();

        var backoffArmed = clock.WhenArmedAsync(TimeSpan.FromSeconds(5));
        var call = feishu.CreateAsync(cancellationToken: cancellation.Token);
        await backoffArmed;
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Single(feishu.Server.ApiRequests);
    }

    [Fact]
    public async Task An_already_canceled_call_sends_nothing()
    {
        await using var feishu = await FaultyFeishu.StartAsync();
        feishu.Server.Map("POST", FaultyFeishu.CreatePath, _ => FaultyFeishu.Created());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => feishu.CreateAsync(cancellationToken: new CancellationToken(canceled: true)));

        Assert.Empty(feishu.Server.Requests);
    }

    private static Task WhenCanceledAsync(CancellationToken token)
    {
        var canceled = new TaskCompletionSource();
        token.Register(() => canceled.TrySetResult());
        return canceled.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
