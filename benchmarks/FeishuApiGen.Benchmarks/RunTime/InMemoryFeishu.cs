using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Feishu;

namespace FeishuApiGen.Benchmarks.RunTime;

/// <summary>
/// Feishu answered from memory: the token endpoint and one API answer, fixed in advance. It drains every request
/// body, so each client must really produce its JSON; it allocates only the response message it must return.
/// </summary>
internal sealed class InMemoryFeishu : HttpMessageHandler
{
    public const string BaseAddress = "https://open.feishu.cn";
    public const string Token = "t-g1044ebSJXOVTVKW3ZQXJQFN4JLDP6XFSV3NOA2A";

    private static readonly MediaTypeHeaderValue JsonType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
    private static readonly byte[] TokenAnswer = Encoding.UTF8.GetBytes(
        "{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"" + Token + "\",\"expire\":7200}");

    private readonly byte[] _answer;

    public InMemoryFeishu(string answer) => _answer = Encoding.UTF8.GetBytes(answer);

    /// <summary>
    /// The generated client as measured in the table kept from earlier issues: the runtime's defaults (retries, timeouts,
    /// logging hooks) with client-side rate limiting off, because the spec's 100 calls a minute would make every measured
    /// call wait. The HttpClient has no Timeout, as the connection's own and AddFeishu's have: the connection times out
    /// instead, where the other clients' HttpClient.Timeout is their only timeout.
    /// </summary>
    public static FeishuClient GeneratedClient(InMemoryFeishu handler) =>
        new(Options(new Uri(BaseAddress), rateLimiting: false), new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan });

    /// <summary>The options the generated clients run with: the defaults, client-side rate limiting on or off.</summary>
    public static FeishuClientOptions Options(Uri baseAddress, bool rateLimiting) => new()
    {
        AppId = "cli_bench",
        AppSecret = "bench-secret",
        BaseAddress = baseAddress,
        // No window guard: it would stretch the 10 ms window below to 60 ms, and 10,000 per 60 ms binds at this speed.
        RateLimiting = new FeishuRateLimitOptions { Enabled = rateLimiting, WindowGuard = TimeSpan.Zero },
    };

    /// <summary>
    /// The create endpoint exactly as generated, except that its documented limit (100 a minute) is replaced by one that
    /// never binds here: 10,000 in any 10 ms, more than a million a second. Sent with rate limiting on, every call takes a
    /// permit and leaves its grant in the window's log, as users run it, but none waits, so the limiter's cost is measured
    /// and not Feishu's limit. The window is short on purpose: the limiter keeps one log entry per grant in its window, so
    /// a limit of a billion a second (the first choice) made the log hold every call of the last second, hundreds of
    /// thousands of entries, and measured a limiter no real endpoint has (the busiest documented window, 1000 a minute,
    /// holds at most 1000).
    /// </summary>
    public static FeishuEndpoint CreateEndpointWithUnboundLimit { get; } = new(
        Feishu.Corehr.V2.CreateProbationAssessmentRequest.FeishuEndpoint.Id,
        Feishu.Corehr.V2.CreateProbationAssessmentRequest.FeishuEndpoint.Method.Method,
        Feishu.Corehr.V2.CreateProbationAssessmentRequest.FeishuEndpoint.PathTemplate,
        Feishu.Corehr.V2.CreateProbationAssessmentRequest.FeishuEndpoint.HasBody,
        Feishu.Corehr.V2.CreateProbationAssessmentRequest.FeishuEndpoint.AccessTokens,
        [.. Feishu.Corehr.V2.CreateProbationAssessmentRequest.FeishuEndpoint.Scopes],
        [new FeishuRateLimit(10_000, TimeSpan.FromMilliseconds(10))])
    {
        IdempotencyKey = Feishu.Corehr.V2.CreateProbationAssessmentRequest.FeishuEndpoint.IdempotencyKey,
    };

    /// <summary>When set, the last API request's URI and body are kept (for the fairness check, never while measuring).</summary>
    public bool Record { get; set; }

    public (string Uri, string Body) Last { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var isToken = request.RequestUri!.AbsolutePath.EndsWith("/tenant_access_token/internal", StringComparison.Ordinal);
        if (Record && !isToken)
        {
            Last = (request.RequestUri.AbsoluteUri, request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
        else if (request.Content is not null)
        {
            await request.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }

        var content = new ByteArrayContent(isToken ? TokenAnswer : _answer);
        content.Headers.ContentType = JsonType;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }
}
