using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FeishuApiGen.Benchmarks.RunTime;

/// <summary>
/// Feishu over a real socket: Kestrel on loopback, answering the token endpoint and every API call with fixed bytes
/// after draining the request body. It records nothing, so millions of calls cost it no memory.
/// </summary>
internal sealed class KestrelFeishu : IAsyncDisposable
{
    private static readonly byte[] TokenAnswer = Encoding.UTF8.GetBytes(
        "{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"" + InMemoryFeishu.Token + "\",\"expire\":7200}");

    private readonly WebApplication _app;

    private KestrelFeishu(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<KestrelFeishu> StartAsync(string answer)
    {
        var answerBytes = Encoding.UTF8.GetBytes(answer);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            var bytes = context.Request.Path.Value!.EndsWith("/tenant_access_token/internal", StringComparison.Ordinal) ? TokenAnswer : answerBytes;
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new KestrelFeishu(app, new Uri(address, UriKind.Absolute));
    }

    /// <summary>
    /// The handler both clients send with: the one the runtime's own client uses, with the same cap on connections, so
    /// neither client gets more sockets than the other.
    /// </summary>
    public static SocketsHttpHandler Handler(int maxConnections) => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        AllowAutoRedirect = false,
        MaxConnectionsPerServer = maxConnections,
    };

    /// <summary>
    /// A connection as users run it: the runtime's defaults, client-side rate limiting on. Calls go through it with
    /// <see cref="InMemoryFeishu.CreateEndpointWithUnboundLimit"/>, so the limiter does its bookkeeping but never waits.
    /// </summary>
    public FeishuConnection GeneratedConnection(int maxConnections) => new(
        InMemoryFeishu.Options(BaseAddress, rateLimiting: true),
        new HttpClient(Handler(maxConnections)) { Timeout = Timeout.InfiniteTimeSpan });

    public HandWrittenClient HandWrittenClient(int maxConnections) =>
        new(new HttpClient(Handler(maxConnections)) { Timeout = Timeout.InfiniteTimeSpan }, InMemoryFeishu.Token, BaseAddress.GetLeftPart(UriPartial.Authority));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
