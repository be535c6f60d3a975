using System.Diagnostics;
using System.Globalization;

namespace FeishuApiGen.Runtime.Tests.Fleet;

/// <summary>
/// One instance of the fleet as its own operating-system process (tests/FeishuApiGen.FleetWorker), driven by commands
/// on its standard input, each answered by one line. Killed on dispose if it is still running.
/// </summary>
internal sealed class FleetProcess : IAsyncDisposable
{
    // Generous bounds: a loaded machine may be slow to start a process; what is measured never depends on them.
    private static readonly TimeSpan s_startBound = TimeSpan.FromMinutes(2);
    private readonly Process _process;
    private readonly Task<string> _errors;
    private int _disposed;

    private FleetProcess(Process process)
    {
        _process = process;
        _errors = process.StandardError.ReadToEndAsync();
    }

    /// <summary>
    /// Starts an instance of app <c>appId</c> calling <c>feishu</c> and waits until it is ready (connected, token fetched,
    /// warmed up). <c>redis</c> is a Redis configuration, or <c>none</c> for an instance on its own; <c>scale</c> is the
    /// fraction of each documented rate limit the instance enforces.
    /// </summary>
    public static async Task<FleetProcess> StartAsync(Uri feishu, string appId, string appSecret, string redis, double scale)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { WorkerPath(), feishu.ToString(), appId, appSecret, redis, scale.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var instance = new FleetProcess(Process.Start(start)!);
        var ready = await instance.ReadLineAsync(s_startBound);
        if (ready != "ready")
        {
            await instance.DisposeAsync();
            Assert.Fail($"a fleet process did not start: {ready} {await instance.ErrorsAsync()}");
        }

        return instance;
    }

    /// <summary>Starts <paramref name="count"/> instances, one after another.</summary>
    public static async Task<FleetProcess[]> StartManyAsync(int count, Uri feishu, string appId, string appSecret, string redis, double scale)
    {
        var fleet = new List<FleetProcess>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                fleet.Add(await StartAsync(feishu, appId, appSecret, redis, scale));
            }

            return [.. fleet];
        }
        catch
        {
            foreach (var started in fleet)
            {
                await started.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Sends <paramref name="command"/> without waiting for its answer, so several instances can be started on it together.</summary>
    public async Task SendAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>
    /// The answer to the command sent last, waited for at most <paramref name="bound"/>: a hang fails the test, and the
    /// process is killed then, so nothing is left reading.
    /// </summary>
    public async Task<string> AnswerAsync(TimeSpan bound) => await ReadLineAsync(bound) ?? "(no answer: the process ended) " + await ErrorsAsync();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task<string?> ReadLineAsync(TimeSpan bound)
    {
        try
        {
            return await _process.StandardOutput.ReadLineAsync().WaitAsync(bound);
        }
        catch (TimeoutException)
        {
            // Killed, so the read still pending ends, and the error output is complete.
            await DisposeAsync();
            return $"(no answer within {bound}) {await ErrorsAsync()}";
        }
    }

    /// <summary>What the process wrote to its error output, once it has ended (bounded: only for a failure's message).</summary>
    private async Task<string> ErrorsAsync()
    {
        try
        {
            return await _errors.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is TimeoutException or ObjectDisposedException or IOException)
        {
            return "(its error output could not be read: " + ex.GetType().Name + ")";
        }
    }

    /// <summary>tests/FeishuApiGen.Runtime.Tests/bin/{configuration}/{framework}/ → the worker's own output of that configuration.</summary>
    private static string WorkerPath()
    {
        var testsOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var worker = Path.Combine(testsOutput.Parent!.Parent!.Parent!.Parent!.FullName, "FeishuApiGen.FleetWorker", "bin", testsOutput.Parent.Name, testsOutput.Name, "FeishuApiGen.FleetWorker.dll");
        Assert.True(File.Exists(worker), "the fleet worker was not built: " + worker);
        return worker;
    }
}
