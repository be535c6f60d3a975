// One instance of a fleet, as its own process, for the fleet tests. It connects, warms up, prints "ready", then carries out
// the commands it reads from standard input, one per line, each answered by one line on standard output:
//   search <n>   n calls of probation search at once → "done <n>", or "failed <message>" when any call failed
//   wait-redis   waits until its Redis connection answers again (reconnected by itself) → "connected"
// It exits 0 when standard input ends.
//   FeishuApiGen.FleetWorker <base address> <app id> <app secret> <redis configuration|none> <scale>
using System.Globalization;
using Feishu;
using Feishu.Corehr.V2;
using FeishuApiGen;
using FeishuApiGen.Redis;
using StackExchange.Redis;

if (args.Length != 5)
{
    Console.Error.WriteLine("usage: <base address> <app id> <app secret> <redis configuration|none> <scale>");
    return 2;
}

var options = new FeishuClientOptions
{
    BaseAddress = new Uri(args[0]),
    AppId = args[1],
    AppSecret = args[2],
    TotalTimeout = TimeSpan.FromMinutes(2),
    RateLimiting = { Scale = double.Parse(args[4], CultureInfo.InvariantCulture) },
};
using var redis = args[3] == "none" ? null : await ConnectionMultiplexer.ConnectAsync(WithGenerousTimeouts(RedisTokenShare.FailFastOptions(args[3])));
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

while (Console.ReadLine() is { } command)
{
    switch (command.Split(' ', StringSplitOptions.RemoveEmptyEntries))
    {
        case ["search", var count]:
            var calls = int.Parse(count, CultureInfo.InvariantCulture);
            try
            {
                await Task.WhenAll(Enumerable.Range(0, calls).Select(_ => feishu.Corehr.V2.Probation.SearchAsync(new SearchProbationRequest { PageSize = 10 })));
                Console.WriteLine("done " + calls);
            }
            catch (FeishuException failure)
            {
                Console.WriteLine("failed " + failure.Message.ReplaceLineEndings(" "));
            }

            break;
        case ["wait-redis"] when redis is not null:
            // Connected, and answering: a command sent while the connection is still being set up fails fast.
            while (!await AnswersPingAsync(redis))
            {
                await Task.Delay(50);
            }

            Console.WriteLine("connected");
            break;
        default:
            Console.WriteLine("unknown command: " + command);
            break;
    }
}

return 0;

// Generous: the tests are about coordination; a loaded machine must not turn a slow answer into a fallback.
static ConfigurationOptions WithGenerousTimeouts(ConfigurationOptions options)
{
    options.AsyncTimeout = options.SyncTimeout = 10_000;
    return options;
}

static async Task<bool> AnswersPingAsync(ConnectionMultiplexer redis)
{
    try
    {
        return redis.IsConnected && await redis.GetDatabase().PingAsync() >= TimeSpan.Zero;
    }
    catch (Exception ex) when (ex is RedisException or TimeoutException)
    {
        return false;
    }
}
