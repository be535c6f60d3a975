using BenchmarkDotNet.Attributes;
using Feishu.Corehr.V2;
using FeishuApiGen.Redis;
using FeishuApiGen.TestSupport;
using StackExchange.Redis;

namespace FeishuApiGen.Benchmarks.RunTime;

/// <summary>
/// What the fleet's Redis adds to a call: the "create probation assessment" call of <see cref="CreateCallBenchmarks"/>
/// (in-memory Feishu, token cached, rate limiter on with a limit that never binds) without and with the fleet's rate
/// budget and token share on a real redis-server on loopback, one call at a time and 64 at once (one connection to Redis,
/// which pipelines them). The token share costs nothing per call while the token is fresh; the budget's script is one
/// Redis round trip per call.
/// </summary>
[MemoryDiagnoser]
public class FleetCallBenchmarks
{
    public const int Concurrent = 64;

    private readonly Task<int>[] _calls = new Task<int>[Concurrent];
    private RedisServer _redisServer = null!;
    private ConnectionMultiplexer _redis = null!;
    private FeishuConnection _alone = null!;
    private FeishuConnection _fleet = null!;
    private CreateProbationAssessmentRequest _request = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _request = SeedRequests.Generated();
        _redisServer = await RedisServer.StartAsync();
        var redisOptions = RedisTokenShare.FailFastOptions(_redisServer.Configuration);
        redisOptions.AllowAdmin = true;   // for INFO below; the fleet's own commands need no admin rights
        _redis = await ConnectionMultiplexer.ConnectAsync(redisOptions);

        _alone = Connection(fleet: false);
        _fleet = Connection(fleet: true);
        await Alone();
        await WithRedis();

        // A fleet that fell back to its own limiter would measure nothing of Redis: the warm-up must have run the script.
        var stats = await _redis.GetServer(_redis.GetEndPoints()[0]).InfoAsync("commandstats");
        if (!stats.SelectMany(group => group).Any(entry => entry.Key.StartsWith("cmdstat_eval", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("The fleet's calls did not reach Redis; the benchmark would measure the fallback.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _alone.Dispose();
        _fleet.Dispose();
        _redis.Dispose();
        // BenchmarkDotNet's cleanup is synchronous; stopping the server is a kill and a wait for its exit.
        _redisServer.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "rate limiter on, alone")]
    public Task<int> Alone() => CallAsync(_alone);

    [Benchmark(Description = "rate limiter on, fleet budget and token on Redis (loopback)")]
    public Task<int> WithRedis() => CallAsync(_fleet);

    [Benchmark(OperationsPerInvoke = Concurrent, Description = "64 at once, alone")]
    public Task<int> AloneConcurrent() => AllAtOnceAsync(_alone);

    [Benchmark(OperationsPerInvoke = Concurrent, Description = "64 at once, fleet budget and token on Redis (loopback)")]
    public Task<int> WithRedisConcurrent() => AllAtOnceAsync(_fleet);

    private async Task<int> CallAsync(FeishuConnection connection) =>
        (await connection.SendAsync<CreateProbationAssessmentRequest, CreateProbationAssessmentResponse>(
            InMemoryFeishu.CreateEndpointWithUnboundLimit, _request, CancellationToken.None)).AssessmentIds.Count;

    private async Task<int> AllAtOnceAsync(FeishuConnection connection)
    {
        for (var i = 0; i < Concurrent; i++)
        {
            _calls[i] = CallAsync(connection);
        }

        return (await Task.WhenAll(_calls)).Sum();
    }

    private FeishuConnection Connection(bool fleet)
    {
        var options = InMemoryFeishu.Options(new Uri(InMemoryFeishu.BaseAddress), rateLimiting: true);
        if (fleet)
        {
            options.TokenShare = new RedisTokenShare(_redis);
            options.RateBudget = new RedisRateBudget(_redis);
        }

        return new FeishuConnection(options, new HttpClient(new InMemoryFeishu(SeedRequests.DocAnswer)) { Timeout = Timeout.InfiniteTimeSpan });
    }
}
