using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using Feishu;
using Feishu.Corehr.V2;
using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace FeishuApiGen.Benchmarks.RunTime;

/// <summary>
/// One "create probation assessment" call, token already cached, against an in-memory Feishu that drains the body
/// and answers the doc's example: the generated client beside a hand-written System.Text.Json call, Refit 16, and
/// the floor (a precomputed body and no parsing), which no client on HttpClient can beat.
/// </summary>
[MemoryDiagnoser]
public class CreateCallBenchmarks
{
    private FeishuClient _generated = null!;
    private FeishuConnection _generatedLimited = null!;
    private FeishuConnection _generatedMetered = null!;
    private ServiceProvider _meterServices = null!;
    private MeterListener _meterListener = null!;
    private HandWrittenClient _handWritten = null!;
    private IProbationAssessmentApi _refit = null!;
    private HttpClient _floorHttp = null!;
    private byte[] _floorBody = null!;
    private Uri _floorUri = null!;
    private AuthenticationHeaderValue _floorAuthorization = null!;
    private readonly List<(string Client, InMemoryFeishu Handler)> _handlers = [];
    private CreateProbationAssessmentRequest _generatedRequest = null!;
    private AssessmentBody _handWrittenBody = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _generatedRequest = SeedRequests.Generated();
        _handWrittenBody = SeedRequests.HandWritten();

        _generated = InMemoryFeishu.GeneratedClient(Handler("generated"));
        // The first call fetches the tenant token; every measured call finds it cached.
        await _generated.Corehr.V2.ProbationAssessment.CreateAsync(_generatedRequest);

        _generatedLimited = new FeishuConnection(
            InMemoryFeishu.Options(new Uri(InMemoryFeishu.BaseAddress), rateLimiting: true),
            new HttpClient(Handler("generated, rate limiter on")) { Timeout = Timeout.InfiniteTimeSpan });
        await GeneratedRateLimited();

        // The same, with an exporter's listener on every instrument of this connection's meter (and of no other).
        _meterServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = _meterServices.GetRequiredService<IMeterFactory>();
        var meteredOptions = InMemoryFeishu.Options(new Uri(InMemoryFeishu.BaseAddress), rateLimiting: true);
        meteredOptions.MeterFactory = meters;
        _generatedMetered = new FeishuConnection(meteredOptions, new HttpClient(Handler("generated, metrics listened")) { Timeout = Timeout.InfiniteTimeSpan });
        _meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == meters)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meterListener.SetMeasurementEventCallback<double>(static (_, _, _, _) => { });
        _meterListener.SetMeasurementEventCallback<long>(static (_, _, _, _) => { });
        _meterListener.Start();
        await GeneratedMetricsListened();

        _handWritten = new HandWrittenClient(new HttpClient(Handler("hand-written")), InMemoryFeishu.Token);

        var refitJson = new JsonSerializerOptions { TypeInfoResolver = HandWrittenJson.Default, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
        _refit = RestService.For<IProbationAssessmentApi>(
            new HttpClient(Handler("refit")) { BaseAddress = new Uri(InMemoryFeishu.BaseAddress) },
            new RefitSettings { ContentSerializer = new SystemTextJsonContentSerializer(refitJson) });

        _floorHttp = new HttpClient(Handler("floor"));
        _floorBody = JsonSerializer.SerializeToUtf8Bytes(_handWrittenBody, HandWrittenJson.Default.AssessmentBody);
        _floorUri = new Uri(InMemoryFeishu.BaseAddress + "/open-apis/corehr/v2/probation/assessments?client_token=" + SeedRequests.ClientToken + "&user_id_type=open_id");
        _floorAuthorization = new AuthenticationHeaderValue("Bearer", InMemoryFeishu.Token);
    }

    /// <summary>What each client sent last, hand-written first; only after <see cref="RecordRequests"/>.</summary>
    public IReadOnlyList<(string Client, string Uri, string Body)> LastRequests() =>
        _handlers.OrderBy(h => h.Client == "hand-written" ? 0 : 1).Select(h => (h.Client, h.Handler.Last.Uri, h.Handler.Last.Body)).ToList();

    /// <summary>Keeps what each client sends, for the check that all send the same request.</summary>
    public void RecordRequests()
    {
        foreach (var (_, handler) in _handlers)
        {
            handler.Record = true;
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _generated.Dispose();
        _generatedLimited.Dispose();
        _meterListener.Dispose();
        _generatedMetered.Dispose();
        _meterServices.Dispose();
        _handWritten.Dispose();
        _floorHttp.Dispose();
    }

    private InMemoryFeishu Handler(string client)
    {
        var handler = new InMemoryFeishu(SeedRequests.DocAnswer);
        _handlers.Add((client, handler));
        return handler;
    }

    [Benchmark(Baseline = true, Description = "hand-written HttpClient + STJ source-gen")]
    public async Task<int> HandWritten() =>
        (await _handWritten.CreateAsync(_handWrittenBody, SeedRequests.ClientToken, "open_id", CancellationToken.None)).AssessmentIds!.Count;

    [Benchmark(Description = "FeishuApiGen generated client")]
    public async Task<int> Generated() =>
        (await _generated.Corehr.V2.ProbationAssessment.CreateAsync(_generatedRequest)).AssessmentIds.Count;

    [Benchmark(Description = "FeishuApiGen, rate limiter on (a limit that never binds)")]
    public async Task<int> GeneratedRateLimited() =>
        (await _generatedLimited.SendAsync<CreateProbationAssessmentRequest, CreateProbationAssessmentResponse>(
            InMemoryFeishu.CreateEndpointWithUnboundLimit, _generatedRequest, CancellationToken.None)).AssessmentIds.Count;

    [Benchmark(Description = "FeishuApiGen, rate limiter on, every metric listened to")]
    public async Task<int> GeneratedMetricsListened() =>
        (await _generatedMetered.SendAsync<CreateProbationAssessmentRequest, CreateProbationAssessmentResponse>(
            InMemoryFeishu.CreateEndpointWithUnboundLimit, _generatedRequest, CancellationToken.None)).AssessmentIds.Count;

    [Benchmark(Description = "Refit 16 + STJ source-gen")]
    public async Task<int> Refit()
    {
        var envelope = await _refit.CreateAsync(_handWrittenBody, SeedRequests.ClientToken, "open_id", InMemoryFeishu.Token, CancellationToken.None);
        return envelope.Code == 0 ? envelope.Data!.AssessmentIds!.Count : throw new InvalidOperationException(envelope.Msg);
    }

    [Benchmark(Description = "floor: precomputed body, no parsing")]
    public async Task<HttpStatusCode> Floor()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _floorUri);
        request.Headers.Authorization = _floorAuthorization;
        var content = new ByteArrayContent(_floorBody);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Content = content;
        using var response = await _floorHttp.SendAsync(request);
        return response.StatusCode;
    }
}
