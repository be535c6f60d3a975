namespace FeishuApiGen.Resilience;

/// <summary>
/// The client-side limit of one endpoint of one app: every documented window at once (e.g. 1000 per minute and 50 per
/// second). A call is granted only when every window has room, and then takes a permit of each, so a call waiting for one
/// window never uses up another. Each window is an exact sliding log: at most <c>limit</c> grants in any span of its
/// length. Waiters queue oldest first, up to the queue limit, each until its call's deadline.
/// </summary>
/// <remarks>
/// Written here rather than chaining <c>System.Threading.RateLimiting</c> limiters: a chained limiter takes the first
/// window's permit before it knows the second has room (a burst spent the minute's budget while waiting on the second's),
/// and every sliding-window limiter runs a replenishment timer for as long as it lives. This one arms a single one-shot
/// timer, on the connection's clock, only while calls are waiting.
/// </remarks>
internal sealed class EndpointRateLimiter : IDisposable
{
    private readonly Window[] _windows;
    private readonly int _queueLimit;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter> _queue = new();
    private ITimer? _timer;
    private long _timerDue = long.MaxValue;
    private bool _disposed;

    /// <param name="windows">The documented windows, scaled.</param>
    /// <param name="guard">How much longer than documented each window is kept (<see cref="FeishuRateLimitOptions.WindowGuard"/>).</param>
    /// <param name="queueLimit">How many calls may wait at once.</param>
    /// <param name="time">The connection's clock.</param>
    public EndpointRateLimiter(FeishuRateLimit[] windows, TimeSpan guard, int queueLimit, TimeProvider time)
    {
        _time = time;
        _queueLimit = queueLimit;
        Windows = windows;
        Guard = guard;
        _windows = windows.Select(w => new Window(w.Limit, ToTicks(w.Per + guard, time))).ToArray();
    }

    /// <summary>The windows enforced, scaled, at their documented lengths: the fleet's budget enforces the same ones across instances.</summary>
    public IReadOnlyList<FeishuRateLimit> Windows { get; }

    /// <summary>How much longer than documented each window is kept.</summary>
    public TimeSpan Guard { get; }

    /// <summary>
    /// A permit to send now, granted at once when every window has room and nobody is waiting, otherwise after waiting.
    /// </summary>
    /// <param name="deadline">The call's deadline, as a timestamp of the connection's clock: the wait ends there.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <exception cref="RateLimitRefusedException">The queue is full, or the deadline came first.</exception>
    /// <exception cref="ObjectDisposedException">The connection was disposed before or during the wait.</exception>
    public ValueTask<RatePermit> AcquireAsync(long deadline, CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (_lock)
        {
            if (_disposed)
            {
                throw Disposed();
            }

            var now = _time.GetTimestamp();
            if (_queue.Count == 0 && NextFree(now) <= now)
            {
                return ValueTask.FromResult(Grant(now));
            }

            if (_queue.Count >= _queueLimit)
            {
                throw new RateLimitRefusedException(FeishuGiveUpReason.RateLimitQueueFull);
            }

            if (deadline <= now)
            {
                throw new RateLimitRefusedException(FeishuGiveUpReason.TotalTimeoutElapsed);
            }

            waiter = new Waiter(this, deadline);
            waiter.Node = _queue.AddLast(waiter);
            Schedule(now);
        }

        if (cancellationToken.CanBeCanceled)
        {
            // Registered outside the lock: an already cancelled token runs Cancel at once, which takes the lock.
            var registration = cancellationToken.UnsafeRegister(static (state, token) => ((Waiter)state!).Cancel(token), waiter);
            bool stillQueued;
            lock (_lock)
            {
                // Stored under the lock, where every reader unregisters it; a waiter already gone needs it no more.
                stillQueued = waiter.Node is not null;
                if (stillQueued)
                {
                    waiter.Registration = registration;
                }
            }

            if (!stillQueued)
            {
                registration.Unregister();
            }
        }

        return new ValueTask<RatePermit>(waiter.Task);
    }

    /// <summary>Ends every wait with <see cref="ObjectDisposedException"/> and stops the timer.</summary>
    public void Dispose()
    {
        List<Waiter> waiting;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            waiting = [.. _queue];
            foreach (var waiter in waiting)
            {
                waiter.Node = null;
            }

            _queue.Clear();
            _timer?.Dispose();
            _timer = null;
        }

