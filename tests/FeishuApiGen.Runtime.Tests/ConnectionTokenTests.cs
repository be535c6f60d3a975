using System.Net;
using System.Text.Json.Nodes;
using FeishuApiGen.Runtime.Tests.HandWritten;
using FeishuApiGen.Runtime.Tests.Support;
using FeishuApiGen.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FeishuApiGen.Runtime.Tests;

/// <summary>tenant_access_token: fetch, cache, single flight, refresh ahead of expiry (on a fake clock), retry, bad credentials.</summary>
public sealed class ConnectionTokenTests
{
    [Fact]
    public async Task Token_is_fetched_once_and_reused_across_calls()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.MapSeedSuccess();

        for (var i = 0; i < 3; i++)
        {
            await harness.CreateAsync();
        }

        Assert.Equal(1, harness.Server.TokenRequests);
        var token = Assert.Single(harness.Server.IssuedTokens);
        Assert.All(harness.Server.ApiRequests, r => Assert.Equal("Bearer " + token, r.Header("Authorization")));
        Assert.Equal(3, harness.Server.ApiRequests.Count);
    }

    [Fact]
    public async Task Fifty_concurrent_first_calls_fetch_exactly_one_token()
    {
        await using var harness = await LoopbackHarness.StartAsync(
            configureServer: o => o.TokenResponseDelay = TimeSpan.FromMilliseconds(200));
        harness.MapSeedSuccess();

        var calls = Enumerable.Range(0, 50).Select(_ => Task.Run(() => harness.CreateAsync())).ToArray();
        var results = await Task.WhenAll(calls);

        Assert.Equal(1, harness.Server.TokenRequests);
        Assert.Equal(50, harness.Server.ApiRequests.Count);
        Assert.All(results, r => Assert.Equal(["7140964208476371991"], r.AssessmentIds));
    }

    [Fact]
    public async Task Token_is_refreshed_when_clock_passes_expiry_minus_margin()
    {
        var clock = new FakeTimeProvider();
        await using var harness = await LoopbackHarness.StartAsync(configureClient: o => o.TimeProvider = clock);
        harness.MapSeedSuccess();

        await harness.CreateAsync();
        Assert.Equal(1, harness.Server.TokenRequests);

        // Expire is 7200 s and the margin 3 minutes: the token is good until 1 h 57 min.
        clock.Advance(TimeSpan.FromMinutes(117) - TimeSpan.FromSeconds(1));
        await harness.CreateAsync();
        Assert.Equal(1, harness.Server.TokenRequests);

        clock.Advance(TimeSpan.FromSeconds(1));
        await harness.CreateAsync();
        Assert.Equal(2, harness.Server.TokenRequests);

        var tokens = harness.Server.IssuedTokens;
        Assert.Equal("Bearer " + tokens[1], harness.Server.ApiRequests[^1].Header("Authorization"));
        Assert.NotEqual(tokens[0], tokens[1]);
    }

    [Fact]
    public async Task Custom_refresh_margin_is_honoured()
    {
        var clock = new FakeTimeProvider();
        await using var harness = await LoopbackHarness.StartAsync(configureClient: o =>
        {
            o.TimeProvider = clock;
            o.TokenRefreshMargin = TimeSpan.FromMinutes(30);
        });
        harness.MapSeedSuccess();

        await harness.CreateAsync();
        clock.Advance(TimeSpan.FromMinutes(89));
        await harness.CreateAsync();
        Assert.Equal(1, harness.Server.TokenRequests);

        clock.Advance(TimeSpan.FromMinutes(1));
        await harness.CreateAsync();
        Assert.Equal(2, harness.Server.TokenRequests);
    }

    [Fact]
    public async Task Token_request_posts_app_credentials_as_json()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.MapSeedSuccess();

        await harness.CreateAsync();

        var tokenRequest = Assert.Single(harness.Server.Requests, r => r.IsTokenRequest);
        Assert.Equal("POST", tokenRequest.Method);
        Assert.Equal("application/json; charset=utf-8", tokenRequest.Header("Content-Type"));
        Assert.Null(tokenRequest.Header("Authorization"));
        var expected = new JsonObject { ["app_id"] = LoopbackHarness.AppId, ["app_secret"] = LoopbackHarness.AppSecret };
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(tokenRequest.Body)), tokenRequest.Body);
    }

    [Fact]
    public async Task Token_revoked_on_server_is_refreshed_and_the_call_retried_once()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.MapSeedSuccess();
        await harness.CreateAsync();

        harness.Server.RevokeTokens();
        var request = SeedExamples.CreateRequest();
        request.ClientToken = "6822122262122064111";
        var response = await harness.CreateAsync(request);

        Assert.Equal(["7140964208476371991"], response.AssessmentIds);
        Assert.Equal(2, harness.Server.TokenRequests);
        var api = harness.Server.ApiRequests;
        Assert.Equal(3, api.Count);
        // The retry repeats the call exactly, idempotency key included, with the new token.
        Assert.Equal(api[1].Path + api[1].QueryString, api[2].Path + api[2].QueryString);
        Assert.Equal("?client_token=6822122262122064111", api[2].QueryString);
        Assert.Equal(api[1].Body, api[2].Body);
        Assert.Equal("Bearer " + harness.Server.IssuedTokens[1], api[2].Header("Authorization"));
    }

    [Fact]
    public async Task Generated_idempotency_key_is_kept_across_the_retry_and_fresh_per_call()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.Server.Map("POST", CreateThingRequest.Endpoint.PathTemplate, _ => FakeAnswer.Success());
        await harness.Connection.SendAsync<CreateThingRequest, RawDataResponse>(CreateThingRequest.Endpoint, new CreateThingRequest(), default);

        harness.Server.RevokeTokens();
        await harness.Connection.SendAsync<CreateThingRequest, RawDataResponse>(CreateThingRequest.Endpoint, new CreateThingRequest(), default);

        var api = harness.Server.ApiRequests;
        Assert.Equal(3, api.Count);
        Assert.Equal(api[1].QueryString, api[2].QueryString);
        Assert.NotEqual(api[0].QueryString, api[1].QueryString);
        Assert.Matches("^\\?client_token=[0-9a-f]{32}$", api[2].QueryString);
    }

    [Fact]
    public async Task Token_rejected_twice_throws_after_one_retry()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.Server.Map("POST", CreateProbationAssessmentRequest.Endpoint.PathTemplate,
            _ => FakeAnswer.Error(400, 99991663, "Invalid access token for authorization. Please make a request with token attached."));

        var ex = await Assert.ThrowsAsync<FeishuApiException>(() => harness.CreateAsync());

        Assert.Equal(FeishuErrorCodes.AccessTokenInvalid, ex.Code);
        Assert.Equal(2, harness.Server.TokenRequests);
        Assert.Equal(2, harness.Server.ApiRequests.Count);
        SecretScan.AssertClean(ex, harness.Server);
    }

    [Fact]
    public async Task Wrong_credentials_throw_99991543_without_the_secret_and_send_no_api_call()
    {
        await using var harness = await LoopbackHarness.StartAsync(configureClient: o => o.AppSecret = LoopbackHarness.WrongSecret);
        harness.MapSeedSuccess();

        var ex = await Assert.ThrowsAsync<FeishuApiException>(() => harness.CreateAsync());

        Assert.Equal(99991543, ex.Code);
        Assert.Equal("auth.v3.tenant_access_token.internal", ex.EndpointId);
        Assert.Equal(HttpStatusCode.BadRequest, ex.HttpStatus);
        Assert.Equal(harness.Server.Requests.Single().LogId, ex.LogId);
        Assert.Contains("99991543", ex.Message);
        Assert.Empty(harness.Server.ApiRequests);
        SecretScan.AssertClean(ex, harness.Server);
    }

    [Theory]
    [InlineData(502, "<html><body>502 Bad Gateway</body></html>", "the body is not valid JSON")]
    [InlineData(200, "{\"code\":0,\"msg\":\"ok\"}", "tenant_access_token")]
    [InlineData(200, "{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-abcdefgh\",\"expire\":0}", "tenant_access_token")]
    public async Task Token_endpoint_answering_nonsense_throws_protocol_exception(int status, string body, string reason)
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.MapSeedSuccess();
        harness.Server.Map("POST", FakeFeishu.TokenPath, _ => FakeAnswer.Json(status, body, logId: "log-token-1"));

        var thrown = await Assert.ThrowsAnyAsync<FeishuException>(() => harness.CreateAsync());

        // A gateway's 5xx may pass, and nothing was sent to the API yet: retried for any method.
        var ex = status >= 500
            ? GiveUp.Assert<FeishuProtocolException>(thrown, FeishuGiveUpReason.AttemptsExhausted, attempts: 3)
            : Assert.IsType<FeishuProtocolException>(thrown);
        Assert.Equal(status >= 500 ? 3 : 1, harness.Server.TokenRequests);
        Assert.Equal("auth.v3.tenant_access_token.internal", ex.EndpointId);
        Assert.Equal((HttpStatusCode)status, ex.HttpStatus);
        Assert.Equal("log-token-1", ex.LogId);
        Assert.Contains(reason, ex.Message);
        Assert.Empty(harness.Server.ApiRequests);
        SecretScan.AssertClean(thrown, harness.Server);
        Assert.DoesNotContain("t-abcdefgh", thrown.ToString());
    }

    [Theory]
    [InlineData(FeishuErrorCodes.AccessTokenMissing)]
    [InlineData(FeishuErrorCodes.AccessTokenInvalid)]
    [InlineData(FeishuErrorCodes.AccessTokenMalformed)]
    public async Task Token_rejection_code_drops_the_token_fetches_one_and_retries_once(int code)
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.Server.MapScript(
            "POST",
            CreateProbationAssessmentRequest.Endpoint.PathTemplate,
            FakeAnswer.Error(400, code, "token rejected"),
            FakeAnswer.Json(200, SeedExamples.Response));

        var response = await harness.CreateAsync();

        Assert.Equal(["7140964208476371991"], response.AssessmentIds);
        Assert.Equal(2, harness.Server.TokenRequests);
        var api = harness.Server.ApiRequests;
        Assert.Equal(2, api.Count);
        Assert.Equal("Bearer " + harness.Server.IssuedTokens[0], api[0].Header("Authorization"));
        Assert.Equal("Bearer " + harness.Server.IssuedTokens[1], api[1].Header("Authorization"));
        Assert.Equal(api[0].QueryString, api[1].QueryString);
    }

    [Fact]
    public async Task Token_rejection_is_retried_once_even_with_retries_off_and_for_a_write_without_idempotency_key()
    {
        // Feishu refused before acting, so resending cannot act twice.
        await using var harness = await LoopbackHarness.StartAsync(o => o.Retry.MaxAttempts = 1);
        harness.Server.Map("POST", ArchiveThingRequest.PathTemplate, _ => FakeAnswer.Success());
        await harness.SendAsync<ArchiveThingRequest, RawDataResponse>(ArchiveThingRequest.Endpoint, new ArchiveThingRequest());

        harness.Server.RevokeTokens();
        await harness.SendAsync<ArchiveThingRequest, RawDataResponse>(ArchiveThingRequest.Endpoint, new ArchiveThingRequest());

        Assert.Equal(2, harness.Server.TokenRequests);
        Assert.Equal(3, harness.Server.ApiRequests.Count);
    }

    [Fact]
    public async Task Many_concurrent_callers_share_one_fetch_and_after_expiry_one_more()
    {
        var clock = new FakeTimeProvider();
        var release = new TaskCompletionSource();
        await using var harness = await LoopbackHarness.StartAsync(o => { o.TimeProvider = clock; o.RateLimiting.Enabled = false; });
        harness.MapSeedSuccess();
        harness.Server.Map("POST", FakeFeishu.TokenPath, async _ =>
        {
            await release.Task;
            return FakeAnswer.BuiltIn;
        });

        // Every call is waiting on the one fetch before the token endpoint answers.
        var first = Enumerable.Range(0, 100).Select(_ => harness.CreateAsync()).ToArray();
        release.SetResult();
        await Task.WhenAll(first);
        Assert.Equal(1, harness.Server.TokenRequests);
        Assert.Equal(1, harness.Connection.TokenFetchCount);

        clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromMinutes(3));
        await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => harness.CreateAsync()));

        Assert.Equal(2, harness.Server.TokenRequests);
        var tokens = harness.Server.IssuedTokens;
        Assert.Equal(100, harness.Server.ApiRequests.Count(r => r.Header("Authorization") == "Bearer " + tokens[0]));
        Assert.Equal(100, harness.Server.ApiRequests.Count(r => r.Header("Authorization") == "Bearer " + tokens[1]));
    }

    [Fact]
    public async Task Wrong_credentials_fail_fast_for_every_concurrent_caller_with_one_token_request_and_a_clear_message()
    {
        var release = new TaskCompletionSource();
        await using var harness = await LoopbackHarness.StartAsync(configureClient: o => o.AppSecret = LoopbackHarness.WrongSecret);
        harness.MapSeedSuccess();
        harness.Server.Map("POST", FakeFeishu.TokenPath, async _ =>
        {
            await release.Task;
            return FakeAnswer.BuiltIn;
        });

        var calls = Enumerable.Range(0, 20).Select(_ => harness.CreateAsync()).ToArray();
        release.SetResult();

        foreach (var call in calls)
        {
            var ex = await Assert.ThrowsAsync<FeishuApiException>(() => call);
            Assert.Equal(FeishuErrorCodes.AppCredentialsInvalid, ex.Code);
            Assert.Contains("check FeishuClientOptions.AppId and AppSecret", ex.Message, StringComparison.Ordinal);
            SecretScan.AssertClean(ex, harness.Server);
        }

        // Not retried: wrong credentials stay wrong.
        Assert.Equal(1, harness.Server.TokenRequests);
        Assert.Empty(harness.Server.ApiRequests);
    }

    [Fact]
    public async Task Token_endpoint_failing_transiently_is_retried_for_any_method_because_nothing_was_sent()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.Server.Map("POST", ArchiveThingRequest.PathTemplate, _ => FakeAnswer.Success());
        harness.Server.MapScript("POST", FakeFeishu.TokenPath, FakeAnswer.Text(503, "busy"), FakeAnswer.BuiltIn);

        await harness.SendAsync<ArchiveThingRequest, RawDataResponse>(ArchiveThingRequest.Endpoint, new ArchiveThingRequest());

        Assert.Equal(2, harness.Server.TokenRequests);
        Assert.Single(harness.Server.ApiRequests);
    }

    [Fact]
    public async Task A_caller_canceling_while_the_token_is_fetched_stops_at_once_while_others_get_the_token()
    {
        var release = new TaskCompletionSource();
        await using var harness = await LoopbackHarness.StartAsync();
        harness.MapSeedSuccess();
        harness.Server.Map("POST", FakeFeishu.TokenPath, async _ =>
        {
            await release.Task;
            return FakeAnswer.BuiltIn;
        });
        using var cancellation = new CancellationTokenSource();

        var canceled = harness.CreateAsync(cancellationToken: cancellation.Token);
        var patient = harness.CreateAsync();
        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => canceled.WaitAsync(TimeSpan.FromSeconds(10)));
        release.SetResult();
        await patient;

        Assert.Equal(1, harness.Server.TokenRequests);
        Assert.Single(harness.Server.ApiRequests);
    }
}
