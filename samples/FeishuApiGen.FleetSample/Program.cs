// Three instances of one app, each its own process, calling probation search together against the fake Feishu: first
// sharing one rate budget (and one token) through Redis, then each on its own. Feishu counts search's limits (1000 calls
// a minute and 50 a second) for the app, however many instances it runs as. The tables show what each instance sent in
// each second, what the fleet sent together and what Feishu received, beside the documented limit.
//   dotnet run --project samples/FeishuApiGen.FleetSample
// FEISHU_REDIS=host:port uses that Redis; otherwise the sample starts redis-server on a free loopback port (it must be
// installed: on Debian or Ubuntu, apt-get install redis-server).
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Feishu;
using Feishu.Corehr.V2;
using FeishuApiGen;
using FeishuApiGen.Redis;
using FeishuApiGen.Testing;
using FeishuApiGen.TestSupport;
using Microsoft.Extensions.DependencyInjection;

const int Instances = 3;
const int CallsEach = 100;   // 300 for the fleet: under the minute's 1000, so the second's 50 is the limit that binds

if (args is ["instance", var feishuAddress, var instanceRedis, var instanceAppId])
{
    return await Instance.RunAsync(new Uri(feishuAddress), instanceRedis == "none" ? null : instanceRedis, instanceAppId, CallsEach);
}

var search = SearchProbationRequest.FeishuEndpoint;
var limits = string.Join(" and ", search.RateLimits.Select(l => $"{l.Limit} per {(l.Per == TimeSpan.FromSeconds(1) ? "second" : l.Per == TimeSpan.FromMinutes(1) ? "minute" : l.Per.ToString())}"));
// An app id of its own per run: a Redis given in FEISHU_REDIS may still hold an earlier run's token and grants.
var appId = "cli_fleet_sample_" + Guid.NewGuid().ToString("N")[..8];
Console.WriteLine($"{Instances} instances of app {appId}, {CallsEach} calls each, all at once, to {search}.");
Console.WriteLine($"Documented: {limits}, for the app.");

var givenRedis = Environment.GetEnvironmentVariable("FEISHU_REDIS");
RedisServer? ownRedis = null;
if (string.IsNullOrEmpty(givenRedis))
{
    try
    {
        ownRedis = await RedisServer.StartAsync(installIfMissing: false);
    }
    catch (InvalidOperationException noRedis)
    {
        Console.Error.WriteLine(noRedis.Message + " Or set FEISHU_REDIS=host:port to use a Redis you run.");
        return 2;
    }
}

await using var stopRedis = ownRedis;
var redis = ownRedis?.Configuration ?? givenRedis!;
await using var fake = await FakeFeishu.StartAsync<FeishuClient>(new FakeFeishuOptions { AppId = appId, AppSecret = Instance.AppSecret });
var perSecond = search.RateLimits.FirstOrDefault(l => l.Per == TimeSpan.FromSeconds(1)).Limit;

foreach (var (title, redisOrNone) in new[] { ($"With Redis at {redis}: one budget for the fleet", redis), ("Without Redis: each instance on its own limiter", "none") })
{
    fake.ClearRequests();
    var sent = await Fleet.RunAsync(Instances, fake.BaseAddress, redisOrNone, appId);
    var received = fake.RequestsTo(search).Select(r => r.ReceivedAt).ToList();
    Report.Print(title, sent, received, perSecond, fake.TokenRequests);
}

return 0;

/// <summary>One instance: an app registered as a service would register it, with or without the fleet's Redis.</summary>
internal static class Instance
{
    public const string AppSecret = "fleet_sample_secret";

