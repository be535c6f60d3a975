using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Feishu;
using FeishuApiGen.Testing;
using Xunit.Abstractions;

namespace FeishuApiGen.Runtime.Tests.Generated;

/// <summary>
/// 10,000 concurrent creates through one generated client against a loopback Feishu that fails some first attempts
/// (HTTP 500 before acting, or a connection dropped after acting) and, like Feishu, acts once per client_token.
/// </summary>
public sealed class LoadTests(ITestOutputHelper output)
{
    private const int Calls = 10_000;
    private const string AppId = "cli_load_test";
    private const string AppSecret = "sec_L0adT3st_m5Z1";

    /// <summary>What the server did for one client_token: the call it acted on and the id it created.</summary>
    private sealed record Creation(string EmploymentId, string AssessmentId);

    [Fact]
    public async Task Ten_thousand_concurrent_creates_fetch_one_token_and_each_is_answered_once_under_its_own_kept_client_token()
    {
        await using var server = await FakeFeishu.StartAsync(new FakeFeishuOptions { AppId = AppId, AppSecret = AppSecret });
        var creations = new ConcurrentDictionary<string, Creation>(StringComparer.Ordinal);
        var attemptsByKey = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var sharedKeys = new ConcurrentBag<string>();
        server.Map("POST", FaultyFeishu.CreatePath, request =>
        {
            var key = request.Query("client_token").Single();
            var employmentId = EmploymentIdOf(request.Body);
            var attempt = attemptsByKey.AddOrUpdate(key, 1, (_, seen) => seen + 1);
            var index = CallIndex(employmentId);
            if (attempt == 1 && index % 50 == 0)
            {
                return FakeAnswer.Error(500, 55001, "internal server error");
            }

            // Feishu acts once per client_token; a resend gets the first result back.
            var creation = creations.GetOrAdd(key, _ => new Creation(employmentId, "a" + employmentId));
            if (creation.EmploymentId != employmentId)
            {
                sharedKeys.Add(key);
            }

            var answer = FaultyFeishu.Created(creation.AssessmentId);
            // Acted, then the answer is lost on the way back: only a resend with the same key avoids a duplicate.
            return attempt == 1 && index % 50 == 25 ? answer.DroppedAfter(10) : answer;
        });

        // One client, one connection pool; connections capped so 10,000 calls queue in the handler instead of opening 10,000 sockets.
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 64, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var feishu = new FeishuClient(
            new FeishuClientOptions
            {
                AppId = AppId,
                AppSecret = AppSecret,
                BaseAddress = server.BaseAddress,
                // Off here: the documented 100 per minute would stretch this test to 100 minutes.
                RateLimiting = { Enabled = false },
                Retry = { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(20) },
            },
            http);

        var answered = new int[Calls];
        var stopwatch = Stopwatch.StartNew();
        var calls = Enumerable.Range(0, Calls).Select(async index =>
        {
            var created = await feishu.Corehr.V2.ProbationAssessment.CreateAsync(FaultyFeishu.NewRequest(EmploymentId(index)));
            Interlocked.Increment(ref answered[index]);
            return (Index: index, Created: created);
        }).ToArray();
        var results = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromMinutes(3));
        stopwatch.Stop();

        var sent = server.ApiRequests;
        var keysByCall = sent.GroupBy(r => EmploymentIdOf(r.Body)).ToDictionary(g => g.Key, g => g.Select(r => r.Query("client_token").Single()).ToList());
        var retriedCalls = keysByCall.Values.Count(keys => keys.Count > 1);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            {Calls} concurrent creates through one FeishuClient in {stopwatch.Elapsed.TotalSeconds:0.00} s ({Calls / stopwatch.Elapsed.TotalSeconds:0} calls/s)
            token fetches: {server.TokenRequests} (client counted {feishu.Connection.TokenFetchCount})
            API requests the server saw: {sent.Count}; calls retried: {retriedCalls}; creations: {creations.Count}
            distinct client_tokens: {attemptsByKey.Count}; keys shared by different calls: {sharedKeys.Count}
            """));

        Assert.Equal(1, server.TokenRequests);
        Assert.Equal(1, feishu.Connection.TokenFetchCount);
        // Every call answered exactly once, with the id created for that call.
        Assert.All(answered, count => Assert.Equal(1, count));
        Assert.All(results, result => Assert.Equal(["a" + EmploymentId(result.Index)], result.Created.AssessmentIds));
        // Every retried call kept its client_token; no two calls shared one; Feishu acted once per call.
        Assert.Equal(Calls, keysByCall.Count);
        Assert.All(keysByCall.Values, keys => Assert.Single(keys.Distinct()));
        Assert.Equal(Calls, keysByCall.Values.Select(keys => keys[0]).Distinct().Count());
        Assert.Empty(sharedKeys);
        Assert.Equal(Calls, creations.Count);
        // Calls 0, 50, 100, ... met a 500 and calls 25, 75, ... a dropped connection, so each of them was sent again. On a
        // busy machine other attempts may time out and be (correctly) resent too: counted, never asserted as a number.
        Assert.All(
            keysByCall.Where(call => CallIndex(call.Key) % 25 == 0),
            call => Assert.True(call.Value.Count >= 2, $"call {CallIndex(call.Key)} was sent {call.Value.Count} time(s)"));
        Assert.True(retriedCalls >= Calls / 25, $"only {retriedCalls} calls were resent");
        Assert.Equal(sent.Count, keysByCall.Values.Sum(keys => keys.Count));
    }

    private static string EmploymentId(int index) => "71409642" + index.ToString("D11", CultureInfo.InvariantCulture);

    private static int CallIndex(string employmentId) => int.Parse(employmentId.AsSpan(8), CultureInfo.InvariantCulture);

    private static string EmploymentIdOf(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("employment_id").GetString()!;
    }
}
