using BenchmarkDotNet.Attributes;
using Feishu.Corehr.V2;

namespace FeishuApiGen.Benchmarks.RunTime;

/// <summary>
/// One "create probation assessment" call at a time over a real socket (Kestrel on loopback, token cached): the
/// generated client, rate limiter on, beside the hand-written HttpClient + System.Text.Json call. Both read the answer
/// as it streams in (<c>ResponseHeadersRead</c>) and send through the same handler settings.
/// </summary>
[MemoryDiagnoser]
public class SocketCallBenchmarks
{
    private KestrelFeishu _server = null!;
    private FeishuConnection _generated = null!;
    private HandWrittenClient _handWritten = null!;
    private CreateProbationAssessmentRequest _generatedRequest = null!;
    private AssessmentBody _handWrittenBody = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = await KestrelFeishu.StartAsync(SeedRequests.DocAnswer);
        _generatedRequest = SeedRequests.Generated();
        _handWrittenBody = SeedRequests.HandWritten();
        _generated = _server.GeneratedConnection(maxConnections: 1);
        _handWritten = _server.HandWrittenClient(maxConnections: 1);
        // The token, and each client's connection, before anything is measured.
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

    [Benchmark(Baseline = true, Description = "hand-written HttpClient + STJ source-gen, socket")]
    public async Task<int> HandWritten() =>
        (await _handWritten.CreateAsync(_handWrittenBody, SeedRequests.ClientToken, "open_id", CancellationToken.None)).AssessmentIds!.Count;

    [Benchmark(Description = "FeishuApiGen generated client, socket, rate limiter on")]
    public async Task<int> Generated() =>
        (await _generated.SendAsync<CreateProbationAssessmentRequest, CreateProbationAssessmentResponse>(
            InMemoryFeishu.CreateEndpointWithUnboundLimit, _generatedRequest, CancellationToken.None)).AssessmentIds.Count;
}
