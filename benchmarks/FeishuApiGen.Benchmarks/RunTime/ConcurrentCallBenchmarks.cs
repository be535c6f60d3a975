using BenchmarkDotNet.Attributes;
using Feishu.Corehr.V2;

namespace FeishuApiGen.Benchmarks.RunTime;

/// <summary>
/// Throughput: 10,000 "create probation assessment" calls started at once over real sockets (Kestrel on loopback),
/// each client capped at the same 64 connections. The mean is per call, so its inverse is calls per second; the
/// generated client runs with its rate limiter on, as users run it.
/// </summary>
[MemoryDiagnoser]
public class ConcurrentCallBenchmarks
{
    public const int Calls = 10_000;
    private const int Connections = 64;

    private KestrelFeishu _server = null!;
    private FeishuConnection _generated = null!;
    private HandWrittenClient _handWritten = null!;
    private CreateProbationAssessmentRequest _generatedRequest = null!;
    private AssessmentBody _handWrittenBody = null!;
    private readonly Task<int>[] _calls = new Task<int>[Calls];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = await KestrelFeishu.StartAsync(SeedRequests.DocAnswer);
        _generatedRequest = SeedRequests.Generated();
        _handWrittenBody = SeedRequests.HandWritten();
        _generated = _server.GeneratedConnection(Connections);
        _handWritten = _server.HandWrittenClient(Connections);
        // The token, and each client's connections, before anything is measured.
        await Generated();
        await HandWritten();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _generated.Dispose();
        _handWritten.Dispose();
        await _server.DisposeAsync();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls, Description = "hand-written, 10,000 concurrent calls over 64 sockets")]
    public async Task<int> HandWritten()
    {
        for (var i = 0; i < Calls; i++)
        {
            _calls[i] = HandWrittenCallAsync();
        }

        return (await Task.WhenAll(_calls)).Sum();
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "FeishuApiGen, 10,000 concurrent calls over 64 sockets, rate limiter on")]
    public async Task<int> Generated()
    {
        for (var i = 0; i < Calls; i++)
        {
            _calls[i] = GeneratedCallAsync();
        }

        return (await Task.WhenAll(_calls)).Sum();
    }

    private async Task<int> HandWrittenCallAsync() =>
        (await _handWritten.CreateAsync(_handWrittenBody, SeedRequests.ClientToken, "open_id", CancellationToken.None)).AssessmentIds!.Count;

    private async Task<int> GeneratedCallAsync() =>
        (await _generated.SendAsync<CreateProbationAssessmentRequest, CreateProbationAssessmentResponse>(
            InMemoryFeishu.CreateEndpointWithUnboundLimit, _generatedRequest, CancellationToken.None)).AssessmentIds.Count;
}
