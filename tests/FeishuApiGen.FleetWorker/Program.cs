// One instance of a fleet, as its own process, for the fleet tests: waits for the start signal (a file appearing), then
// makes its calls at once and exits 0 when every call succeeded.
//   FeishuApiGen.FleetWorker <base address> <app id> <app secret> <redis configuration|none> <calls> <scale> <start file>
using Feishu;
using Feishu.Corehr.V2;
using FeishuApiGen;
using FeishuApiGen.Redis;
using StackExchange.Redis;

if (args.Length != 7)
{
    Console.Error.WriteLine("usage: <base address> <app id> <app secret> <redis configuration|none> <calls> <scale> <start file>");
    return 2;
}

var options = new FeishuClientOptions
{
    BaseAddress = new Uri(args[0]),
    AppId = args[1],
    AppSecret = args[2],
    TotalTimeout = TimeSpan.FromMinutes(2),
    RateLimiting = { Scale = double.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture) },
};
using var redis = args[3] == "none" ? null : await ConnectionMultiplexer.ConnectAsync(RedisTokenShare.FailFastOptions(args[3]));
if (redis is not null)
{
    // Generous: the tests are about coordination; a loaded machine must not turn a slow answer into a fallback.
    options.TokenShare = new RedisTokenShare(redis) { CommandTimeout = TimeSpan.FromSeconds(10) };
    options.RateBudget = new RedisRateBudget(redis) { CommandTimeout = TimeSpan.FromSeconds(10) };
}

using var feishu = new FeishuClient(options);
// Warmed up on another endpoint (the token, the HTTP stack, the code's first run), so the measured calls leave at once.
await feishu.Corehr.V2.Probation.EditAsync(new EditProbationRequest { EmploymentId = "warm-up" });
Console.WriteLine("ready");
var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
while (!File.Exists(args[6]))
{
    if (DateTime.UtcNow > deadline)
    {
        Console.Error.WriteLine("no start signal");
        return 3;
    }

    await Task.Delay(5);
}

var calls = int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture);
try
{
    await Task.WhenAll(Enumerable.Range(0, calls).Select(_ => feishu.Corehr.V2.Probation.SearchAsync(new SearchProbationRequest { PageSize = 10 })));
}
catch (FeishuException failure)
{
    Console.Error.WriteLine(failure.Message);
    return 1;
}

Console.WriteLine("done " + calls);
return 0;
