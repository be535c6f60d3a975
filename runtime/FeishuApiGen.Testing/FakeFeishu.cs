using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FeishuApiGen.Testing;

/// <summary>
/// A fake Feishu Open Platform on <c>http://127.0.0.1:&lt;port&gt;</c>, served by Kestrel, for integration tests.
/// Started for a generated client (<see cref="StartAsync{TClient}"/>) it answers every endpoint the client calls: a
/// request the spec refuses gets Feishu's refusal (HTTP 400, code 99992402, <c>error.field_violations</c>), any other the
/// spec's example answer. It issues tenant_access_tokens and rejects calls without a valid one (or a known
/// user_access_token) the way Feishu does, plays answers a test scripts (<see cref="MapScript(FeishuEndpoint, FakeAnswer[])"/>:
/// errors, 429 with reset headers, delays, dropped connections), records every request, and puts an <c>X-Tt-Logid</c>
/// header on every answer.
/// </summary>
public sealed class FakeFeishu : IAsyncDisposable
{
    /// <summary>The built-in token endpoint's path.</summary>
    public const string TokenPath = "/open-apis/auth/v3/tenant_access_token/internal";

    private static readonly TimeSpan s_stopTimeout = TimeSpan.FromSeconds(5);

    // Feishu sends Chinese text as is, not as \u escapes.
    private static readonly JsonSerializerOptions s_relaxedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly WebApplication _app;
    private readonly FakeFeishuOptions _options;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly ConcurrentQueue<string> _issuedTokens = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _validTokens = new(StringComparer.Ordinal);
    // Guards the scripted routes and the served contracts.
    private readonly Lock _lock = new();
    private readonly List<Route> _routes = [];
    private readonly List<ServedEndpoint> _contracts = [];
    private int _tokenRequests;

    private FakeFeishu(WebApplication app, FakeFeishuOptions options)
    {
        _app = app;
        _options = options;
        BaseAddress = null!;
    }

    /// <summary>The server's address, <c>http://127.0.0.1:&lt;port&gt;</c>; use it as <c>FeishuClientOptions.BaseAddress</c>.</summary>
    public Uri BaseAddress { get; private set; }

    /// <summary>Every request received so far, token requests included, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    /// <summary>The requests other than token requests.</summary>
    public IReadOnlyList<ReceivedRequest> ApiRequests => [.. _requests.Where(r => !r.IsTokenRequest)];

    /// <summary>How many token requests arrived (successful or not).</summary>
    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>Every token issued so far, in order.</summary>
    public IReadOnlyList<string> IssuedTokens => [.. _issuedTokens];

    /// <summary>
    /// Starts a fake that answers every endpoint <typeparamref name="TClient"/> calls, from their specs (see
    /// <see cref="Serve"/>), on a free loopback port.
    /// </summary>
    /// <typeparam name="TClient">The generated client (<c>FeishuClient</c>).</typeparam>
    /// <param name="options">Credentials and token lifetime; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<FakeFeishu> StartAsync<TClient>(FakeFeishuOptions? options = null, CancellationToken cancellationToken = default)
        where TClient : class, IFeishuClient<TClient>
    {
        var fake = await StartAsync(options, cancellationToken).ConfigureAwait(false);
        fake.Serve(TClient.EndpointContracts);
        return fake;
    }

    /// <summary>Starts a server on a free loopback port.</summary>
    /// <param name="options">Credentials and token lifetime; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<FakeFeishu> StartAsync(FakeFeishuOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeFeishuOptions();

        // The empty builder reads no configuration files, environment or command line and logs nothing: a hermetic server.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();

