using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Feishu.Corehr.V2;
using FeishuApiGen.Diagnostics;
using FeishuApiGen.Protocol;

namespace FeishuApiGen.Benchmarks.RunTime;

/// <summary>The parts of a call on their own: validating, writing the body, reading the answer.</summary>
[MemoryDiagnoser]
public class PartsBenchmarks
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly byte[] _answer = Encoding.UTF8.GetBytes(SeedRequests.DocAnswer);
    private CreateProbationAssessmentRequest _request = null!;
    private AssessmentBody _handWrittenBody = null!;
    private Utf8JsonWriter _writer = null!;
    private SecretScrubber _scrubber = null!;
    private Resilience.EndpointRateLimiter _limiter = null!;

    [GlobalSetup]
    public void Setup()
    {
        _request = SeedRequests.Generated();
        _handWrittenBody = SeedRequests.HandWritten();
        _writer = new Utf8JsonWriter(_buffer, WriterOptions);
        _scrubber = new SecretScrubber("bench-secret");
        // Two windows, as "1000 次/分钟、50 次/秒" documents; each permit is given back so the windows never fill.
        _limiter = new Resilience.EndpointRateLimiter([new FeishuRateLimit(1000, TimeSpan.FromMinutes(1)), new FeishuRateLimit(50, TimeSpan.FromSeconds(1))], guard: TimeSpan.Zero, queueLimit: 1000, TimeProvider.System);
    }

    [GlobalCleanup]
    public void Cleanup() => _limiter.Dispose();

    [Benchmark(Description = "validate (generated, valid request)")]
    public bool Validate()
    {
        var validator = new FeishuValidator();
        ((IFeishuRequest)_request).Validate(ref validator);
        return validator.HasErrors;
    }

    [Benchmark(Description = "write body (generated)")]
    public int WriteBodyGenerated()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        ((IFeishuRequest)_request).WriteBody(_writer);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "write body (STJ source-gen)")]
    public int WriteBodyHandWritten()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        JsonSerializer.Serialize(_writer, _handWrittenBody, HandWrittenJson.Default.AssessmentBody);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "read answer (generated: envelope + data)")]
    public int ReadAnswerGenerated()
    {
        FeishuEnvelope.ParseWithData<CreateProbationAssessmentResponse>("corehr.v2.probation.assessment.create", _answer, HttpStatusCode.OK, null, _scrubber, out var data);
        return data!.AssessmentIds.Count;
    }

    [Benchmark(Description = "read answer (STJ source-gen)")]
    public int ReadAnswerHandWritten() =>
        JsonSerializer.Deserialize(_answer, HandWrittenJson.Default.FeishuEnvelopeAssessmentCreated)!.Data!.AssessmentIds!.Count;

    [Benchmark(Description = "rate-limit permit, two windows (take and give back)")]
    public bool RateLimitPermit()
    {
        var pending = _limiter.AcquireAsync(long.MaxValue, CancellationToken.None);
        pending.Result.Return();
        return pending.IsCompletedSuccessfully;
    }
}
