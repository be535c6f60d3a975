using System.IO.Compression;
using System.Text;
using FeishuApiGen.Runtime.Tests.Generated;
using FeishuApiGen.Runtime.Tests.Support;
using FeishuApiGen.Testing;
using Xunit.Abstractions;

namespace FeishuApiGen.Runtime.Tests.Adversarial;

/// <summary>
/// No answer can make the process hold unbounded memory: a gzip bomb, a body that says or turns out to be huge, an
/// endless chunked body, for API and token answers alike. Each ends the call with a <see cref="FeishuProtocolException"/>
/// naming the limit and the endpoint, and memory goes back to where it was. Run alone: the figures are process-wide.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class BoundedAnswerTests(ITestOutputHelper output)
{
    private const int Limit = 4 * 1024 * 1024;

    [Fact]
    public async Task A_gzip_bomb_stops_at_the_limit_counted_after_decompression_and_its_memory_is_given_back()
    {
        // 256 MB of zeros, about 250 KB on the wire: what the 298 KB answer expanded from.
        var bomb = GzipOfZeros(256 * 1024 * 1024);
        await using var feishu = await FaultyFeishu.StartAsync(configure: o => o.MaxResponseSize = Limit);
        feishu.Server.MapScript("POST", FaultyFeishu.CreatePath, FaultyFeishu.Created(), FakeAnswer.Bytes(200, bomb).WithHeader("Content-Encoding", "gzip"));
        await feishu.CreateAsync(); // warm up: the token and the connection, so the figures below are the answer's alone
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var thrown = await Assert.ThrowsAsync<FeishuProtocolException>(() => feishu.CreateAsync());

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        output.WriteLine($"gzip bomb of {bomb.Length:N0} bytes: allocated {allocated:N0} bytes during the call; managed heap {before:N0} -> {after:N0}");
        Assert.Equal("corehr.v2.probation.assessment.create", thrown.EndpointId);
        Assert.Contains("MaxResponseSize (4194304 bytes, counted after decompression)", thrown.Message, StringComparison.Ordinal);
        // The buffer doubles up to the limit (4 KB ... 4 MB): about twice the limit in all, never the 256 MB.
        Assert.True(allocated < 4L * Limit, $"allocated {allocated:N0} bytes for one call");
        Assert.True(after - before < Limit, $"the managed heap grew by {after - before:N0} bytes and stayed so");
    }

    [Fact]
    public async Task A_body_of_200_MB_stops_at_the_limit_and_its_memory_is_given_back()
    {
        await using var server = RawHttpServer.Start(async (_, stream, cancellationToken) =>
        {
            // No Content-Length: the body ends when the connection does, so only reading it shows how long it is.
            await RawHttpServer.WriteHeadAsync(stream, "HTTP/1.1 200 OK\nContent-Type: application/json\nConnection: close", cancellationToken);
            var chunk = Encoding.ASCII.GetBytes("{\"code\":0,\"data\":{\"x\":\"" + new string('a', 64 * 1024));
            for (var sent = 0L; sent < 200_000_000; sent += chunk.Length)
            {
                await stream.WriteAsync(chunk, cancellationToken);
            }
        });
        using var connection = Connect(server.BaseAddress);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var thrown = await Assert.ThrowsAsync<FeishuProtocolException>(() => CallAsync(connection));

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        output.WriteLine($"200 MB body: allocated {allocated:N0} bytes during the call; managed heap {before:N0} -> {after:N0}");
        Assert.Contains("MaxResponseSize", thrown.Message, StringComparison.Ordinal);
        Assert.True(allocated < 4L * Limit, $"allocated {allocated:N0} bytes for one call");
        Assert.True(after - before < Limit, $"the managed heap grew by {after - before:N0} bytes and stayed so");
        Assert.Equal(1, server.ApiRequests);
    }

    [Fact]
    public async Task An_endless_chunked_body_ends_in_a_typed_exception_not_OutOfMemory()
    {
        await using var server = RawHttpServer.Start(async (_, stream, cancellationToken) =>
        {
            await RawHttpServer.WriteHeadAsync(stream, "HTTP/1.1 200 OK\nContent-Type: application/json\nTransfer-Encoding: chunked", cancellationToken);
            var chunk = Encoding.ASCII.GetBytes($"10000\r\n{new string(' ', 0x10000)}\r\n");
            // "Endless" but bounded, as every load the tests make is: 4 GB, far past any limit; the client leaves long before.
            for (var sent = 0L; sent < 4L * 1024 * 1024 * 1024; sent += 0x10000)
            {
                await stream.WriteAsync(chunk, cancellationToken);
            }
        });
        using var connection = Connect(server.BaseAddress);

        var thrown = await Assert.ThrowsAsync<FeishuProtocolException>(() => CallAsync(connection));

        Assert.Contains("more arrived", thrown.Message, StringComparison.Ordinal);
        Assert.Equal("loopback.v1.bounded.get", thrown.EndpointId);
    }

    [Fact]
    public async Task A_Content_Length_over_the_limit_is_refused_before_a_byte_of_the_body_is_read()
    {
        await using var server = RawHttpServer.Start(async (_, stream, cancellationToken) =>
        {
            await RawHttpServer.WriteHeadAsync(stream, "HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: 200000000", cancellationToken);
            // Only the head: the client must decide from it alone, without waiting for a body that never comes.
            await Task.Delay(Timeout.Infinite, cancellationToken);
        });
        using var connection = Connect(server.BaseAddress);

        var thrown = await Assert.ThrowsAsync<FeishuProtocolException>(() => CallAsync(connection));

        Assert.Contains("its Content-Length is 200000000 bytes", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_endpoint_has_the_same_limit()
    {
        await using var feishu = await FaultyFeishu.StartAsync(configure: o => o.MaxResponseSize = 1024);
        var padded = $$"""{"code":0,"msg":"{{new string('x', 4096)}}","tenant_access_token":"t-big","expire":7200}""";
        feishu.Server.Map("POST", FakeFeishu.TokenPath, _ => FakeAnswer.Json(200, padded));

        var thrown = await Assert.ThrowsAnyAsync<FeishuException>(() => feishu.CreateAsync());

        var protocol = Assert.IsType<FeishuProtocolException>(thrown);
        Assert.Equal("auth.v3.tenant_access_token.internal", protocol.EndpointId);
        Assert.Contains("MaxResponseSize (1024 bytes", protocol.Message, StringComparison.Ordinal);
        Assert.Empty(feishu.Server.ApiRequests);
    }

    [Fact]
    public async Task An_answer_of_exactly_the_limit_is_read()
    {
        await using var feishu = await FaultyFeishu.StartAsync(configure: o => o.MaxResponseSize = 1024);
        var answer = """{"code":0,"msg":"success","data":{"assessment_ids":["7140964208476371991"]}}""";
        var exact = answer + new string(' ', 1024 - answer.Length);
        feishu.Server.Map("POST", FaultyFeishu.CreatePath, _ => FakeAnswer.Json(200, exact));

        var created = await feishu.CreateAsync();

        Assert.Equal(["7140964208476371991"], created.AssessmentIds);
        Assert.Throws<ArgumentException>(() => new FeishuClientOptions { AppId = "a", AppSecret = "s", MaxResponseSize = 1023 }.Validate());
    }

    private static byte[] GzipOfZeros(int length)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize))
        {
            var zeros = new byte[1024 * 1024];
            for (var written = 0; written < length; written += zeros.Length)
            {
                gzip.Write(zeros);
            }
        }

        return compressed.ToArray();
    }

    private static readonly FeishuEndpoint s_get = new("loopback.v1.bounded.get", "GET", "/open-apis/loopback/v1/bounded", hasBody: false, FeishuAccessTokenTypes.Tenant, [], []);

    private static FeishuConnection Connect(Uri baseAddress) => new(new FeishuClientOptions
    {
        AppId = "cli_bounded",
        AppSecret = "sec_B0und3dAnsw3rs_k2",
        BaseAddress = baseAddress,
        MaxResponseSize = Limit,
        Retry = { MaxAttempts = 1 },
    });

    private static Task<HandWritten.RawDataResponse> CallAsync(FeishuConnection connection)
        => connection.SendAsync<PathRequest, HandWritten.RawDataResponse>(s_get, new PathRequest(s_get.PathTemplate), CancellationToken.None);
}
