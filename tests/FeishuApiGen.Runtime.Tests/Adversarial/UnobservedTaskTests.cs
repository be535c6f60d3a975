using FeishuApiGen.Runtime.Tests.Generated;
using FeishuApiGen.Runtime.Tests.Support;
using FeishuApiGen.Testing;

namespace FeishuApiGen.Runtime.Tests.Adversarial;

/// <summary>
/// No task the runtime starts ever faults unobserved: a token fetch every caller abandoned, one that hangs until the
/// connection goes, one that fails after its callers left, and the fault scenarios of the API calls themselves. Run
/// alone, because <see cref="TaskScheduler.UnobservedTaskException"/> is process-wide.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class UnobservedTaskTests
{
    [Fact]
    public async Task Abandoned_hung_and_failed_fetches_and_faulty_calls_leave_no_unobserved_task_exception()
    {
        var unobserved = new List<Exception>();
        EventHandler<UnobservedTaskExceptionEventArgs> record = (_, e) =>
        {
            lock (unobserved)
            {
                unobserved.Add(e.Exception);
            }
        };
        TaskScheduler.UnobservedTaskException += record;
        try
        {
            await TokenFetchFailingAfterEveryCallerLeftAsync();
            await TokenFetchHangingAsync(configure: null, end: feishu => feishu.Feishu.Dispose());
            // The fetch's own timeout ends it, with a TimeoutRejectedException nobody awaits.
            await TokenFetchHangingAsync(configure: o => o.AttemptTimeout = TimeSpan.FromMilliseconds(200), end: _ => { });
            await FaultyCallsAsync();
            for (var i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= record;
        }

        Assert.Empty(unobserved);
    }

    private static async Task TokenFetchFailingAfterEveryCallerLeftAsync()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var feishu = await FaultyFeishu.StartAsync();
        feishu.Server.Map("POST", FakeFeishu.TokenPath, async _ =>
        {
            await gate.Task;
            return FakeAnswer.Error(400, 10003, "invalid param");
        });
        using var cancellation = new CancellationTokenSource();
        var calls = Enumerable.Range(0, 5).Select(_ => feishu.CreateAsync(cancellationToken: cancellation.Token)).ToList();
        await WhenAsync(() => feishu.Server.TokenRequests == 1);

        await cancellation.CancelAsync();
        foreach (var call in calls)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        }

        // Nobody waits any more; now the fetch fails.
        gate.SetResult();
        await WhenAsync(() => !feishu.Feishu.Connection.TokenFetchInFlight);
    }

    /// <summary>
    /// The token endpoint never answers and the one caller cancels; then <paramref name="end"/> ends the fetch nobody waits
    /// for (the connection's disposal), or its own timeout does.
    /// </summary>
    private static async Task TokenFetchHangingAsync(Action<FeishuClientOptions>? configure, Action<FaultyFeishu> end)
    {
        await using var feishu = await FaultyFeishu.StartAsync(configure: configure);
        feishu.Server.Map("POST", FakeFeishu.TokenPath, _ => FakeAnswer.Error(500, 55001, "never sent").WithDelay(Timeout.InfiniteTimeSpan));
        using var cancellation = new CancellationTokenSource();
        var call = feishu.CreateAsync(cancellationToken: cancellation.Token);
        await WhenAsync(() => feishu.Server.TokenRequests == 1);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        end(feishu);
        await WhenAsync(() => !feishu.Feishu.Connection.TokenFetchInFlight);
    }

    private static async Task FaultyCallsAsync()
    {
        await using var feishu = await FaultyFeishu.StartAsync(configure: o => o.AttemptTimeout = TimeSpan.FromMilliseconds(300));
        feishu.Server.MapScript(
            "POST", FaultyFeishu.CreatePath,
            FakeAnswer.Error(500, 55001, "internal server error"),
            FaultyFeishu.Created().DroppedAfter(5),
            FakeAnswer.Text(502, "<html>bad gateway</html>", "text/html"),
            FaultyFeishu.Created().WithDelay(TimeSpan.FromSeconds(5)),
            FakeAnswer.Json(200, "{not json"),
            FaultyFeishu.Created());
        for (var i = 0; i < 6; i++)
        {
            try
            {
                await feishu.CreateAsync();
            }
            catch (FeishuException)
            {
                // Each fault ends as it should; only what is left behind counts here.
            }
        }

        using var cancellation = new CancellationTokenSource();
        feishu.Server.Map("POST", FaultyFeishu.CreatePath, _ => FaultyFeishu.Created().WithDelay(Timeout.InfiniteTimeSpan));
        var sentBefore = feishu.Server.ApiRequests.Count;
        var abandoned = feishu.CreateAsync(cancellationToken: cancellation.Token);
        await feishu.WhenApiRequestsAsync(sentBefore + 1);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
    }

    /// <summary>Polls until <paramref name="condition"/> holds (at most 20 s): a sync point, not a timing assertion.</summary>
    private static async Task WhenAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not come true within 20 s");
            await Task.Delay(5);
        }
    }
}
