using BenchmarkDotNet.Attributes;

namespace FeishuApiGen.Benchmarks.RunTime;

/// <summary>
/// One "create probation assessment" call at a time over a real socket (Kestrel on loopback, token cached): the
/// generated client, rate limiter on, beside the hand-written HttpClient + System.Text.Json call. Both read the answer
/// as it streams in (<c>ResponseHeadersRead</c>) and send through the same handler settings.
/// </summary>
[MemoryDiagnoser]
public class SocketCallBenchmarks() : KestrelCallBenchmarks(maxConnections: 1)
{
    [Benchmark(Baseline = true, Description = "hand-written HttpClient + STJ source-gen, socket")]
    public Task<int> HandWritten() => HandWrittenCallAsync();

    [Benchmark(Description = "FeishuApiGen generated client, socket, rate limiter on")]
    public Task<int> Generated() => GeneratedCallAsync();
}
