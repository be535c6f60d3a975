using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FeishuApiGen.Testing;

namespace FeishuApiGen.Runtime.Tests;

/// <summary>The loopback stand-in itself behaves like Feishu where the runtime tests rely on it.</summary>
public sealed class FakeFeishuTests
{
    [Fact]
    public async Task Token_endpoint_issues_tokens_and_guards_other_routes()
    {
        await using var server = await FakeFeishu.StartAsync(
            new FakeFeishuOptions { AppId = "cli_test", AppSecret = "secret", TokenLifetime = TimeSpan.FromMinutes(30) });
        server.Map("GET", "/open-apis/x/v1/items/:id", request => FakeAnswer.Success($$"""{"path":"{{request.Path}}"}"""));
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
        Assert.NotEqual(0, server.BaseAddress.Port);

        using var tokenAnswer = await http.PostAsync(FakeFeishu.TokenPath,
            new StringContent("""{"app_id":"cli_test","app_secret":"secret"}""", Encoding.UTF8, "application/json"));
        var token = JsonNode.Parse(await tokenAnswer.Content.ReadAsStringAsync())!;
        Assert.Equal(0, (int)token["code"]!);
        Assert.Equal(1800, (int)token["expire"]!);
        Assert.StartsWith("t-", (string)token["tenant_access_token"]!);
        Assert.True(tokenAnswer.Headers.Contains("X-Tt-Logid"));

        using var noToken = await http.GetAsync("/open-apis/x/v1/items/1");
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(99991661, (int)JsonNode.Parse(await noToken.Content.ReadAsStringAsync())!["code"]!);

        using var badToken = new HttpRequestMessage(HttpMethod.Get, "/open-apis/x/v1/items/1");
        badToken.Headers.TryAddWithoutValidation("Authorization", "Bearer t-unknown");
        using var badTokenAnswer = await http.SendAsync(badToken);
        Assert.Equal(HttpStatusCode.BadRequest, badTokenAnswer.StatusCode);
        Assert.Equal(99991663, (int)JsonNode.Parse(await badTokenAnswer.Content.ReadAsStringAsync())!["code"]!);

        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + (string)token["tenant_access_token"]!);
        using var ok = await http.GetAsync("/open-apis/x/v1/items/a%2Fb");
        Assert.Equal("/open-apis/x/v1/items/a%2Fb", (string)JsonNode.Parse(await ok.Content.ReadAsStringAsync())!["data"]!["path"]!);

        using var unmapped = await http.GetAsync("/open-apis/nothing/here");
        Assert.Equal(HttpStatusCode.NotFound, unmapped.StatusCode);
        Assert.Equal(404, (int)JsonNode.Parse(await unmapped.Content.ReadAsStringAsync())!["code"]!);
        Assert.True(unmapped.Headers.Contains("X-Tt-Logid"));

