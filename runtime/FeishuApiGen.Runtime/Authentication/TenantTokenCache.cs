using FeishuApiGen.Diagnostics;
using FeishuApiGen.Protocol;
using Microsoft.Extensions.Logging;

namespace FeishuApiGen.Authentication;

/// <summary>
/// Caches the app's tenant_access_token, asking its <see cref="ITenantTokenSource"/> for a new one when needed. Callers that find no usable token all wait on one fetch (single
/// flight), which runs on its own clock-bound timeout rather than any one caller's cancellation, and whose failure each
/// of them sees; a token is replaced once less than the refresh margin of its lifetime remains. A rate-limited token
/// request (HTTP 429 or 99991400) is waited out inside that one fetch, as its reset says, so callers queued behind it
/// never become a token request each; and no fetch starts before the last reset has passed.
/// </summary>
internal sealed class TenantTokenCache : IDisposable
{
    /// <summary>The wait after a rate-limited token request that named none, and the shortest one believed ("wait 0" would spin).</summary>
    private static readonly TimeSpan s_shortestRateLimitWait = TimeSpan.FromSeconds(1);

    private readonly ITenantTokenSource _source;
    private readonly string _appId;
    private readonly TimeProvider _time;
    private readonly TimeSpan _margin;
    private readonly TimeSpan _fetchTimeout;
    private readonly SecretScrubber _scrubber;
    private readonly FeishuMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _disposed = new();
    private volatile CachedToken? _current;
    private Task<CachedToken>? _fetch;
    // Until when Feishu asked token requests to wait (rate limit), as a timestamp of _time; 0 when it did not.
    private long _rateLimitedUntil;
    // Feishu's answer that set _rateLimitedUntil: what a caller hears when the reset lies beyond a fetch's time.
    private volatile FeishuException? _lastRateLimit;
    private int _fetchCount;

    /// <param name="source">Where tokens come from.</param>
    /// <param name="appId">The app, for log messages.</param>
    /// <param name="time">The clock tokens expire on.</param>
    /// <param name="margin">How long before its expiry a token is replaced.</param>
    /// <param name="fetchTimeout">The longest one fetch (all its requests, rate-limit waits included) may take.</param>
    /// <param name="scrubber">Learns every issued token, so none reaches a log or message.</param>
    /// <param name="logger">Logs fetches and their failures.</param>
    /// <param name="metrics">Counts fetches.</param>
    public TenantTokenCache(
        ITenantTokenSource source, string appId, TimeProvider time, TimeSpan margin, TimeSpan fetchTimeout, SecretScrubber scrubber, ILogger logger, FeishuMetrics metrics)
    {
        _metrics = metrics;
        _source = source;
        _appId = appId;
        _time = time;
        _margin = margin;
        _fetchTimeout = fetchTimeout;
        _scrubber = scrubber;
        _logger = logger;
    }

    /// <summary>Whether a fetch is running (for tests).</summary>
    public bool IsFetching
    {
        get
        {
            lock (_lock)
            {
                return _fetch is not null;
            }
        }
    }

    /// <summary>How many token requests this cache sent.</summary>
    public int FetchCount => Volatile.Read(ref _fetchCount);

