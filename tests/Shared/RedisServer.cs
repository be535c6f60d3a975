using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FeishuApiGen.TestSupport;

/// <summary>
/// A real redis-server on 127.0.0.1 and a free port, nothing saved to disk. On a machine without it, it is installed
/// from Debian's packages first (as root, as CI runs): README's test command brings up what the tests need.
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private static readonly SemaphoreSlim s_install = new(1, 1);
    private static string? s_executable;
    private Process? _process;

    private RedisServer(string executable, int port)
    {
        Executable = executable;
        Port = port;
    }

    public string Executable { get; }

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string of this server.</summary>
    public string Configuration => "127.0.0.1:" + Port;

    /// <param name="installIfMissing">Whether to install Debian's redis-server when the machine has none (needs root).</param>
    public static async Task<RedisServer> StartAsync(bool installIfMissing = true)
    {
        var server = new RedisServer(await InstalledAsync(installIfMissing), FreePort());
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again, on the same port after <see cref="StopAsync"/>) and waits until it answers PING.</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // Generous: a loaded machine may take a while to start a process; nothing is measured here.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await AnswersPingAsync())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server on port {Port} did not answer PING (exited: {_process.HasExited}).");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Kills the server, as a crash or an outage would end it.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// A free port below Linux's range for outgoing connections (32768–60999), so that while the server is stopped no
    /// outgoing connection (a reconnecting client, an HTTP call) can take its port before it starts again.
    /// </summary>
    private static int FreePort()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_768);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        using var any = new TcpListener(IPAddress.Loopback, 0);
        any.Start();
        return ((IPEndPoint)any.LocalEndpoint).Port;
    }

    /// <summary>The redis-server executable, installed with apt-get when the machine has none.</summary>
    private static async Task<string> InstalledAsync(bool installIfMissing)
    {
        await s_install.WaitAsync();
        try
        {
            if (s_executable is not null)
            {
                return s_executable;
            }

            var found = Find();
            if (found is null && !installIfMissing)
            {
                throw new InvalidOperationException("redis-server is not installed (on Debian or Ubuntu: sudo apt-get install redis-server).");
            }

            if (found is null)
            {
                var (exit, output) = await RunAsync("/bin/sh", "-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server");
                found = Find() ?? throw new InvalidOperationException(
                    $"redis-server is not installed and 'apt-get install redis-server' failed (exit {exit}); install Debian's redis-server package:\n{output}");
            }

            return s_executable = found;
        }
        finally
        {
            s_install.Release();
        }
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/bin").Append("/usr/sbin")
            .Select(directory => Path.Combine(directory, "redis-server"))
            .FirstOrDefault(File.Exists);

    private static async Task<(int Exit, string Output)> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