        Assert.Equal(1, server.TokenRequests);
        Assert.Equal(5, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.False(string.IsNullOrEmpty(r.LogId)));
    }

    [Fact]
    public async Task Wrong_secret_gets_99991543()
    {
        await using var server = await FakeFeishu.StartAsync(new FakeFeishuOptions { AppId = "cli_test", AppSecret = "secret" });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var answer = await http.PostAsync(FakeFeishu.TokenPath,
            new StringContent("""{"app_id":"cli_test","app_secret":"nope"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(99991543, (int)JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["code"]!);
        Assert.Empty(server.IssuedTokens);
        Assert.Equal(1, server.TokenRequests);
    }

    [Fact]
    public async Task Responders_can_answer_raw_bodies_and_any_status()
    {
        await using var server = await FakeFeishu.StartAsync();
        server.Map("POST", FakeFeishu.TokenPath, _ => FakeAnswer.Text(418, "<html>teapot</html>", "text/html", logId: "L1")
            .WithHeader("X-Extra", "1"));
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var answer = await http.PostAsync(FakeFeishu.TokenPath, new StringContent("{}"));

        Assert.Equal((HttpStatusCode)418, answer.StatusCode);
        Assert.Equal("<html>teapot</html>", await answer.Content.ReadAsStringAsync());
        Assert.Equal("L1", answer.Headers.GetValues("X-Tt-Logid").Single());
        Assert.Equal("1", answer.Headers.GetValues("X-Extra").Single());
        Assert.Equal("text/html", answer.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Map_script_answers_in_order_then_repeats_the_last_and_built_in_issues_a_real_token()
    {
        await using var server = await FakeFeishu.StartAsync(new FakeFeishuOptions { AppId = "cli_test", AppSecret = "secret" });
        server.MapScript("POST", FakeFeishu.TokenPath, FakeAnswer.Text(503, "busy"), FakeAnswer.BuiltIn);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            using var answer = await http.PostAsync(FakeFeishu.TokenPath,
                new StringContent("""{"app_id":"cli_test","app_secret":"secret"}""", Encoding.UTF8, "application/json"));
            statuses.Add((int)answer.StatusCode);
        }

        Assert.Equal([503, 200, 200], statuses);
        Assert.Equal(2, server.IssuedTokens.Count);
    }

    [Fact]
    public async Task Dropped_after_promises_the_whole_body_sends_part_and_cuts_the_connection()
    {
        await using var server = await FakeFeishu.StartAsync(new FakeFeishuOptions { AppId = "cli_test", AppSecret = "secret", UserAccessTokens = { "u-test-user" } });
        server.Map("GET", "/open-apis/x/v1/cut", _ => FakeAnswer.Success("""{"items":[1,2,3]}""").DroppedAfter(8));
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/open-apis/x/v1/cut");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "u-test-user");

        using var answer = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var cut = await Assert.ThrowsAsync<HttpRequestException>(() => answer.Content.ReadAsByteArrayAsync());
        var ended = Assert.IsType<HttpIOException>(cut.InnerException);
        Assert.Equal(HttpRequestError.ResponseEnded, ended.HttpRequestError);
    }

    [Fact]
    public async Task With_delay_holds_the_answer_until_the_client_gives_up()
    {
        await using var server = await FakeFeishu.StartAsync(new FakeFeishuOptions { AppId = "cli_test", AppSecret = "secret", UserAccessTokens = { "u-test-user" } });
        server.Map("GET", "/open-apis/x/v1/slow", _ => FakeAnswer.Success().WithDelay(Timeout.InfiniteTimeSpan));
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/open-apis/x/v1/slow");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "u-test-user");
        using var cancellation = new CancellationTokenSource();

        var answer = http.SendAsync(request, cancellation.Token);
        while (server.ApiRequests.Count == 0)
        {
            await Task.Delay(5);
        }

        Assert.False(answer.IsCompleted);
        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => answer);
    }

    [Fact]
    public async Task Of_two_routes_a_path_fits_the_one_with_more_fixed_segments_answers_whatever_the_order_they_were_mapped_in()
    {
        await using var server = await FakeFeishu.StartAsync(new FakeFeishuOptions { AppId = "cli_test", AppSecret = "secret" });
        server.Map("GET", "/open-apis/x/v1/jobs/query_recent_change", _ => FakeAnswer.Success("""{"which":"query_recent_change"}"""));
        server.Map("GET", "/open-apis/x/v1/jobs/:job_id", _ => FakeAnswer.Success("""{"which":"get"}"""));
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var tokenAnswer = await http.PostAsync(FakeFeishu.TokenPath, new StringContent("""{"app_id":"cli_test","app_secret":"secret"}""", Encoding.UTF8, "application/json"));
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + (string)JsonNode.Parse(await tokenAnswer.Content.ReadAsStringAsync())!["tenant_access_token"]!);

        Assert.Equal("query_recent_change", (string)JsonNode.Parse(await http.GetStringAsync("/open-apis/x/v1/jobs/query_recent_change"))!["data"]!["which"]!);
        Assert.Equal("get", (string)JsonNode.Parse(await http.GetStringAsync("/open-apis/x/v1/jobs/7"))!["data"]!["which"]!);
    }
}
