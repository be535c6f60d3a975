using System.Collections.Concurrent;
using System.Diagnostics;
using Feishu;
using FeishuApiGen.Runtime.Tests.HandWritten;
using FeishuApiGen.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace FeishuApiGen.Runtime.Tests.Generated;

/// <summary>
/// Logs (LoggerMessage, through the host's logging) and traces (ActivitySource "FeishuApiGen") of a run that meets every
/// kind of failure, and a scan of everything captured, every exception and every ToString for the secret and the tokens.
/// </summary>
public sealed class LoggingAndTracingTests
{
    private const string AppId = "cli_logging_tests";
    private const string AppSecret = "sec_L0gg1ngT3sts_Zx4";
    private const string WrongSecret = "sec_Wr0ngL0gg1ng_Qv7";
    private const string UserToken = "u-L0gg1ngUs3rT0k3n_55";

    [Fact]
    public async Task Every_kind_of_call_is_logged_and_traced_and_no_secret_or_token_shows_anywhere()
    {
        await using var server = await FakeFeishu.StartAsync(new FakeFeishuOptions { AppId = AppId, AppSecret = AppSecret });
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "FeishuApiGen",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Feishu:AppId"] = AppId,
            ["Feishu:AppSecret"] = AppSecret,
            ["Feishu:BaseAddress"] = server.BaseAddress.ToString(),
            ["Feishu:Retry:BaseDelay"] = "00:00:00.001",
            ["Feishu:Retry:MaxDelay"] = "00:00:00.005",
            ["Feishu:wrong:AppId"] = AppId,
            ["Feishu:wrong:AppSecret"] = WrongSecret,
            ["Feishu:wrong:BaseAddress"] = server.BaseAddress.ToString(),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging();
        builder.Services.AddFeishu<FeishuClient>();
        builder.Services.AddFeishu<FeishuClient>("wrong");
        using var host = builder.Build();
        await host.StartAsync();
        var feishu = host.Services.GetRequiredService<FeishuClient>();
        var wrong = host.Services.GetRequiredKeyedService<FeishuClient>("wrong");
        var failures = new List<Exception>();

        // Echoes the secret and the caller's token back, as a careless proxy might.
        string Echo(ReceivedRequest request) => $"<html>upstream said {AppSecret} {request.Header("Authorization")}</html>";
        server.MapScript(
            "POST",
            FaultyFeishu.CreatePath,
            FaultyFeishu.Created(),                                                     // success
            FakeAnswer.Error(500, 55001, "internal error"), FaultyFeishu.Created(), // retried
            FaultyFeishu.Created(),                                                     // after the token is revoked
            FakeAnswer.Error(400, 1161001, "employment not found"));              // a business error
        await feishu.Corehr.V2.ProbationAssessment.CreateAsync(FaultyFeishu.NewRequest());
        await feishu.Corehr.V2.ProbationAssessment.CreateAsync(FaultyFeishu.NewRequest());
        server.RevokeTokens();
        await feishu.Corehr.V2.ProbationAssessment.CreateAsync(FaultyFeishu.NewRequest());
        failures.Add(await Assert.ThrowsAsync<FeishuApiException>(() => feishu.Corehr.V2.ProbationAssessment.CreateAsync(FaultyFeishu.NewRequest())));

        server.Map("POST", FaultyFeishu.CreatePath, request => FakeAnswer.Text(502, Echo(request), "text/html"));
        failures.Add(await Assert.ThrowsAsync<FeishuTransientException>(() => feishu.Corehr.V2.ProbationAssessment.CreateAsync(FaultyFeishu.NewRequest())));

        failures.Add(await Assert.ThrowsAsync<FeishuApiException>(() => wrong.Corehr.V2.ProbationAssessment.CreateAsync(FaultyFeishu.NewRequest())));

        var asUser = new FeishuRequestOptions { UserAccessToken = UserToken };
        failures.Add(await Assert.ThrowsAsync<FeishuApiException>(
            () => feishu.Connection.SendAsync<GetMeRequest, RawDataResponse>(GetMeRequest.Endpoint, new GetMeRequest(), asUser, default)));
        failures.Add(await Assert.ThrowsAsync<ArgumentException>(() => feishu.Corehr.V2.ProbationAssessment.CreateAsync(FaultyFeishu.NewRequest(), asUser, CancellationToken.None)));

        await host.StopAsync();

        // What was logged: event ids of the LoggerMessage methods, from category FeishuApiGen.
        var records = host.Services.GetFakeLogCollector().GetSnapshot();
        var ours = records.Where(r => r.Category == "FeishuApiGen").ToList();
        int[] expectedEvents = [1001, 1002, 1003, 1004, 1005, 1101, 1103];
        Assert.All(expectedEvents, id => Assert.Contains(ours, r => r.Id.Id == id));
        Assert.Contains(ours, r => r.Id.Id == 1002 && r.Message.Contains("corehr.v2.probation.assessment.create attempt 1 failed (HTTP 500, code 55001", StringComparison.Ordinal));

        // What was traced: one activity per call with the endpoint, attempts, code, log id and status; a retry event.
        var traced = activities.Where(a => (string?)a.GetTagItem("feishu.app_id") == AppId).ToList();
        Assert.Contains(traced, a => (string?)a.GetTagItem("feishu.endpoint") == "corehr.v2.probation.assessment.create"
            && a.GetTagItem("feishu.attempt") is 2
            && a.GetTagItem("feishu.code") is 0
            && a.GetTagItem("feishu.log_id") is string { Length: > 0 }
            && a.GetTagItem("http.response.status_code") is 200
            && a.Events.Any(e => e.Name == "feishu.retry"));
        Assert.Contains(traced, a => a.Status == ActivityStatusCode.Error && (string?)a.GetTagItem("feishu.give_up_reason") == "AttemptsExhausted");

        // Nothing anywhere carries the secret, the wrong secret, an issued token or the user's token.
        var texts = new List<string>();
        foreach (var record in records)
        {
            texts.Add(record.Message);
            texts.Add(record.Exception?.ToString() ?? "");
            texts.AddRange(record.StructuredState?.Select(pair => record.Category + " " + record.Id + " " + pair.Key + "=" + pair.Value + " // " + record.Message) ?? []);
        }

        foreach (var activity in activities)
        {
            texts.Add(activity.DisplayName + " " + activity.StatusDescription);
            texts.AddRange(activity.TagObjects.Select(tag => tag.Key + "=" + tag.Value));
            texts.AddRange(activity.Events.SelectMany(e => e.Tags.Select(tag => e.Name + ":" + tag.Key + "=" + tag.Value)));
        }

        foreach (var failure in failures)
        {
            for (var current = failure; current is not null; current = current.InnerException)
            {
                texts.Add(current.ToString());
                texts.Add(current.Message);
            }
        }

        var options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<FeishuClientOptions>>().Get("");
        texts.AddRange([options.ToString(), feishu.Connection.ToString(), asUser.ToString(), feishu.ToString()!, options.Retry.ToString()]);

        string[] secrets = [AppSecret, WrongSecret, UserToken, .. server.IssuedTokens];
        Assert.True(server.IssuedTokens.Count >= 2);
        Assert.True(records.Count > 20, $"only {records.Count} log records were captured");
        foreach (var text in texts)
        {
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"a secret or token shows in: {text}");
            }
        }
    }
}
