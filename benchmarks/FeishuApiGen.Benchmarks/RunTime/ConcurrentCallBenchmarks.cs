using BenchmarkDotNet.Attributes;

namespace FeishuApiGen.Benchmarks.RunTime;

/// <summary>
/// Throughput: 10,000 "create probation assessment" calls started at once over real sockets (Kestrel on loopback),
/// each client capped at the same 64 connections. The mean is per call, so its inverse is calls per second; the
/// generated client runs with its rate limiter on, as users run it.
/// </summary>
[MemoryDiagnoser]
public class ConcurrentCallBenchmarks() : KestrelCallBenchmarks(Connections)
{
    public const int Calls = 10_000;
    private const int Connections = 64;

    private readonly Task<int>[] _calls = new Task<int>[Calls];

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls, Description = "hand-written, 10,000 concurrent calls over 64 sockets")]
    public Task<int> HandWritten() => AllAtOnceAsync(HandWrittenCallAsync);

    [Benchmark(OperationsPerInvoke = Calls, Description = "FeishuApiGen, 10,000 concurrent calls over 64 sockets, rate limiter on")]
    public Task<int> Generated() => AllAtOnceAsync(GeneratedCallAsync);

    private async Task<int> AllAtOnceAsync(Func<Task<int>> call)
    {
        for (var i = 0; i < Calls; i++)
        {
            _calls[i] = call();
        }

        return (await Task.WhenAll(_calls)).Sum();
    }
}