        var server = new FakeFeishu(app, options);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseAddress = new Uri(address, UriKind.Absolute);
        return server;
    }

    /// <summary>
    /// Options for a client of this fake: its address and the credentials it accepts, with retries quick enough for tests
    /// (no backoff wait longer than 10 ms).
    /// </summary>
    public FeishuClientOptions ClientOptions() => new()
    {
        AppId = _options.AppId,
        AppSecret = _options.AppSecret,
        BaseAddress = BaseAddress,
        Retry = { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(10) },
    };

    /// <summary>
    /// Answers each endpoint as its spec says: a request that breaks the spec (a value of the wrong type, a required member
    /// missing, a value outside its enum or limits) gets HTTP 400 with code <see cref="FeishuErrorCodes.FieldValidationFailed"/> and
    /// every problem in <c>error.field_violations</c>, as Feishu answers one; any other gets the spec's example answer
    /// (<c>{"code":0,"msg":"success","data":{}}</c> when the spec has none). A route mapped with <c>Map</c> or
    /// <c>MapScript</c> answers before the spec does; its <see cref="FakeAnswer.BuiltIn"/> hands the request back to it.
    /// </summary>
    /// <param name="contracts">The endpoints, e.g. a generated client's <c>EndpointContracts</c>.</param>
    public void Serve(IEnumerable<FeishuEndpointContract> contracts)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        lock (_lock)
        {
            foreach (var contract in contracts)
            {
                _contracts.RemoveAll(c => c.Contract.Endpoint.Id == contract.Endpoint.Id);
                _contracts.Add(new ServedEndpoint(contract, PathTemplate.Of(contract.Endpoint)));
            }
        }
    }

    /// <summary>
    /// The requests that reached <paramref name="endpoint"/>, in arrival order, whoever answered them. For an endpoint the
    /// fake serves, a request counts when the served endpoint its path fits best is this one; otherwise when its path fits.
    /// </summary>
    /// <param name="endpoint">A generated request type's <c>FeishuEndpoint</c>.</param>
    public IReadOnlyList<ReceivedRequest> RequestsTo(FeishuEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var template = PathTemplate.Of(endpoint);
        return [.. _requests.Where(r => r.Endpoint is { } served ? served.Id == endpoint.Id : !r.IsTokenRequest && template.Matches(r.Method, r.Path))];
    }

    /// <summary>Answers <paramref name="endpoint"/> with <paramref name="responder"/>, before its spec does.</summary>
    /// <param name="endpoint">A generated request type's <c>FeishuEndpoint</c>.</param>
    /// <param name="responder">Builds the answer from the recorded request; <see cref="FakeAnswer.BuiltIn"/> answers as the spec says.</param>
    public void Map(FeishuEndpoint endpoint, Func<ReceivedRequest, FakeAnswer> responder)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Map(endpoint.Method.Method, endpoint.PathTemplate, responder);
    }

    /// <summary>
    /// Answers <paramref name="endpoint"/> from a script, before its spec does: the first request gets the first answer,
    /// and every request after the script ends gets its last. <see cref="FakeAnswer.BuiltIn"/> in a script answers as the
    /// spec says: <c>MapScript(endpoint, FakeAnswer.Error(429, 99991400, "rate limited").WithHeader("x-ogw-ratelimit-reset", "1"), FakeAnswer.BuiltIn)</c>.
    /// </summary>
    /// <param name="endpoint">A generated request type's <c>FeishuEndpoint</c>.</param>
    /// <param name="script">The answers in order; at least one.</param>
    public void MapScript(FeishuEndpoint endpoint, params FakeAnswer[] script)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        MapScript(endpoint.Method.Method, endpoint.PathTemplate, script);
    }

    /// <summary>
    /// Answers <paramref name="method"/> <paramref name="path"/> with <paramref name="responder"/>. A later map of the same route replaces it;
    /// a map of <see cref="TokenPath"/> replaces the built-in token endpoint. Routes other than the token endpoint are reached only
    /// with a valid token.
    /// </summary>
    /// <param name="method">HTTP method (any case).</param>
    /// <param name="path">The path; a <c>:name</c> segment matches any one raw (still encoded) segment.</param>
    /// <param name="responder">Builds the answer from the recorded request.</param>
    public void Map(string method, string path, Func<ReceivedRequest, FakeAnswer> responder)
    {
        ArgumentNullException.ThrowIfNull(responder);
        Map(method, path, request => Task.FromResult(responder(request)));
    }

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> with an asynchronous <paramref name="responder"/>.</summary>
    /// <param name="method">HTTP method (any case).</param>
    /// <param name="path">The path; a <c>:name</c> segment matches any one raw (still encoded) segment.</param>
    /// <param name="responder">Builds the answer from the recorded request.</param>
    public void Map(string method, string path, Func<ReceivedRequest, Task<FakeAnswer>> responder)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(responder);
        var route = new Route(new PathTemplate(method, path), path, responder);
        lock (_lock)
        {
            _routes.RemoveAll(r => r.Template.Method == route.Template.Method && r.Path == route.Path);
            _routes.Add(route);
        }
    }

    /// <summary>
    /// Answers <paramref name="method"/> <paramref name="path"/> from a script: the first matching request gets the first
    /// response, the second the second, and every request after the script ends gets its last response. For fault
    /// injection: <c>MapScript("POST", path, FakeAnswer.Error(500, ...), FakeAnswer.Success(...))</c>.
    /// On the token route, <see cref="FakeAnswer.BuiltIn"/> issues a real token.
    /// </summary>
    /// <param name="method">HTTP method (any case).</param>
    /// <param name="path">The path; a <c>:name</c> segment matches any one raw segment.</param>
    /// <param name="script">The responses in order; at least one.</param>
    public void MapScript(string method, string path, params FakeAnswer[] script)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentOutOfRangeException.ThrowIfZero(script.Length);
        var next = -1;
        Map(method, path, _ => script[Math.Min(Interlocked.Increment(ref next), script.Length - 1)]);
    }

    /// <summary>Invalidates every token issued so far, as if they had expired; later calls with them get code 99991663.</summary>
    public void RevokeTokens() => _validTokens.Clear();

    /// <summary>Forgets the recorded requests (the token counter too).</summary>
    public void ClearRequests()
    {
        _requests.Clear();
        Interlocked.Exchange(ref _tokenRequests, 0);
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(s_stopTimeout);
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = await RecordAsync(context).ConfigureAwait(false);
        FakeAnswer response;
        try
        {
            response = await RespondAsync(request).ConfigureAwait(false);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            response = FakeAnswer.Error(500, -1, $"The fake's responder threw {ex.GetType().Name}: {ex.Message}");
        }

        // Set before any delay, so a test can see what a stalled request is waiting to be answered.
        request.LogId = response.OmitLogId ? null : response.LogId ?? NewLogId();
        request.Answer = response;
        if (response.Delay != TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(response.Delay, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The client gave up waiting (e.g. its attempt timed out): nobody to answer.
                return;
            }
        }

        context.Response.StatusCode = response.StatusCode;
        if (request.LogId is not null)
        {
            context.Response.Headers["X-Tt-Logid"] = request.LogId;
        }

        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (response.ContentType is not null)
        {
            context.Response.ContentType = response.ContentType;
        }

        context.Response.ContentLength = response.Body.Length;
        if (response.DropAfterBytes is { } sent)
        {
            // Promise the whole body, send part of it, and cut the connection: the client sees the answer end early.
            await context.Response.Body.WriteAsync(response.Body.AsMemory(0, Math.Min(sent, response.Body.Length)), context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            // Abort alone resets the connection, and a reset can overtake the bytes just flushed; a moment's pause and a
            // half-close first let the client read the head and part of the body, then see the answer end early.
            await Task.Delay(TimeSpan.FromMilliseconds(20), context.RequestAborted).ConfigureAwait(false);
            context.Features.Get<IConnectionSocketFeature>()?.Socket.Shutdown(SocketShutdown.Send);
            context.Abort();
            return;
        }

        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task<ReceivedRequest> RecordAsync(HttpContext context)
    {
        // The raw target shows exactly what the client sent, before Kestrel decodes or normalizes the path.
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var query = queryStart < 0 ? "" : rawTarget[queryStart..];

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in context.Request.Headers)
        {
            headers[name] = string.Join(", ", values.ToArray());
        }

        var request = new ReceivedRequest(
            context.Request.Method.ToUpperInvariant(),
            path,
            query,
            headers,
            body.ToArray(),
            _options.TimeProvider.GetUtcNow(),
            context.RequestAborted);
        // Which served endpoint it is for is known before anyone answers, so RequestsTo counts scripted answers too.
        request.Served = FindContract(request);
        _requests.Enqueue(request);
        return request;
    }

    private async Task<FakeAnswer> RespondAsync(ReceivedRequest request)
    {
        if (request.IsTokenRequest)
        {
            Interlocked.Increment(ref _tokenRequests);
            if (_options.TokenResponseDelay > TimeSpan.Zero)
            {
                await Task.Delay(_options.TokenResponseDelay, request.RequestAborted).ConfigureAwait(false);
            }

            // A map of the token path replaces the built-in endpoint, to inject token failures.
            var answer = FindRoute(request) is { } tokenRoute ? await tokenRoute.Responder(request).ConfigureAwait(false) : FakeAnswer.BuiltIn;
            return answer.IsBuiltIn ? IssueToken(request) : answer;
        }

        var authorization = request.Header("Authorization");
        if (string.IsNullOrEmpty(authorization))
        {
            return FakeAnswer.Error(400, 99991661, "Missing access token for authorization. Please make a request with token attached.");
        }

        var bearer = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : "";
        if (_options.UserAccessTokens.Contains(bearer))
        {
            return await RouteAsync(request).ConfigureAwait(false);
        }

        if (bearer.StartsWith("u-", StringComparison.Ordinal))
        {
            return FakeAnswer.Error(400, 99991668, "Invalid access token for authorization. Please make a request with token attached.");
        }

        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal)
            || !_validTokens.TryGetValue(authorization["Bearer ".Length..], out var expiresAt)
            || expiresAt <= _options.TimeProvider.GetUtcNow())
        {
            return FakeAnswer.Error(400, 99991663, "Invalid access token for authorization. Please make a request with token attached.");
        }

        return await RouteAsync(request).ConfigureAwait(false);
    }

    private async Task<FakeAnswer> RouteAsync(ReceivedRequest request)
    {
        var answer = FindRoute(request) is { } route ? await route.Responder(request).ConfigureAwait(false) : FakeAnswer.BuiltIn;
        if (!answer.IsBuiltIn)
        {
            return answer;
        }

        return request.Served is { } served
            ? AnswerAsSpecSays(served, request)
            : FakeAnswer.Error(404, 404, $"404 page not found: no fake route for {request.Method} {request.Path}");
    }

    private FakeAnswer AnswerAsSpecSays(ServedEndpoint served, ReceivedRequest request)
    {
        var violations = served.Contract.Check(request.ToWire(served.Template));
        if (violations.Count > 0)
        {
            return FakeAnswer.FieldViolations(violations, NewLogId());
        }

        var example = served.Contract.ExampleAnswer;
        if (example.IsEmpty)
        {
            return FakeAnswer.Success();
        }

        return FakeAnswer.Bytes(200, LastPageIfAskedFor(example, request) ?? example.ToArray());
    }

    /// <summary>
    /// A paged example says more pages follow (<c>has_more: true</c>, a <c>page_token</c>). Asked for that next page, the
    /// fake answers the example again as the last page (<c>has_more: false</c>, no token), so a walk over every page
    /// gets two pages and ends instead of being refused for a repeated token.
    /// </summary>
    private static byte[]? LastPageIfAskedFor(ReadOnlyMemory<byte> example, ReceivedRequest request)
    {
        var askedFor = request.Query("page_token");
        if (askedFor.Count == 0
            || JsonNode.Parse(example.Span) is not JsonObject { } answer
            || answer["data"] is not JsonObject data
            || data["has_more"] is not JsonValue hasMore || hasMore.GetValueKind() != JsonValueKind.True
            || data["page_token"] is not JsonValue token || token.GetValueKind() != JsonValueKind.String
            || !askedFor.Contains(token.GetValue<string>()))
        {
            return null;
        }

        data["has_more"] = false;
        data.Remove("page_token");
        return JsonSerializer.SerializeToUtf8Bytes(answer, s_relaxedJson);
    }

    private ServedEndpoint? FindContract(ReceivedRequest request)
    {
        lock (_lock)
        {
            return PathTemplate.MostSpecific(_contracts, c => c.Template, request.Method, request.Path);
        }
    }

    private FakeAnswer IssueToken(ReceivedRequest request)
    {
        string? appId = null, appSecret = null;
        try
        {
            using var json = JsonDocument.Parse(request.Body);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                appId = json.RootElement.TryGetProperty("app_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
                appSecret = json.RootElement.TryGetProperty("app_secret", out var secret) && secret.ValueKind == JsonValueKind.String ? secret.GetString() : null;
            }
        }
        catch (JsonException)
        {
            return FakeAnswer.Error(400, 10003, "invalid param: the body is not JSON");
        }

        if (appId is null || appSecret is null)
        {
            return FakeAnswer.Error(400, 10003, "invalid param: app_id and app_secret are required");
        }

        if (appId != _options.AppId || appSecret != _options.AppSecret)
        {
            return FakeAnswer.Error(400, 99991543, "app_id or app_secret is invalid");
        }

        var token = "t-" + Guid.NewGuid().ToString("N");
        _validTokens[token] = _options.TimeProvider.GetUtcNow() + _options.TokenLifetime;
        _issuedTokens.Enqueue(token);
        return FakeAnswer.Json(200, JsonText.Write(json =>
        {
            json.WriteNumber("code", 0);
            json.WriteString("msg", "ok");
            json.WriteString("tenant_access_token", token);
            json.WriteNumber("expire", (long)_options.TokenLifetime.TotalSeconds);
        }));
    }

    private Route? FindRoute(ReceivedRequest request)
    {
        lock (_lock)
        {
            return PathTemplate.MostSpecific(_routes, r => r.Template, request.Method, request.Path);
        }
    }

    private string NewLogId() => FakeAnswer.NewLogId(_options.TimeProvider);

    private sealed record Route(PathTemplate Template, string Path, Func<ReceivedRequest, Task<FakeAnswer>> Responder);
}