    /// <summary>The cached token, if it has more than the refresh margin left.</summary>
    public bool TryGetCached([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? token)
    {
        token = Usable(_current);
        return token is not null;
    }

    /// <summary>Returns a token with more than the refresh margin left, fetching one if needed.</summary>
    /// <param name="maxWait">The longest this caller waits for a fetch (the fetch itself goes on for the others).</param>
    /// <param name="cancellationToken">Ends this caller's wait.</param>
    /// <exception cref="TimeoutException">The fetch took longer than <paramref name="maxWait"/>.</exception>
    public ValueTask<string> GetAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        if (Usable(_current) is { } token)
        {
            return ValueTask.FromResult(token);
        }

        Task<CachedToken> fetch;
        lock (_lock)
        {
            // Another caller may have fetched while this one waited for the lock.
            if (Usable(_current) is { } fresh)
            {
                return ValueTask.FromResult(fresh);
            }

            if (_fetch is null)
            {
                _fetch = Task.Run(FetchAndCacheAsync);
                // Every caller may have stopped waiting (cancelled, timed out): the failure is still observed, never
                // left to surface as an UnobservedTaskException.
                _fetch.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            fetch = _fetch;
        }

        return WaitAsync(fetch, maxWait, _time, cancellationToken);

        static async ValueTask<string> WaitAsync(Task<CachedToken> fetch, TimeSpan maxWait, TimeProvider time, CancellationToken cancellationToken)
        {
            try
            {
                return (await fetch.WaitAsync(maxWait, time, cancellationToken).ConfigureAwait(false)).Value;
            }
            catch (TimeoutException ex) when (!fetch.IsCompleted)
            {
                // This caller's wait ran out; a TimeoutException of the fetch itself (a handler's) passes as it is.
                throw new TokenWaitTimeoutException(ex);
            }
        }
    }

    /// <summary>Forgets <paramref name="token"/> if it is still the cached one (Feishu said it is invalid).</summary>
    public void Invalidate(string token)
    {
        var current = _current;
        if (current is not null && current.Value == token && Interlocked.CompareExchange(ref _current, null, current) == current)
        {
            _source.Rejected(token);
        }
    }

    /// <summary>Cancels a fetch in flight. (The source is not disposed: a fetch starting now still reads its token.)</summary>
    public void Dispose() => _disposed.Cancel();

    // On the timestamp clock: every call checks it, and a timestamp is cheaper to read than the wall clock.
    private string? Usable(CachedToken? token) => token is not null && _time.GetTimestamp() < token.RefreshAt ? token.Value : null;

    private async Task<CachedToken> FetchAndCacheAsync()
    {
        // Runs on the thread pool (Task.Run) and clears _fetch under the lock its starter holds while publishing it,
        // so the finally below always clears the task it belongs to, never an earlier or later one.
        try
        {
            var token = await FetchHoldingThroughRateLimitsAsync().ConfigureAwait(false);
            _current = token;
            return token;
        }
        catch (Exception ex)
        {
            if (ex is FeishuApiException { Code: FeishuErrorCodes.AppCredentialsInvalid })
            {
                FeishuLog.AppCredentialsRejected(_logger, _appId);
            }
            else
            {
                FeishuLog.TokenFetchFailed(_logger, _appId, FeishuTransientException.Describe(ex));
            }

            throw;
        }
        finally
        {
            lock (_lock)
            {
                _fetch = null;
            }
        }
    }

    /// <summary>
    /// One fetch for every waiting caller: token requests, one at a time, each after the rate-limit reset of the one
    /// before, until a token comes or the fetch's own timeout (or disposal) ends it.
    /// </summary>
    private async Task<CachedToken> FetchHoldingThroughRateLimitsAsync()
    {
        // The fetch serves every waiting caller, so no single caller's token bounds it: its own timeout and disposal do.
        using var timeout = new CancellationTokenSource(_fetchTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _disposed.Token);
        var deadline = _time.GetTimestamp() + (long)(_fetchTimeout.TotalSeconds * _time.TimestampFrequency);
        while (true)
        {
            var rateLimitedUntil = Volatile.Read(ref _rateLimitedUntil);
            var untilReset = rateLimitedUntil - _time.GetTimestamp();
            if (untilReset > 0)
            {
                if (rateLimitedUntil >= deadline && _lastRateLimit is { } rateLimited)
                {
                    // The reset comes after this fetch's time is up: the callers hear Feishu's answer now, not a timeout later.
                    throw rateLimited;
                }

                await WaitAsync(TimeSpan.FromSeconds((double)untilReset / _time.TimestampFrequency), timeout, linked.Token).ConfigureAwait(false);
            }

            try
            {
                return await FetchAsync(timeout, linked.Token).ConfigureAwait(false);
            }
            catch (FeishuException ex) when (IsRateLimited(ex, out var retryAfter))
            {
                _lastRateLimit = ex;
                // At least a second, so a "wait 0" cannot spin; at most the fetch's timeout, so an absurd reset cannot
                // lock token requests out for good (after it, Feishu is simply asked again).
                var wait = retryAfter is { } asked ? TimeSpan.FromTicks(Math.Clamp(asked.Ticks, s_shortestRateLimitWait.Ticks, _fetchTimeout.Ticks)) : s_shortestRateLimitWait;
                var until = _time.GetTimestamp() + (long)(wait.TotalSeconds * _time.TimestampFrequency);
                Volatile.Write(ref _rateLimitedUntil, until);
                if (until >= deadline)
                {
                    throw;
                }
            }
        }
    }

    /// <summary>Whether the token request was refused for rate (HTTP 429 of any body, or 99991400), and the wait it asked for.</summary>
    private static bool IsRateLimited(FeishuException error, out TimeSpan? retryAfter)
    {
        (var limited, retryAfter) = error switch
        {
            FeishuApiException api when FeishuAnswer.IsRateLimit(api.Code, api.HttpStatus) => (true, api.RetryAfter),
            FeishuProtocolException { HttpStatus: System.Net.HttpStatusCode.TooManyRequests } protocol => (true, protocol.RetryAfter),
            _ => (false, null),
        };
        return limited;
    }

    private async Task WaitAsync(TimeSpan wait, CancellationTokenSource timeout, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !_disposed.IsCancellationRequested)
        {
            throw TimedOut(ex);
        }
    }

    private Polly.Timeout.TimeoutRejectedException TimedOut(Exception inner) => new(
        $"The tenant_access_token request timed out after {_fetchTimeout.TotalMilliseconds:0} ms.", _fetchTimeout, inner);

    private async Task<CachedToken> FetchAsync(CancellationTokenSource timeout, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _fetchCount);
        // Measured from before the request, so the cached lifetime errs short.
        var requestedAt = _time.GetTimestamp();
        IssuedToken issued;
        try
        {
            issued = await _source.FetchAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !_disposed.IsCancellationRequested)
        {
            _metrics.TokenFetched(succeeded: false);
            throw TimedOut(ex);
        }
        catch
        {
            _metrics.TokenFetched(succeeded: false);
            throw;
        }

        _metrics.TokenFetched(succeeded: true);

        _scrubber.AddToken(issued.Value);
        // A lifetime shorter than the margin would make every call refetch; use half of it instead.
        var usable = issued.Lifetime > _margin ? issued.Lifetime - _margin : issued.Lifetime / 2;
        FeishuLog.TokenFetched(_logger, _appId, (long)issued.Lifetime.TotalSeconds, (long)usable.TotalSeconds);
        return new CachedToken(issued.Value, requestedAt + (long)(usable.TotalSeconds * _time.TimestampFrequency));
    }

    /// <summary>A caller waited for the token fetch longer than it may; the fetch goes on for the others.</summary>
    internal sealed class TokenWaitTimeoutException(Exception inner) : Exception("The wait for the tenant_access_token fetch timed out.", inner);

    /// <param name="Value">The token.</param>
    /// <param name="RefreshAt">When the token is to be replaced, as a timestamp of the cache's clock.</param>
    private sealed record CachedToken(string Value, long RefreshAt)
    {
        // The token is a credential: keep it out of any accidental ToString.
        public override string ToString() => $"CachedToken {{ RefreshAt = {RefreshAt} }}";
    }
}