        foreach (var waiter in waiting)
        {
            waiter.Registration.Unregister();
            waiter.TrySetException(Disposed());
        }
    }

    private static ObjectDisposedException Disposed()
        => new(nameof(FeishuConnection), "The connection was disposed while the call waited for a rate-limit permit.");

    /// <summary>Gives back a permit whose request never left (a failed token fetch, a refused connection).</summary>
    internal void Return(long grantedAt)
    {
        lock (_lock)
        {
            foreach (var window in _windows)
            {
                window.Remove(grantedAt);
            }

            if (!_disposed)
            {
                Release(_time.GetTimestamp());
            }
        }
    }

    private static long ToTicks(TimeSpan span, TimeProvider time) => (long)Math.Ceiling(span.TotalSeconds * time.TimestampFrequency);

    /// <summary>The earliest timestamp at which every window has room. Caller holds the lock.</summary>
    private long NextFree(long now)
    {
        var next = now;
        foreach (var window in _windows)
        {
            next = Math.Max(next, window.NextFree(now));
        }

        return next;
    }

    private RatePermit Grant(long now)
    {
        foreach (var window in _windows)
        {
            window.Add(now);
        }

        return new RatePermit(this, now);
    }

    /// <summary>Fails waiters past their deadline, then grants the rest, oldest first, while every window has room. Caller holds the lock.</summary>
    private void Release(long now)
    {
        // Deadlines first: a timer that fires late must not hand a permit to a call whose time is already up.
        for (var node = _queue.First; node is not null;)
        {
            var next = node.Next;
            if (node.Value.Deadline <= now)
            {
                _queue.Remove(node);
                node.Value.Node = null;
                node.Value.Registration.Unregister();
                node.Value.TrySetException(new RateLimitRefusedException(FeishuGiveUpReason.TotalTimeoutElapsed));
            }

            node = next;
        }

        while (_queue.First is { } first && NextFree(now) <= now)
        {
            _queue.RemoveFirst();
            first.Value.Node = null;
            first.Value.Registration.Unregister();
            // Continuations run asynchronously (Waiter's options), so nothing runs under the lock.
            first.Value.TrySetResult(Grant(now));
        }

        Schedule(now);
    }

    /// <summary>Arms the timer for the next moment something can change: a permit freeing up, or a waiter's deadline. Caller holds the lock.</summary>
    private void Schedule(long now)
    {
        if (_queue.Count == 0)
        {
            if (_timerDue != long.MaxValue)
            {
                _timerDue = long.MaxValue;
                _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }

            return;
        }

        var due = NextFree(now);
        foreach (var waiter in _queue)
        {
            due = Math.Min(due, waiter.Deadline);
        }

        if (due == _timerDue)
        {
            return;
        }

        _timerDue = due;
        // Rounded up to whole milliseconds so the timer never fires before the permit is free; if it does, it re-arms.
        var wait = TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling((due - now) * 1000.0 / _time.TimestampFrequency)));
        _timer ??= CreateTimer();
        _timer.Change(wait, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// The limiter's one timer, made without the first waiter's execution context: it lives as long as the limiter, and
    /// must not keep that call's activity or async-locals alive, nor run its callbacks inside them.
    /// </summary>
    private ITimer CreateTimer()
    {
        var flowing = !ExecutionContext.IsFlowSuppressed();
        var suppressed = flowing ? ExecutionContext.SuppressFlow() : default;
        try
        {
            return _time.CreateTimer(static state => ((EndpointRateLimiter)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
        finally
        {
            if (flowing)
            {
                suppressed.Undo();
            }
        }
    }

    private void OnTimer()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _timerDue = long.MaxValue;
            Release(_time.GetTimestamp());
        }
    }

    private void Cancel(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (waiter.Node is null)
            {
                return;
            }

            _queue.Remove(waiter.Node);
            waiter.Node = null;
            Schedule(_time.GetTimestamp());
        }

        waiter.TrySetCanceled(cancellationToken);
    }

    /// <summary>One documented window as an exact log of the grants still inside it, oldest first (a ring buffer).</summary>
    private sealed class Window(int permits, long length)
    {
        private long[] _grants = new long[Math.Min(permits, 16)];
        private int _start;
        private int _count;

        /// <summary>When this window next has room: now, or when its oldest grant leaves it.</summary>
        public long NextFree(long now)
        {
            while (_count > 0 && _grants[_start] + length <= now)
            {
                _start = Next(_start);
                _count--;
            }

            return _count < permits ? now : _grants[_start] + length;
        }

        public void Add(long timestamp)
        {
            if (_count == _grants.Length)
            {
                // Grows only as far as the permits really used in one window.
                var grown = new long[Math.Min(permits, _grants.Length * 2)];
                for (var i = 0; i < _count; i++)
                {
                    grown[i] = _grants[At(i)];
                }

                _grants = grown;
                _start = 0;
            }

            _grants[At(_count)] = timestamp;
            _count++;
        }

        /// <summary>Removes one grant made at <paramref name="timestamp"/>, newest first (a returned permit is recent).</summary>
        public void Remove(long timestamp)
        {
            for (var i = _count - 1; i >= 0; i--)
            {
                if (_grants[At(i)] != timestamp)
                {
                    continue;
                }

                for (var j = i; j < _count - 1; j++)
                {
                    _grants[At(j)] = _grants[At(j + 1)];
                }

                _count--;
                return;
            }
        }

        // The ring's index arithmetic without a division: on the path of every call, and the ring's length need not be a power of two.
        private int Next(int index) => index + 1 == _grants.Length ? 0 : index + 1;

        /// <summary>Where the <paramref name="offset"/>-th oldest grant is (offset &lt; length).</summary>
        private int At(int offset)
        {
            var index = _start + offset;
            return index >= _grants.Length ? index - _grants.Length : index;
        }
    }

    private sealed class Waiter(EndpointRateLimiter limiter, long deadline)
        : TaskCompletionSource<RatePermit>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public long Deadline { get; } = deadline;

        /// <summary>The waiter's place in the queue; null once it has left it.</summary>
        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Registration { get; set; }

        public void Cancel(CancellationToken cancellationToken) => limiter.Cancel(this, cancellationToken);
    }
}

/// <summary>A granted permit: kept when the request leaves, given back with <see cref="Return"/> when it never did.</summary>
internal readonly struct RatePermit(EndpointRateLimiter? limiter, long grantedAt)
{
    public void Return() => limiter?.Return(grantedAt);
}

/// <summary>The client-side rate limiter refused a call before anything was sent.</summary>
internal sealed class RateLimitRefusedException(FeishuGiveUpReason reason)
    : Exception(reason == FeishuGiveUpReason.RateLimitQueueFull
        ? "Too many calls of this endpoint are waiting for the client-side rate limit."
        : "The call's total timeout elapsed while it waited for a client-side rate-limit permit.")
{
    public FeishuGiveUpReason Reason { get; } = reason;
}
