using Feishu;
using FeishuApiGen.Runtime.Tests.Support;
using FeishuApiGen.Testing;
using Gen = Feishu.Corehr.V2;

namespace FeishuApiGen.Runtime.Tests.Generated;

/// <summary>
/// A loopback Feishu that misbehaves on script and a generated <see cref="FeishuClient"/> pointed at it. Retry waits are
/// tiny (1-5 ms) unless a test brings its own clock; then the server and client share it, so waits are measured exactly.
/// </summary>
internal sealed class FaultyFeishu : IAsyncDisposable
{
    public const string AppId = "cli_fault_injection";
    public const string AppSecret = "sec_F4ultInj3ct_q8W2";
    public const string CreatePath = "/open-apis/corehr/v2/probation/assessments";
    public const string CreatedId = "7140964208476371991";

    private FaultyFeishu(FakeFeishu server, FeishuClient feishu)
    {
        Server = server;
        Feishu = feishu;
    }

    public FakeFeishu Server { get; }

    public FeishuClient Feishu { get; }

    public static async Task<FaultyFeishu> StartAsync(TimeProvider? clock = null, Action<FeishuClientOptions>? configure = null)
    {
        var server = await FakeFeishu.StartAsync(new FakeFeishuOptions
        {
            AppId = AppId,
            AppSecret = AppSecret,
            TimeProvider = clock ?? TimeProvider.System,
        });
        var options = new FeishuClientOptions
        {
            AppId = AppId,
            AppSecret = AppSecret,
            BaseAddress = server.BaseAddress,
            TimeProvider = clock ?? TimeProvider.System,
            Retry = { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
        };
        configure?.Invoke(options);
        return new FaultyFeishu(server, new FeishuClient(options));
    }

    public static Gen.CreateProbationAssessmentRequest NewRequest(string employmentId = "7140964208476371111") => new()
    {
        EmploymentId = employmentId,
        Assessments = [new Gen.CreateProbationAssessment.AssessmentForCreate { AssessmentStatus = Gen.AssessmentStatus.Completed, IsFinalAsssessment = false }],
    };

    /// <summary>Feishu's answer to a create: the new assessment's id.</summary>
    public static FakeAnswer Created(string id = CreatedId) => FakeAnswer.Success($$"""{"assessment_ids":["{{id}}"]}""");

    public Task<Gen.CreateProbationAssessmentResponse> CreateAsync(Gen.CreateProbationAssessmentRequest? request = null, CancellationToken cancellationToken = default)
        => Feishu.Corehr.V2.ProbationAssessment.CreateAsync(request ?? NewRequest(), cancellationToken);

    /// <summary>
    /// Asserts the server got <paramref name="count"/> API requests, all one call: the same URL (so the same 32-hex
    /// <c>client_token</c>, filled by the runtime) and the same body. Returns the key.
    /// </summary>
    public string AssertOneCallSent(int count)
    {
        var sent = Server.ApiRequests;
        Assert.Equal(count, sent.Count);
        var key = Assert.Single(sent[0].Query("client_token"));
        Assert.Matches("^[0-9a-f]{32}$", key);
        Assert.All(sent, request =>
        {
            Assert.Equal(sent[0].Path + sent[0].QueryString, request.Path + request.QueryString);
            Assert.Equal(sent[0].Body, request.Body);
        });
        return key;
    }

    /// <summary>Waits (polling, at most 10 s) until the server has seen <paramref name="count"/> API requests: a sync point, not a timing assertion.</summary>
    public async Task WhenApiRequestsAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Server.ApiRequests.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the server saw {Server.ApiRequests.Count} API requests, not {count}");
            await Task.Delay(5);
        }
    }

    public void AssertNoSecretIn(Exception exception) => SecretScan.AssertClean(exception, [AppSecret, .. Server.IssuedTokens]);

    public async ValueTask DisposeAsync()
    {
        Feishu.Dispose();
        await Server.DisposeAsync();
    }
}
