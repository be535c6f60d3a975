using FeishuApiGen.Runtime.Tests.HandWritten;
using FeishuApiGen.Testing;

namespace FeishuApiGen.Runtime.Tests.Support;

/// <summary>A loopback Feishu plus a connection to it, with credentials that are easy to search for in text.</summary>
public sealed class LoopbackHarness : IAsyncDisposable
{
    public const string AppId = "cli_runtime_tests";
    public const string AppSecret = "sec_R7x2Q9pLmN4vK8wZ";
    public const string WrongSecret = "sec_WRONG_5tY8uI1oP3";

    private LoopbackHarness(FakeFeishu server, FeishuConnection connection, FeishuClientOptions options)
    {
        Server = server;
        Connection = connection;
        Options = options;
    }

    public FakeFeishu Server { get; }

    public FeishuConnection Connection { get; }

    public FeishuClientOptions Options { get; }

    public static async Task<LoopbackHarness> StartAsync(
        Action<FeishuClientOptions>? configureClient = null,
        Action<FakeFeishuOptions>? configureServer = null)
    {
        var serverOptions = new FakeFeishuOptions { AppId = AppId, AppSecret = AppSecret, TokenLifetime = TimeSpan.FromHours(2) };
        configureServer?.Invoke(serverOptions);
        var server = await FakeFeishu.StartAsync(serverOptions);

        var options = new FeishuClientOptions
        {
            AppId = AppId,
            AppSecret = AppSecret,
            BaseAddress = server.BaseAddress,
            // Real retries with tiny waits, so tests exercise them without sleeping; tests that time waits use a fake clock.
            Retry = { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
        };
        configureClient?.Invoke(options);
        return new LoopbackHarness(server, new FeishuConnection(options), options);
    }

    /// <summary>Maps the seed endpoint to the doc's response example.</summary>
    public void MapSeedSuccess(string? logId = null)
        => Server.Map("POST", CreateProbationAssessmentRequest.Endpoint.PathTemplate, _ => FakeAnswer.Json(200, SeedExamples.Response, logId));

    public Task<CreateProbationAssessmentResponse> CreateAsync(CreateProbationAssessmentRequest? request = null, CancellationToken cancellationToken = default)
        => Connection.SendAsync<CreateProbationAssessmentRequest, CreateProbationAssessmentResponse>(
            CreateProbationAssessmentRequest.Endpoint, request ?? SeedExamples.CreateRequest(), cancellationToken);

    public Task<TResponse> SendAsync<TRequest, TResponse>(FeishuEndpoint endpoint, TRequest request, FeishuRequestOptions? options = null, CancellationToken cancellationToken = default)
        where TRequest : IFeishuRequest
        where TResponse : IFeishuResponse<TResponse>
        => Connection.SendAsync<TRequest, TResponse>(endpoint, request, options, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Connection.Dispose();
        await Server.DisposeAsync();
    }
}