    /// <summary>Warms up, says "ready", waits for "go" on standard input, makes its calls at once and prints when each left.</summary>
    public static async Task<int> RunAsync(Uri feishu, string? redis, string appId, int calls)
    {
        var sendTimes = new ConcurrentQueue<DateTimeOffset>();
        var services = new ServiceCollection();
        var app = services.AddFeishu<FeishuClient>(options =>
        {
            options.BaseAddress = feishu;
            options.AppId = appId;
            options.AppSecret = AppSecret;
        });
        if (redis is not null)
        {
            app.WithRedisFleet(redis);   // the one line that makes instances a fleet
        }

        app.AddHttpMessageHandler(() => new SendTimes(sendTimes, "/probation/search"));
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<FeishuClient>();

        // Token, connections and the code's first run, on another endpoint, so the measured calls can leave at once.
        await client.Corehr.V2.Probation.EditAsync(new EditProbationRequest { EmploymentId = "warm-up" });
        Console.WriteLine("ready");
        _ = Console.ReadLine();
        await Task.WhenAll(Enumerable.Range(0, calls).Select(_ => client.Corehr.V2.Probation.SearchAsync(new SearchProbationRequest { PageSize = 10 })));
        Console.WriteLine("sent " + string.Join(',', sendTimes.Select(t => t.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture))));
        return 0;
    }

    /// <summary>Notes when each request to one path leaves the instance, after its rate-limit permits.</summary>
    private sealed class SendTimes(ConcurrentQueue<DateTimeOffset> times, string pathEnd) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.EndsWith(pathEnd, StringComparison.Ordinal))
            {
                times.Enqueue(DateTimeOffset.UtcNow);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>Starts the instances as processes of this program, starts their calls together and collects when each call left.</summary>
internal static class Fleet
{
    public static async Task<List<List<DateTimeOffset>>> RunAsync(int instances, Uri feishu, string redisOrNone, string appId)
    {
        var processes = new List<Process>();
        try
        {
            for (var i = 0; i < instances; i++)
            {
                var process = Process.Start(Self(["instance", feishu.ToString(), redisOrNone, appId]))!;
                processes.Add(process);
                await Expect(process, "ready");
            }

            foreach (var process in processes)
            {
                await process.StandardInput.WriteLineAsync("go");
                await process.StandardInput.FlushAsync();
            }

            var sent = new List<List<DateTimeOffset>>();
            foreach (var process in processes)
            {
                var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(3)) ?? "";
                if (!line.StartsWith("sent ", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("an instance failed: " + line + await process.StandardError.ReadToEndAsync());
                }

                sent.Add([.. line["sent ".Length..].Split(',').Select(ms => DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(ms, CultureInfo.InvariantCulture)))]);
            }

            return sent;
        }
        finally
        {
            foreach (var process in processes)
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                process.Dispose();
            }
        }
    }

    private static async Task Expect(Process process, string line)
    {
        var read = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2));
        if (read != line)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"an instance did not start: {read} {await process.StandardError.ReadToEndAsync()}");
        }
    }

    /// <summary>This program again: its apphost, or <c>dotnet</c> and its assembly when it was started that way.</summary>
    private static ProcessStartInfo Self(string[] arguments)
    {
        var host = Environment.ProcessPath!;
        var start = Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? new ProcessStartInfo(host) { ArgumentList = { typeof(Fleet).Assembly.Location } }
            : new ProcessStartInfo(host);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        return start;
    }
}

internal static class Report
{
    /// <summary>Calls per second from the first call sent: each instance's, the fleet's, Feishu's count and the limit.</summary>
    public static void Print(string title, List<List<DateTimeOffset>> sent, List<DateTimeOffset> received, int limitPerSecond, int tokenFetches)
    {
        var all = sent.SelectMany(s => s).Order().ToList();
        var first = all[0];
        int Second(DateTimeOffset time) => (int)Math.Floor((time - first).TotalSeconds);
        var seconds = Math.Max(Second(all[^1]), received.Count == 0 ? 0 : received.Max(Second)) + 1;

        Console.WriteLine();
        Console.WriteLine(title);
        var header = "  second" + string.Concat(sent.Select((_, i) => $"  instance {i + 1}")) + "  fleet sent  Feishu received  limit";
        Console.WriteLine(header);
        for (var second = 0; second < seconds; second++)
        {
            var row = $"  {second,6}" + string.Concat(sent.Select(s => $"  {s.Count(t => Second(t) == second),10}"))
                + $"  {all.Count(t => Second(t) == second),10}  {received.Count(t => Second(t) == second),15}  {limitPerSecond,5}";
            Console.WriteLine(row);
        }

        // Any one second, not only whole seconds from the first call: what a limit counted over a sliding window sees.
        var busiest = all.Select((start, i) => all.Skip(i).TakeWhile(t => t - start < TimeSpan.FromSeconds(1)).Count()).Max();
        var span = (all[^1] - first).TotalSeconds;
        Console.WriteLine($"  {all.Count} calls sent over {span:F1} s; the busiest 1-second span held {busiest} (limit {limitPerSecond}); tenant token fetches: {tokenFetches}.");
    }
}
