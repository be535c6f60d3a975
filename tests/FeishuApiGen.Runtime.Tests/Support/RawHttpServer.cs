using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FeishuApiGen.Runtime.Tests.Support;

/// <summary>
/// An HTTP/1.1 server on a raw socket at 127.0.0.1, for answers Kestrel will not send: an endless chunked body, a body
/// longer than anything sane, headers that lie. It answers the token path with a token itself and hands every other
/// request to the test's answer, which writes raw bytes; the connection is closed after it.
/// </summary>
public sealed class RawHttpServer : IAsyncDisposable
{
    public const string Token = "t-raw_server_token_0123456789";

    private readonly TcpListener _listener;
    private readonly Func<string, Stream, CancellationToken, Task> _answer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly List<Task> _connections = [];
    private int _apiRequests;

    private RawHttpServer(Func<string, Stream, CancellationToken, Task> answer)
    {
        _answer = answer;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync();
    }

    public Uri BaseAddress { get; }

    /// <summary>How many requests other than token requests arrived.</summary>
    public int ApiRequests => Volatile.Read(ref _apiRequests);

    /// <summary>Starts a server whose API answer is written by <paramref name="answer"/> (given the request path).</summary>
    public static RawHttpServer Start(Func<string, Stream, CancellationToken, Task> answer) => new(answer);

    /// <summary>Writes a status line and headers (CRLF-terminated, blank line included).</summary>
    public static Task WriteHeadAsync(Stream stream, string head, CancellationToken cancellationToken)
        => stream.WriteAsync(Encoding.ASCII.GetBytes(head.ReplaceLineEndings("\r\n").TrimEnd() + "\r\n\r\n"), cancellationToken).AsTask();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        await Task.WhenAll([_accepting, .. connections]).WaitAsync(TimeSpan.FromSeconds(30));
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_connections)
            {
                _connections.Add(ServeAsync(client));
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                while (await ReadRequestAsync(stream, _stop.Token) is { } path)
                {
                    if (path.StartsWith("/open-apis/auth/v3/tenant_access_token/internal", StringComparison.Ordinal))
                    {
                        var body = Encoding.UTF8.GetBytes($$"""{"code":0,"msg":"ok","tenant_access_token":"{{Token}}","expire":7200}""");
                        await WriteHeadAsync(stream, $"HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: {body.Length}", _stop.Token);
                        await stream.WriteAsync(body, _stop.Token);
                        continue;
                    }

                    Interlocked.Increment(ref _apiRequests);
                    await _answer(path, stream, _stop.Token);
                    return;
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away (as it should when it stops reading), or the server is stopping.
            }
        }
    }

    /// <summary>Reads one request (head and Content-Length body); returns its path, or null at the end of the connection.</summary>
    private static async Task<string?> ReadRequestAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                return null;
            }

            head.Append((char)one[0]);
        }

        var lines = head.ToString().Split("\r\n");
        var length = lines
            .Where(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(line => int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return lines[0].Split(' ')[1];
    }
}
