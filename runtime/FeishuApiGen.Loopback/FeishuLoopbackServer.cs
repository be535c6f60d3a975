using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FeishuApiGen.Loopback;

/// <summary>
/// A stand-in for the Feishu Open Platform on <c>http://127.0.0.1:&lt;port&gt;</c>, served by Kestrel.
/// It issues tenant_access_tokens, rejects calls without a valid one (or a known user_access_token) the way Feishu does, answers mapped routes with
/// the responders given to <see cref="Map(string, string, Func{LoopbackRequest, LoopbackResponse})"/>, records every
/// request, and puts an <c>X-Tt-Logid</c> header on every answer.
/// </summary>
public sealed class FeishuLoopbackServer : IAsyncDisposable
{
    /// <summary>The built-in token endpoint's path.</summary>
    public const string TokenPath = "/open-apis/auth/v3/tenant_access_token/internal";

    private static readonly TimeSpan s_stopTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private readonly FeishuLoopbackOptions _options;
    private readonly ConcurrentQueue<LoopbackRequest> _requests = new();
    private readonly ConcurrentQueue<string> _issuedTokens = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _validTokens = new(StringComparer.Ordinal);
    private readonly Lock _routesLock = new();
    private readonly List<Route> _routes = [];
    private int _tokenRequests;

    private FeishuLoopbackServer(WebApplication app, FeishuLoopbackOptions options)
    {
        _app = app;
        _options = options;
        BaseAddress = null!;
    }

    /// <summary>The server's address, <c>http://127.0.0.1:&lt;port&gt;</c>; use it as <c>FeishuClientOptions.BaseAddress</c>.</summary>
    public Uri BaseAddress { get; private set; }

    /// <summary>Every request received so far, token requests included, in arrival order.</summary>
    public IReadOnlyList<LoopbackRequest> Requests => [.. _requests];

    /// <summary>The requests other than token requests.</summary>
    public IReadOnlyList<LoopbackRequest> ApiRequests => [.. _requests.Where(r => !r.IsTokenRequest)];

    /// <summary>How many token requests arrived (successful or not).</summary>
    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>Every token issued so far, in order.</summary>
    public IReadOnlyList<string> IssuedTokens => [.. _issuedTokens];

    /// <summary>Starts a server on a free loopback port.</summary>
    /// <param name="options">Credentials and token lifetime; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<FeishuLoopbackServer> StartAsync(FeishuLoopbackOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FeishuLoopbackOptions();

        // The empty builder reads no configuration files, environment or command line and logs nothing: a hermetic server.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();

