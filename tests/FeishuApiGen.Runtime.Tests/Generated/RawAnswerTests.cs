using System.Net;

namespace FeishuApiGen.Runtime.Tests.Generated;

/// <summary>
/// A successful call's HTTP answer, from the response itself (<c>GetRawAnswer()</c>): status, headers, log id and Feishu's
/// rate-limit headers, with no second method per endpoint.
/// </summary>
public sealed class RawAnswerTests
{
    [Fact]
    public async Task A_successful_calls_response_gives_the_status_headers_log_id_and_rate_limit_headers_it_came_with()
    {
        await using var feishu = await FaultyFeishu.StartAsync();
        feishu.Server.Map("POST", FaultyFeishu.CreatePath, _ => FaultyFeishu.Created()
            .WithHeader("X-Tt-Logid", "20261202-raw-answer")
            .WithHeader("x-ogw-ratelimit-limit", "100")
            .WithHeader("x-ogw-ratelimit-reset", "37")
            .WithHeader("X-Request-Echo", "kept"));

        var created = await feishu.Feishu.Corehr.V2.ProbationAssessment.CreateAsync(FaultyFeishu.NewRequest());
        var answer = created.GetRawAnswer();

        Assert.Equal([FaultyFeishu.CreatedId], created.AssessmentIds);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("20261202-raw-answer", answer.LogId);
        Assert.Equal(100, answer.RateLimitLimit);
        Assert.Equal(TimeSpan.FromSeconds(37), answer.RateLimitReset);
        Assert.Equal(["kept"], answer.Headers!.GetValues("X-Request-Echo"));
        Assert.Equal("FeishuRawAnswer { Status = 200, LogId = 20261202-raw-answer }", answer.ToString());
    }

    [Fact]
    public async Task A_response_without_rate_limit_headers_or_built_by_hand_says_so_rather_than_invent_values()
    {
        await using var feishu = await FaultyFeishu.StartAsync();
        feishu.Server.Map("POST", FaultyFeishu.CreatePath, _ => FaultyFeishu.Created());

        var created = await feishu.Feishu.Corehr.V2.ProbationAssessment.CreateAsync(FaultyFeishu.NewRequest());
        var made = new Feishu.Corehr.V2.CreateProbationAssessmentResponse();

        // Without rate-limit headers, the answer says so rather than inventing a limit.
        Assert.Null(created.GetRawAnswer().RateLimitLimit);
        Assert.Null(created.GetRawAnswer().RateLimitReset);
        Assert.NotNull(created.GetRawAnswer().LogId);
        // A response built in a test (a model for a mock) came from no call: status 0, no headers.
        Assert.Equal((HttpStatusCode)0, made.GetRawAnswer().Status);
        Assert.Null(made.GetRawAnswer().Headers);
        Assert.Null(made.GetRawAnswer().RateLimitLimit);
    }
}
