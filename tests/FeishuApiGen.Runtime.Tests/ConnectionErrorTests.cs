using System.Net;
using System.Text.Json;
using FeishuApiGen.Runtime.Tests.HandWritten;
using FeishuApiGen.Runtime.Tests.Support;
using FeishuApiGen.Testing;

namespace FeishuApiGen.Runtime.Tests;

/// <summary>Non-zero codes and answers that are not Feishu envelopes.</summary>
public sealed class ConnectionErrorTests
{
    private const string SeedPath = "/open-apis/corehr/v2/probation/assessments";

    [Fact]
    public async Task Non_zero_code_throws_api_exception_with_code_msg_status_and_log_id()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.Server.Map("POST", SeedPath, _ => FakeAnswer.Error(400, 1161001, "employment not found", logId: "20240206101112ABCDEF"));

        var ex = await Assert.ThrowsAsync<FeishuApiException>(() => harness.CreateAsync());

        Assert.Equal(1161001, ex.Code);
        Assert.Equal("employment not found", ex.Msg);
        Assert.Equal(HttpStatusCode.BadRequest, ex.HttpStatus);
        Assert.Equal("20240206101112ABCDEF", ex.LogId);
        Assert.Equal("corehr.v2.probation.assessment.create", ex.EndpointId);
        Assert.Empty(ex.RequiredScopes);
        Assert.False(ex.IsPermissionError);
        Assert.Contains("1161001", ex.Message);
        Assert.Contains("employment not found", ex.Message);
        Assert.Contains("20240206101112ABCDEF", ex.Message);
        SecretScan.AssertClean(ex, harness.Server);
    }

    [Fact]
    public async Task Non_zero_code_with_http_200_still_throws()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.Server.Map("POST", SeedPath, _ => FakeAnswer.Error(200, 1161002, "already exists"));

        var ex = await Assert.ThrowsAsync<FeishuApiException>(() => harness.CreateAsync());

        Assert.Equal(1161002, ex.Code);
        Assert.Equal(HttpStatusCode.OK, ex.HttpStatus);
        Assert.Equal(harness.Server.ApiRequests.Single().LogId, ex.LogId);
        SecretScan.AssertClean(ex, harness.Server);
    }

    [Theory]
    [InlineData(99991672)]
    [InlineData(99991676)]
    [InlineData(99991679)]
    public async Task Permission_code_names_the_endpoints_scopes(int code)
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.Server.Map("POST", SeedPath, _ => FakeAnswer.Error(400, code, "Access denied. One of the following scopes is required: [corehr:probation.assessment:write]."));

        var ex = await Assert.ThrowsAsync<FeishuApiException>(() => harness.CreateAsync());

        Assert.Equal(code, ex.Code);
        Assert.True(ex.IsPermissionError);
        Assert.Equal(["corehr:probation.assessment:write"], ex.RequiredScopes);
        Assert.Contains("grant one of: corehr:probation.assessment:write", ex.Message);
        SecretScan.AssertClean(ex, harness.Server);
    }

    [Fact]
    public async Task Log_id_falls_back_to_error_log_id_and_troubleshooter_is_kept()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.Server.Map("POST", SeedPath, _ => FakeAnswer.Json(400, """
            {"code":1161003,"msg":"bad","error":{"log_id":"body-log-id","troubleshooter":"https://open.feishu.cn/search?log_id=body-log-id","permission_violations":[{"subject":"x"}]}}
            """).WithoutLogIdHeader());

        var ex = await Assert.ThrowsAsync<FeishuApiException>(() => harness.CreateAsync());

        Assert.Equal("body-log-id", ex.LogId);
        Assert.Equal("https://open.feishu.cn/search?log_id=body-log-id", ex.Troubleshooter);
        Assert.Contains("Troubleshooter: https://open.feishu.cn/search?log_id=body-log-id", ex.Message);
        SecretScan.AssertClean(ex, harness.Server);
    }

    [Fact]
    public async Task Log_id_header_wins_over_error_log_id()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.Server.Map("POST", SeedPath,
            _ => FakeAnswer.Json(400, """{"code":1,"msg":"bad","error":{"log_id":"body-log-id"}}""", logId: "header-log-id"));

        var ex = await Assert.ThrowsAsync<FeishuApiException>(() => harness.CreateAsync());

        Assert.Equal("header-log-id", ex.LogId);
    }

    [Fact]
    public async Task Rate_limited_with_retries_off_carries_retry_after()
    {
        await using var harness = await LoopbackHarness.StartAsync(o => o.Retry.MaxAttempts = 1);
        harness.Server.Map("POST", SeedPath,
            _ => FakeAnswer.Error(429, 99991400, "request trigger frequency limit").WithHeader("x-ogw-ratelimit-reset", "7"));

        var thrown = await Assert.ThrowsAnyAsync<FeishuException>(() => harness.CreateAsync());

        var ex = GiveUp.Assert<FeishuApiException>(thrown, FeishuGiveUpReason.AttemptsExhausted, attempts: 1);
        Assert.Equal(FeishuErrorCodes.RateLimited, ex.Code);
        Assert.Equal(HttpStatusCode.TooManyRequests, ex.HttpStatus);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        var transient = (FeishuTransientException)thrown;
        Assert.Equal(FeishuErrorCodes.RateLimited, transient.Code);
        Assert.Equal(TimeSpan.FromSeconds(7), transient.RetryAfter);
        Assert.Equal(ex.LogId, transient.LogId);
    }

    public static TheoryData<int, string, string, string, bool> NotEnvelopes => new()
    {
        { 502, "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>nginx</body>\n</html>", "text/html", "not valid JSON", true },
        { 200, "", "application/json", "empty", true },
        { 500, "   \r\n ", "application/json", "empty", true },
        { 200, """{"code":0,"msg":"success","data":{"assessment_ids":["1"]""", "application/json", "not valid JSON", true },
        { 200, """{"code":0,"msg":"success"} trailing""", "application/json", "not valid JSON", true },
        { 200, """{"msg":"success","data":{}}""", "application/json", "no integer 'code'", false },
        { 200, """{"code":"0","msg":"success"}""", "application/json", "no integer 'code'", false },
        { 200, """[{"code":0}]""", "application/json", "not a JSON object", false },
        { 200, "null", "application/json", "not a JSON object", false },
        { 404, "404 page not found", "text/plain", "not valid JSON", true },
    };

    [Theory]
    [MemberData(nameof(NotEnvelopes))]
    public async Task Body_that_is_not_an_envelope_throws_protocol_exception(int status, string body, string contentType, string reason, bool hasJsonCause)
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.Server.Map("POST", SeedPath, _ => FakeAnswer.Text(status, body, contentType, logId: "proto-log-id"));

        var thrown = await Assert.ThrowsAnyAsync<FeishuException>(() => harness.CreateAsync());

        // A 5xx may pass: the (idempotent) call is retried and the runtime gives up after the last attempt.
        var ex = status >= 500
            ? GiveUp.Assert<FeishuProtocolException>(thrown, FeishuGiveUpReason.AttemptsExhausted, attempts: 3)
            : Assert.IsType<FeishuProtocolException>(thrown);
        Assert.Equal(status >= 500 ? 3 : 1, harness.Server.ApiRequests.Count);
        Assert.Equal((HttpStatusCode)status, ex.HttpStatus);
        Assert.Equal("proto-log-id", ex.LogId);
        Assert.Equal("corehr.v2.probation.assessment.create", ex.EndpointId);
        Assert.Contains(reason, ex.Message);
        Assert.Contains("proto-log-id", ex.Message);
        Assert.NotNull(ex.BodyExcerpt);
        Assert.True(ex.BodyExcerpt.Length <= 200);
        Assert.DoesNotContain('\n', ex.Message);
        if (hasJsonCause)
        {
            Assert.IsAssignableFrom<JsonException>(ex.InnerException);
        }

        SecretScan.AssertClean(thrown, harness.Server);
    }

    [Fact]
    public async Task Long_html_page_is_excerpted_to_200_characters()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        var page = "<!DOCTYPE html><html><body>" + string.Concat(Enumerable.Repeat("<p>Service unavailable, try later.</p>", 200)) + "</body></html>";
        harness.Server.Map("POST", SeedPath, _ => FakeAnswer.Text(503, page, "text/html"));

        var thrown = await Assert.ThrowsAnyAsync<FeishuException>(() => harness.CreateAsync());
        var ex = GiveUp.Assert<FeishuProtocolException>(thrown, FeishuGiveUpReason.AttemptsExhausted, attempts: 3);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.HttpStatus);
        Assert.Equal(200, ex.BodyExcerpt!.Length);
        Assert.StartsWith("<!DOCTYPE html><html><body><p>Service unavailable", ex.BodyExcerpt);
        Assert.EndsWith("…", ex.BodyExcerpt);
        Assert.Equal(harness.Server.ApiRequests[^1].LogId, ex.LogId);
    }

    [Theory]
    [InlineData("""{"code":0,"msg":"success","data":{"assessment_ids":5}}""")]
    [InlineData("""{"code":0,"msg":"success","data":{"assessment_ids":[5]}}""")]
    [InlineData("""{"code":0,"msg":"success","data":"text"}""")]
    [InlineData("""{"code":0,"msg":"success","data":[1]}""")]
    public async Task Data_of_the_wrong_shape_throws_protocol_exception(string body)
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.Server.Map("POST", SeedPath, _ => FakeAnswer.Json(200, body, logId: "shape-log-id"));

        var ex = await Assert.ThrowsAsync<FeishuProtocolException>(() => harness.CreateAsync());

        Assert.Equal(HttpStatusCode.OK, ex.HttpStatus);
        Assert.Equal("shape-log-id", ex.LogId);
        Assert.Contains("'data'", ex.Message);
        SecretScan.AssertClean(ex, harness.Server);
    }

    [Fact]
    public async Task Server_echoing_the_secret_is_scrubbed_from_messages()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.Server.Map("POST", SeedPath, request => FakeAnswer.Json(
            500,
            "<html>proxy error; upstream said: " + LoopbackHarness.AppSecret + " " + request.Header("Authorization") + "</html>"));

        var thrown = await Assert.ThrowsAnyAsync<FeishuException>(() => harness.CreateAsync());

        var ex = GiveUp.Assert<FeishuProtocolException>(thrown, FeishuGiveUpReason.AttemptsExhausted, attempts: 3);
        Assert.Contains("***", ex.BodyExcerpt);
        SecretScan.AssertClean(thrown, harness.Server);
    }

    [Fact]
    public async Task Server_echoing_the_token_in_msg_is_scrubbed_from_messages()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.Server.Map("POST", SeedPath, request => FakeAnswer.Error(400, 1, "token " + request.Header("Authorization") + " is odd"));

        var ex = await Assert.ThrowsAsync<FeishuApiException>(() => harness.CreateAsync());

        Assert.Equal("token Bearer *** is odd", ex.Msg);
        SecretScan.AssertClean(ex, harness.Server);
    }
}
