using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Feishu.Corehr.V2;
using FeishuApiGen.Diagnostics;
using FeishuApiGen.Protocol;
using FeishuApiGen.Resilience;
using Polly.Timeout;

namespace FeishuApiGen.Runtime.Tests.Units;

/// <summary>The runtime's pure helpers on their own, without a connection or a server.</summary>
public sealed class PureHelperTests
{
    private const string EndpointId = "corehr.v2.probation.assessment.create";

    [Theory]
    [InlineData(99991663, HttpStatusCode.OK, nameof(FailureKind.TenantTokenRejected))]
    [InlineData(99991400, HttpStatusCode.OK, nameof(FailureKind.RateLimited))]
    [InlineData(1, HttpStatusCode.TooManyRequests, nameof(FailureKind.RateLimited))]
    [InlineData(1, HttpStatusCode.BadGateway, nameof(FailureKind.Transient))]
    [InlineData(1, HttpStatusCode.RequestTimeout, nameof(FailureKind.Transient))]
    [InlineData(1161001, HttpStatusCode.BadRequest, nameof(FailureKind.Final))]
    public void Classify_maps_an_api_error_by_its_code_and_status(int code, HttpStatusCode status, string expected)
    {
        var error = new FeishuApiException(EndpointId, code, "msg", status, logId: null, troubleshooter: null, requiredScopes: null);

        Assert.Equal(expected, RetryPolicy.Classify(error, Plan()).ToString());
    }

    [Fact]
    public void Classify_never_refreshes_the_tenant_token_for_a_user_token_or_the_token_endpoint_itself()
    {
        var rejected = new FeishuApiException(EndpointId, 99991663, "msg", HttpStatusCode.OK, null, null, null);
        var tokenEndpoint = new FeishuApiException("auth.v3.tenant_access_token.internal", 99991663, "msg", HttpStatusCode.OK, null, null, null);

        Assert.Equal(FailureKind.Final, RetryPolicy.Classify(rejected, Plan(userAccessToken: "u-user-token")));
        Assert.Equal(FailureKind.Final, RetryPolicy.Classify(tokenEndpoint, Plan()));
    }

    [Fact]
    public void Classify_treats_transport_failures_by_whether_another_try_could_differ()
    {
        var plan = Plan();

        Assert.Equal(FailureKind.Transient, RetryPolicy.Classify(new HttpRequestException(HttpRequestError.ConnectionError), plan));
        Assert.Equal(FailureKind.Final, RetryPolicy.Classify(new HttpRequestException(HttpRequestError.SecureConnectionError), plan));
        Assert.Equal(FailureKind.Transient, RetryPolicy.Classify(new IOException("dropped"), plan));
        Assert.Equal(FailureKind.Transient, RetryPolicy.Classify(new TimeoutRejectedException("late"), plan));
        Assert.Equal(FailureKind.RateLimited, RetryPolicy.Classify(new FeishuProtocolException(EndpointId, "html", HttpStatusCode.TooManyRequests, null, null), plan));
        Assert.Equal(FailureKind.Final, RetryPolicy.Classify(new FeishuProtocolException(EndpointId, "html", HttpStatusCode.NotFound, null, null), plan));
        Assert.Equal(FailureKind.Final, RetryPolicy.Classify(new InvalidOperationException(), plan));
    }

    [Fact]
    public void Backoff_doubles_from_the_base_delay_and_stops_at_the_cap_without_jitter()
    {
        var policy = new RetryPolicy(
            new FeishuRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(500), MaxDelay = TimeSpan.FromSeconds(3), UseJitter = false },
            new CallTimeouts(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(100), TimeProvider.System));

