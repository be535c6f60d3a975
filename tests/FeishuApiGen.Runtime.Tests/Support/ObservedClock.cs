using Microsoft.Extensions.Time.Testing;

namespace FeishuApiGen.Runtime.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also reports each timer armed on it, so a test can wait until the runtime is
/// waiting (for a retry, a timeout) and then move time exactly past it: no real sleeping, no race with the clock.
/// </summary>
public sealed class ObservedClock : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<TimeSpan> _armed = [];
    private readonly List<(TimeSpan DueTime, TaskCompletionSource Armed)> _waiters = [];

    public ObservedClock() => Fake = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    public FakeTimeProvider Fake { get; }

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        lock (_lock)
        {
            _armed.Add(dueTime);
            foreach (var waiter in _waiters.Where(w => w.DueTime == dueTime).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Armed.TrySetResult();
            }
        }

        return timer;
    }

    /// <summary>Completes once a timer of exactly <paramref name="dueTime"/> has been armed (counting from now on).</summary>
    public Task WhenArmedAsync(TimeSpan dueTime)
    {
        var armed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiters.Add((dueTime, armed));
        }

        return armed.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public void Advance(TimeSpan by) => Fake.Advance(by);
}
