using System.Collections.Concurrent;
using System.Diagnostics;
using FeishuApiGen.Runtime.Tests.Generated;
using FeishuApiGen.Runtime.Tests.HandWritten;
using FeishuApiGen.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace FeishuApiGen.Runtime.Tests.Adversarial;

/// <summary>
/// A proxy that echoes the request back puts the app secret and the tokens into what the server supplies: the log id
/// (<c>X-Tt-Logid</c>, <c>error.log_id</c>), <c>msg</c>, the body. None of it may reach a log, a trace tag or status, or
/// an exception; and a secret cut in two by the 200-character excerpt leaves no prefix behind.
/// </summary>
public sealed class ServerTextScrubbingTests
{
    private const string AppId = "cli_echoing_proxy";
    private const string AppSecret = "sec_Ech0ingPr0xy_Secret_77";
    private const string UserToken = "u-Ech0edUs3rT0ken_9090";

    [Fact]
    public async Task An_echoing_proxy_puts_no_secret_or_token_into_logs_traces_or_exceptions()
    {
        var serverOptions = new FakeFeishuOptions { AppId = AppId, AppSecret = AppSecret };
        serverOptions.UserAccessTokens.Add(UserToken);
        await using var server = await FakeFeishu.StartAsync(serverOptions);
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "FeishuApiGen",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        using var feishu = new Feishu.FeishuClient(new FeishuClientOptions
        {
            AppId = AppId,
            AppSecret = AppSecret,
            BaseAddress = server.BaseAddress,
            LoggerFactory = loggerFactory,
            Retry = { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
        });
        var failures = new List<Exception>();

        // 1. The token endpoint echoes its request (which carries the app secret) as its log id and its body: warning logs
        //    1102 and 1005, the activity's status and the exception all see it.
        server.Map(
            "POST", FakeFeishu.TokenPath,
            request => FakeAnswer.Text(502, "<html>" + request.Body + "</html>", "text/html", logId: request.Body));
        failures.Add(await Assert.ThrowsAnyAsync<FeishuException>(() => feishu.Corehr.V2.ProbationAssessment.CreateAsync(FaultyFeishu.NewRequest())));
        failures.Add(await Assert.ThrowsAnyAsync<FeishuException>(() => feishu.Corehr.V2.ProbationAssessment.CreateAsync(FaultyFeishu.NewRequest())));

        // 2. The API echoes the tenant token as its log id, in a success (debug log 1001, the feishu.log_id tag) and in an
        //    error whose error.log_id and msg echo it too.
        server.MapScript("POST", FakeFeishu.TokenPath, FakeAnswer.BuiltIn);
        server.Map(
            "POST", FaultyFeishu.CreatePath,
            request => FakeAnswer.Success("""{"assessment_ids":["1"]}""", logId: request.Header("Authorization")));
        await feishu.Corehr.V2.ProbationAssessment.CreateAsync(FaultyFeishu.NewRequest());
        server.Map(
            "POST", FaultyFeishu.CreatePath,
            request => FakeAnswer.Json(
                400,
                $$$"""{"code":1161001,"msg":"echo {{{request.Header("Authorization")}}}","error":{"log_id":"{{{request.Header("Authorization")}}}","troubleshooter":"{{{request.Header("Authorization")}}}"}}""")
                .WithoutLogIdHeader());
        failures.Add(await Assert.ThrowsAnyAsync<FeishuException>(() => feishu.Corehr.V2.ProbationAssessment.CreateAsync(FaultyFeishu.NewRequest())));

        // 3. The same with a caller's user_access_token.
        server.Map("GET", "/open-apis/loopback/v1/me", request => FakeAnswer.Error(500, 55001, "echo " + request.Header("Authorization"), logId: request.Header("Authorization")));
        var asUser = new FeishuRequestOptions { UserAccessToken = UserToken };
        failures.Add(await Assert.ThrowsAnyAsync<FeishuException>(
            () => feishu.Connection.SendAsync<GetMeRequest, RawDataResponse>(GetMeRequest.Endpoint, new GetMeRequest(), asUser, default)));

        var texts = new List<string>();
        var records = logs.GetSnapshot();
        foreach (var record in records)
        {
            texts.Add(record.Message);
            texts.AddRange(record.StructuredState?.Select(pair => $"log {record.Id.Id} {pair.Key}={pair.Value}") ?? []);
        }

        foreach (var activity in activities.Where(a => (string?)a.GetTagItem("feishu.app_id") == AppId))
        {
            texts.Add("status: " + activity.StatusDescription);
            texts.AddRange(activity.TagObjects.Select(tag => $"tag {tag.Key}={tag.Value}"));
            texts.AddRange(activity.Events.SelectMany(e => e.Tags.Select(tag => $"event {e.Name}:{tag.Key}={tag.Value}")));
        }

        foreach (var failure in failures)
        {
            for (var current = failure; current is not null; current = current.InnerException)
            {
                texts.Add(current.ToString());
                if (current is FeishuApiException api)
                {
                    texts.AddRange([api.Msg, api.Troubleshooter ?? "", api.LogId ?? ""]);
                }

                if (current is FeishuProtocolException protocol)
                {
                    texts.AddRange([protocol.BodyExcerpt ?? "", protocol.LogId ?? ""]);
                }
            }
        }

        // The echoes happened and were seen: the warnings and the debug line carry a (scrubbed) log id.
        Assert.Contains(records, r => r.Id.Id == 1102 && r.Message.Contains("log id", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Id.Id == 1001);
        Assert.Contains(texts, text => text.StartsWith("tag feishu.log_id=Bearer ***", StringComparison.Ordinal));
        string[] secrets = [AppSecret, UserToken, .. server.IssuedTokens];
        Assert.NotEmpty(server.IssuedTokens);
        foreach (var text in texts)
        {
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"a secret or token shows in: {text}");
            }
        }
    }

    [Theory]
    [InlineData(150)]
    [InlineData(190)]
    [InlineData(199)]
    [InlineData(780)]
    public async Task A_secret_straddling_the_excerpt_cut_leaves_no_prefix(int padding)
    {
        await using var feishu = await FaultyFeishu.StartAsync(configure: o => o.Retry.MaxAttempts = 1);
        feishu.Server.Map("POST", FaultyFeishu.CreatePath, _ => FakeAnswer.Text(404, new string('x', padding) + FaultyFeishu.AppSecret + new string('y', 300), "text/html"));

        var thrown = await Assert.ThrowsAsync<FeishuProtocolException>(() => feishu.CreateAsync());

        Assert.NotNull(thrown.BodyExcerpt);
        Assert.True(thrown.BodyExcerpt.Length <= 200);
        Assert.DoesNotContain(FaultyFeishu.AppSecret[..8], thrown.BodyExcerpt, StringComparison.Ordinal);
        Assert.DoesNotContain(FaultyFeishu.AppSecret[..8], thrown.Message, StringComparison.Ordinal);
    }
}