        Assert.Equal(
            [500, 1000, 2000, 3000, 3000],
            Enumerable.Range(0, 5).Select(resends => policy.Backoff(resends).TotalMilliseconds));
    }

    [Fact]
    public void Backoff_with_jitter_stays_between_half_and_one_and_a_half_times_the_step()
    {
        var policy = new RetryPolicy(
            new FeishuRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(400), MaxDelay = TimeSpan.FromSeconds(30) },
            new CallTimeouts(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(100), TimeProvider.System));

        Assert.All(Enumerable.Range(0, 200).Select(_ => policy.Backoff(1).TotalMilliseconds), wait => Assert.InRange(wait, 400, 1200));
    }

    [Fact]
    public void ServerText_folds_whitespace_and_controls_and_cuts_with_an_ellipsis()
    {
        var scrubber = new SecretScrubber("app-secret-value");

        Assert.Equal("a b c", ServerText.Clean("  a\r\n\tb\u2028\u0000c  ", scrubber, 100));
        Assert.Equal("abcd…", ServerText.Clean("abcdefghij", scrubber, 5));
    }

    [Fact]
    public void ServerText_scrubs_a_secret_before_cutting_so_no_prefix_of_it_survives()
    {
        var scrubber = new SecretScrubber("app-secret-value");

        Assert.Equal("x **…", ServerText.Clean("x app-secret-value and more text after it", scrubber, 5));
        Assert.DoesNotContain("app-sec", ServerText.Excerpt(Encoding.UTF8.GetBytes(new string('y', 195) + " app-secret-value"), scrubber, withhold: false), StringComparison.Ordinal);
        Assert.Null(ServerText.Excerpt("{\"tenant_access_token\":\"t-1\"}"u8, scrubber, withhold: true));
    }

    [Fact]
    public void The_envelope_reads_data_in_the_same_pass_when_code_0_comes_first()
    {
        var scrubber = new SecretScrubber("app-secret-value");
        var body = """{"code":0,"msg":"ok","data":{"assessment_ids":["1","2"]}}"""u8;

        var envelope = FeishuEnvelope.ParseWithData<CreateProbationAssessmentResponse>(EndpointId, body, HttpStatusCode.OK, null, scrubber, out var data);

        Assert.Equal(0, envelope.Code);
        Assert.Equal(["1", "2"], data!.AssessmentIds);
    }

    [Fact]
    public void The_envelope_leaves_data_for_the_second_pass_when_it_comes_before_code_or_has_the_wrong_shape()
    {
        var scrubber = new SecretScrubber("app-secret-value");

        var first = FeishuEnvelope.ParseWithData<CreateProbationAssessmentResponse>(
            EndpointId, """{"data":{"assessment_ids":["1"]},"code":0}"""u8, HttpStatusCode.OK, null, scrubber, out var notRead);
        var wrong = FeishuEnvelope.ParseWithData<CreateProbationAssessmentResponse>(
            EndpointId, """{"code":0,"data":{"assessment_ids":"1"}}"""u8, HttpStatusCode.OK, null, scrubber, out var fellBack);

        Assert.Null(notRead);
        Assert.True(first.HasData);
        Assert.Null(fellBack);
        Assert.True(wrong.HasData);
    }

    [Fact]
    public void The_envelope_refuses_a_member_given_twice_even_after_reading_data()
    {
        var scrubber = new SecretScrubber("app-secret-value");

        var thrown = Assert.Throws<FeishuProtocolException>(() => FeishuEnvelope.ParseWithData<CreateProbationAssessmentResponse>(
            EndpointId, """{"code":0,"data":{"assessment_ids":[]},"data":{}}"""u8, HttpStatusCode.OK, null, scrubber, out _));

        Assert.Contains("'data' twice", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rate_limit_wait_comes_from_Feishus_header_else_Retry_After()
    {
        using var feishu = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        feishu.Headers.TryAddWithoutValidation("x-ogw-ratelimit-reset", "7");
        feishu.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(99));
        using var standard = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        standard.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3));
        using var none = new HttpResponseMessage(HttpStatusCode.TooManyRequests);

        Assert.Equal(TimeSpan.FromSeconds(7), AnswerHeaders.RateLimitReset(feishu, TimeProvider.System));
        Assert.Equal(TimeSpan.FromSeconds(3), AnswerHeaders.RateLimitReset(standard, TimeProvider.System));
        Assert.Null(AnswerHeaders.RateLimitReset(none, TimeProvider.System));
    }

    private static CallPlan Plan(string? userAccessToken = null) => new(
        CreateProbationAssessmentRequest.FeishuEndpoint,
        new Uri("https://open.feishu.cn/open-apis/corehr/v2/probation/assessments"),
        body: null,
        userAccessToken,
        new SecretScrubber("app-secret-value"),
        startTimestamp: 0,
        deadline: long.MaxValue,
        rateLimiter: null);
}