        var server = new FeishuLoopbackServer(app, options);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseAddress = new Uri(address, UriKind.Absolute);
        return server;
    }

    /// <summary>
    /// Answers <paramref name="method"/> <paramref name="path"/> with <paramref name="responder"/>. A later map of the same route replaces it;
    /// a map of <see cref="TokenPath"/> replaces the built-in token endpoint. Routes other than the token endpoint are reached only
    /// with a valid token.
    /// </summary>
    /// <param name="method">HTTP method (any case).</param>
    /// <param name="path">The path; a <c>:name</c> segment matches any one raw (still encoded) segment.</param>
    /// <param name="responder">Builds the answer from the recorded request.</param>
    public void Map(string method, string path, Func<LoopbackRequest, LoopbackResponse> responder)
    {
        ArgumentNullException.ThrowIfNull(responder);
        Map(method, path, request => Task.FromResult(responder(request)));
    }

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> with an asynchronous <paramref name="responder"/>.</summary>
    /// <param name="method">HTTP method (any case).</param>
    /// <param name="path">The path; a <c>:name</c> segment matches any one raw (still encoded) segment.</param>
    /// <param name="responder">Builds the answer from the recorded request.</param>
    public void Map(string method, string path, Func<LoopbackRequest, Task<LoopbackResponse>> responder)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(responder);
        var route = new Route(method.ToUpperInvariant(), path.Split('/'), responder);
        lock (_routesLock)
        {
            _routes.RemoveAll(r => r.Method == route.Method && r.Segments.SequenceEqual(route.Segments));
            _routes.Add(route);
        }
    }

    /// <summary>
    /// Answers <paramref name="method"/> <paramref name="path"/> from a script: the first matching request gets the first
    /// response, the second the second, and every request after the script ends gets its last response. For fault
    /// injection: <c>MapScript("POST", path, LoopbackResponse.Error(500, ...), LoopbackResponse.Success(...))</c>.
    /// On the token route, <see cref="LoopbackResponse.BuiltIn"/> issues a real token.
    /// </summary>
    /// <param name="method">HTTP method (any case).</param>
    /// <param name="path">The path; a <c>:name</c> segment matches any one raw segment.</param>
    /// <param name="script">The responses in order; at least one.</param>
    public void MapScript(string method, string path, params LoopbackResponse[] script)
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
        LoopbackResponse response;
        try
        {
            response = await RespondAsync(request).ConfigureAwait(false);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            response = LoopbackResponse.Error(500, -1, $"The loopback responder threw {ex.GetType().Name}: {ex.Message}");
        }

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

        request.LogId = response.OmitLogId ? null : response.LogId ?? NewLogId();
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

    private async Task<LoopbackRequest> RecordAsync(HttpContext context)
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

        var request = new LoopbackRequest(
            context.Request.Method.ToUpperInvariant(),
            path,
            query,
            headers,
            Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length),
            _options.TimeProvider.GetUtcNow(),
            context.RequestAborted);
        _requests.Enqueue(request);
        return request;
    }

    private async Task<LoopbackResponse> RespondAsync(LoopbackRequest request)
    {
        if (request.IsTokenRequest)
        {
            Interlocked.Increment(ref _tokenRequests);
            if (_options.TokenResponseDelay > TimeSpan.Zero)
            {
                await Task.Delay(_options.TokenResponseDelay, request.RequestAborted).ConfigureAwait(false);
            }

            // A map of the token path replaces the built-in endpoint, to inject token failures.
            var answer = FindRoute(request) is { } tokenRoute ? await tokenRoute.Responder(request).ConfigureAwait(false) : LoopbackResponse.BuiltIn;
            return answer.IsBuiltIn ? IssueToken(request) : answer;
        }

        var authorization = request.Header("Authorization");
        if (string.IsNullOrEmpty(authorization))
        {
            return LoopbackResponse.Error(400, 99991661, "Missing access token for authorization. Please make a request with token attached.");
        }

        var bearer = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : "";
        if (_options.UserAccessTokens.Contains(bearer))
        {
            return await RouteAsync(request).ConfigureAwait(false);
        }

        if (bearer.StartsWith("u-", StringComparison.Ordinal))
        {
            return LoopbackResponse.Error(400, 99991668, "Invalid access token for authorization. Please make a request with token attached.");
        }

        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal)
            || !_validTokens.TryGetValue(authorization["Bearer ".Length..], out var expiresAt)
            || expiresAt <= _options.TimeProvider.GetUtcNow())
        {
            return LoopbackResponse.Error(400, 99991663, "Invalid access token for authorization. Please make a request with token attached.");
        }

        return await RouteAsync(request).ConfigureAwait(false);
    }

    private async Task<LoopbackResponse> RouteAsync(LoopbackRequest request)
    {
        var route = FindRoute(request);
        return route is null
            ? LoopbackResponse.Error(404, 404, $"404 page not found: no loopback route for {request.Method} {request.Path}")
            : await route.Responder(request).ConfigureAwait(false);
    }

    private LoopbackResponse IssueToken(LoopbackRequest request)
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
            return LoopbackResponse.Error(400, 10003, "invalid param: the body is not JSON");
        }

        if (appId is null || appSecret is null)
        {
            return LoopbackResponse.Error(400, 10003, "invalid param: app_id and app_secret are required");
        }

        if (appId != _options.AppId || appSecret != _options.AppSecret)
        {
            return LoopbackResponse.Error(400, 99991543, "app_id or app_secret is invalid");
        }

        var token = "t-" + Guid.NewGuid().ToString("N");
        _validTokens[token] = _options.TimeProvider.GetUtcNow() + _options.TokenLifetime;
        _issuedTokens.Enqueue(token);
        return LoopbackResponse.Json(200, JsonText.Write(json =>
        {
            json.WriteNumber("code", 0);
            json.WriteString("msg", "ok");
            json.WriteString("tenant_access_token", token);
            json.WriteNumber("expire", (long)_options.TokenLifetime.TotalSeconds);
        }));
    }

    private Route? FindRoute(LoopbackRequest request)
    {
        var segments = request.Path.Split('/');
        lock (_routesLock)
        {
            // Last mapped wins, so a test can override a route it set up earlier.
            for (var i = _routes.Count - 1; i >= 0; i--)
            {
                if (_routes[i].Matches(request.Method, segments))
                {
                    return _routes[i];
                }
            }
        }

        return null;
    }

    private string NewLogId()
        => _options.TimeProvider.GetUtcNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + RandomNumberGenerator.GetHexString(18);

    private sealed record Route(string Method, string[] Segments, Func<LoopbackRequest, Task<LoopbackResponse>> Responder)
    {
        public bool Matches(string method, string[] segments)
        {
            if (method != Method || segments.Length != Segments.Length)
            {
                return false;
            }

            for (var i = 0; i < segments.Length; i++)
            {
                var template = Segments[i];
                var matches = template.StartsWith(':') ? segments[i].Length > 0 : template == segments[i];
                if (!matches)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
