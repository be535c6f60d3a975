using System.Diagnostics;
using Feishu;
using FeishuApiGen.Runtime.Tests.Support;
using FeishuApiGen.Testing;
using Gen = Feishu.Corehr.V2;

namespace FeishuApiGen.Runtime.Tests.Fleet;

/// <summary>
/// The fleet as it runs: several operating-system processes (tests/FeishuApiGen.FleetWorker) of one app calling the same
/// endpoint of the fake Feishu at once, with a real redis-server between them. They start their calls together on a
/// signal, so what spreads the calls out in time is the shared budget, not the processes' start-up.
/// </summary>
public sealed class FleetProcessTests(Xunit.Abstractions.ITestOutputHelper output) : FleetTest("cli_fleet_processes", "fleet_process_secret")
{
    [Fact]
    public async Task Three_processes_share_one_token_and_together_stay_within_the_documented_rate_losing_no_call()
    {
        // Search: 1000 per minute and 50 per second; at a tenth, 5 per second for the whole fleet.
        await RunFleetAsync(processes: 3, callsEach: 10, redis: Redis.Configuration);

        var requests = Fake.RequestsTo(Gen.SearchProbationRequest.FeishuEndpoint).OrderBy(r => r.ReceivedAt).ToList();
        Assert.Equal(30, requests.Count);
        Assert.All(requests, r => Assert.Equal(200, r.Answer!.StatusCode));
        Assert.Equal(1, Fake.TokenRequests);
        // Granted 5 at once and 5 more each second, the last 5 no sooner than 5 s after the first: by the time they reach
        // the fake, at least 3 s apart (two seconds allowed for the first requests' own way there on a loaded machine).
        // Uncoordinated, the three processes' 30 calls arrive within about a second (each sends 5 at once and 5 a second
        // later): the test below.
        var span = requests[^1].ReceivedAt - requests[0].ReceivedAt;
        Assert.True(span >= TimeSpan.FromSeconds(3), $"30 calls of the fleet reached Feishu within {span}: more than 5 per second");
        Report(requests);
    }

    [Fact]
    public async Task Without_Redis_each_process_fetches_its_own_token_and_every_call_is_still_answered()
    {
        // The same fleet, each process on its own limiter and token: what coordination saves.
        await RunFleetAsync(processes: 3, callsEach: 10, redis: "none");

        var requests = Fake.RequestsTo(Gen.SearchProbationRequest.FeishuEndpoint).OrderBy(r => r.ReceivedAt).ToList();
        Assert.Equal(30, requests.Count);
        Assert.Equal(3, Fake.TokenRequests);
        Report(requests);
    }

    /// <summary>Writes how many calls reached Feishu in each second from the first (not asserted: it depends on the machine).</summary>
    private void Report(List<ReceivedRequest> requests)
    {
        var perSecond = requests.GroupBy(r => (int)(r.ReceivedAt - requests[0].ReceivedAt).TotalSeconds).OrderBy(g => g.Key).Select(g => $"s{g.Key}: {g.Count()}");
        output.WriteLine("calls reaching Feishu per second: " + string.Join(", ", perSecond));
    }

    private async Task RunFleetAsync(int processes, int callsEach, string redis)
    {
        // tests/FeishuApiGen.Runtime.Tests/bin/<configuration>/<framework>/ → the worker's own output of that configuration.
        var testsOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var worker = Path.Combine(testsOutput.Parent!.Parent!.Parent!.Parent!.FullName, "FeishuApiGen.FleetWorker", "bin", testsOutput.Parent.Name, testsOutput.Name, "FeishuApiGen.FleetWorker.dll");
        Assert.True(File.Exists(worker), "the fleet worker was not built: " + worker);
        var startFile = Path.Combine(Path.GetTempPath(), "feishuapigen-fleet-" + Guid.NewGuid().ToString("N"));
        var running = new List<(Process Process, Task<string> Output, Task<string> Error)>();
        try
        {
            for (var i = 0; i < processes; i++)
            {
                var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var argument in new[] { worker, Fake.BaseAddress.ToString(), AppId, AppSecret, redis, callsEach.ToString(System.Globalization.CultureInfo.InvariantCulture), "0.1", startFile })
                {
                    start.ArgumentList.Add(argument);
                }

                var process = Process.Start(start)!;
                // Ready once it printed its first line: connected and built, before any call.
                var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2));
                Assert.Equal("ready", ready);
                running.Add((process, process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync()));
            }

            await File.WriteAllTextAsync(startFile, "go");
            foreach (var (process, output, error) in running)
            {
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
                Assert.True(process.ExitCode == 0, $"a fleet process failed ({process.ExitCode}): {await output}{await error}");
            }
        }
        finally
        {
            foreach (var (process, _, _) in running)
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                process.Dispose();
            }

            File.Delete(startFile);
        }
    }
}
