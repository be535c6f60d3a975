using System.Diagnostics;
using System.Globalization;
using FeishuApiGen.Runtime.Tests.Generated;
using FeishuApiGen.Runtime.Tests.Support;
using FeishuApiGen.Testing;

namespace FeishuApiGen.Runtime.Tests.Adversarial;

/// <summary>
/// A 429 is a 429 whatever its body: gateways answer with an HTML page or nothing at all, and their reset headers count
/// as Feishu's do. The token endpoint's 429 is waited out by the one fetch every caller shares.
/// </summary>
public sealed class RateLimitAnswerTests
{
    public static TheoryData<string, string> Bodies => new()
    {
        { "html", "x-ogw-ratelimit-reset" },
        { "html", "Retry-After" },
        { "empty", "x-ogw-ratelimit-reset" },
        { "empty", "Retry-After" },
        { "not-json", "Retry-After" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_429_of_any_body_waits_as_its_headers_say(string body, string header)
    {
        var clock = new ObservedClock();
        await using var feishu = await FaultyFeishu.StartAsync(clock);
        var tooMany = body switch
        {
            "html" => FakeAnswer.Text(429, "<html><body><h1>429 Too Many Requests</h1></body></html>", "text/html"),
            "empty" => FakeAnswer.Empty(429),
            _ => FakeAnswer.Text(429, "slow down"),
        };
        feishu.Server.MapScript("POST", FaultyFeishu.CreatePath, tooMany.WithHeader(header, "2"), FaultyFeishu.Created());

        var retryArmed = clock.WhenArmedAsync(TimeSpan.FromSeconds(2));
        var call = feishu.CreateAsync();
        await retryArmed;
        clock.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromTicks(1));
        Assert.Single(feishu.Server.ApiRequests);
        clock.Advance(TimeSpan.FromTicks(1));
        var created = await call.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal([FaultyFeishu.CreatedId], created.AssessmentIds);
        var sent = feishu.Server.ApiRequests;
        Assert.Equal(TimeSpan.FromSeconds(2), sent[1].ReceivedAt - sent[0].ReceivedAt);
    }

    [Fact]
    public async Task A_429_page_that_keeps_coming_gives_up_with_the_wait_it_asked_for()
    {
        var clock = new ObservedClock();
        await using var feishu = await FaultyFeishu.StartAsync(clock, o => o.TotalTimeout = TimeSpan.FromSeconds(10));
        feishu.Server.Map("POST", FaultyFeishu.CreatePath, _ => FakeAnswer.Text(429, "<html>busy</html>", "text/html").WithHeader("Retry-After", "60"));

        var thrown = await Assert.ThrowsAsync<FeishuTransientException>(() => feishu.CreateAsync());

        Assert.Equal(FeishuGiveUpReason.WaitExceedsTotalTimeout, thrown.Reason);
        Assert.Equal(TimeSpan.FromSeconds(60), thrown.RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(60), Assert.IsType<FeishuProtocolException>(thrown.InnerException).RetryAfter);
    }

    [Fact]
    public async Task A_token_endpoint_answering_429_to_a_thousand_waiting_callers_is_asked_once_per_reset()
    {
        // The default backoff (0.5 s, jittered), as users run it: before, each caller's own resend became a token request.
        await using var feishu = await FaultyFeishu.StartAsync(configure: o => { o.RateLimiting.Enabled = false; o.Retry = new FeishuRetryOptions(); });
        var refusing = Stopwatch.StartNew();
        var firstRefusal = -1L;
        feishu.Server.Map("POST", FakeFeishu.TokenPath, _ =>
        {
            // Refuses for 1.9 s from its first answer, each time asking for a 1 s wait (a gateway's page, then Feishu's JSON).
            Interlocked.CompareExchange(ref firstRefusal, refusing.ElapsedMilliseconds, -1);
            var refusedFor = refusing.ElapsedMilliseconds - Interlocked.Read(ref firstRefusal);
            return refusedFor >= 1900 ? FakeAnswer.BuiltIn
                : refusedFor < 500 ? FakeAnswer.Text(429, "<html>too many</html>", "text/html").WithHeader("Retry-After", "1")
                : FakeAnswer.Error(429, FeishuErrorCodes.RateLimited, "request trigger frequency limit").WithHeader("x-ogw-ratelimit-reset", "1");
        });
        feishu.Server.Map("POST", FaultyFeishu.CreatePath, _ => FaultyFeishu.Created());

        var calls = Enumerable.Range(0, 1000).Select(i => feishu.CreateAsync(FaultyFeishu.NewRequest("71409642084" + i.ToString("D8", CultureInfo.InvariantCulture))));
        var results = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(1000, results.Length);
        Assert.Equal(1000, feishu.Server.ApiRequests.Count);
        // One fetch for all, asking again only after each reset: two or three requests in the 1.9 s, each a second apart.
        var asked = feishu.Server.Requests.Where(r => r.IsTokenRequest).Select(r => r.ReceivedAt).Order().ToList();
        Assert.InRange(asked.Count, 2, 3);
        // The server stamps arrivals on the wall clock and the client waits on the monotonic one: 50 ms allows for the two
        // clocks' granularity and slew, far below the 1 s asked for (before, callers asked within milliseconds).
        Assert.All(asked.Zip(asked.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromMilliseconds(950), $"asked again after {(pair.Second - pair.First).TotalMilliseconds} ms"));
    }
}
