using BenchmarkDotNet.Attributes;
using Feishu.Corehr.V2;

namespace FeishuApiGen.Benchmarks.RunTime;

/// <summary>
/// What the socket benchmarks share: Feishu on a real socket (<see cref="KestrelFeishu"/>), the generated request sent
/// through a connection with its rate limiter on, and the hand-written client, each capped at the same number of
/// connections. The token and each client's connections are made before anything is measured.
/// </summary>
public abstract class KestrelCallBenchmarks(int maxConnections)
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
        _generated = _server.GeneratedConnection(maxConnections);
        _handWritten = _server.HandWrittenClient(maxConnections);
        await GeneratedCallAsync();
        await HandWrittenCallAsync();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _generated.Dispose();
        _handWritten.Dispose();
        await _server.DisposeAsync();
    }

    /// <summary>One hand-written call; the number of ids in the answer.</summary>
    protected async Task<int> HandWrittenCallAsync() =>
        (await _handWritten.CreateAsync(_handWrittenBody, SeedRequests.ClientToken, "open_id", CancellationToken.None)).AssessmentIds!.Count;

    /// <summary>One generated call, rate limiter on (a limit that never binds); the number of ids in the answer.</summary>
    protected async Task<int> GeneratedCallAsync() =>
        (await _generated.SendAsync<CreateProbationAssessmentRequest, CreateProbationAssessmentResponse>(
            InMemoryFeishu.CreateEndpointWithUnboundLimit, _generatedRequest, CancellationToken.None)).AssessmentIds.Count;
}
