using FeishuApiGen.Authentication;
using FeishuApiGen.Diagnostics;
using Microsoft.Extensions.Logging;

namespace FeishuApiGen.Fleet;

/// <summary>
/// A token source that asks the fleet first: the token another instance fetched, while it has more than the refresh margin
/// left; else one instance of the fleet fetches from Feishu (the others wait for it, a bounded while) and publishes. When
/// the share fails, this instance fetches on its own: a token is never late because of the share.
/// </summary>
internal sealed class SharedTenantTokenSource : ITenantTokenSource
{
    // How often an instance that did not win the claim looks for the winner's token.
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(100);

    private readonly ITenantTokenSource _feishu;
    private readonly IFeishuTokenShare _share;
    private readonly string _appId;
    private readonly TimeSpan _margin;
    private readonly TimeSpan _claimHold;
    private readonly TimeProvider _time;
    private readonly FleetHealth _health;
    // The token Feishu last rejected here: the fleet may still hold it while the drop is on its way, and it is never taken again.
    private volatile string? _rejected;

    /// <param name="feishu">Where tokens come from when this instance fetches.</param>
    /// <param name="share">The fleet's share.</param>
    /// <param name="appId">The app (the share's key; never the secret).</param>
    /// <param name="margin">A shared token with less than this left is not taken; the fleet fetches a new one.</param>
    /// <param name="claimHold">How long a claim to fetch holds the fleet: the longest one fetch may take.</param>
    /// <param name="time">The clock.</param>
    /// <param name="health">Logs and counts the share's failures, once per outage.</param>
    public SharedTenantTokenSource(ITenantTokenSource feishu, IFeishuTokenShare share, string appId, TimeSpan margin, TimeSpan claimHold, TimeProvider time, FleetHealth health)
    {
        _feishu = feishu;
        _share = share;
        _appId = appId;
        _margin = margin;
        _claimHold = claimHold;
        _time = time;
        _health = health;
    }

    public async ValueTask<IssuedToken> FetchAsync(CancellationToken cancellationToken)
    {
        var waitUntil = _time.GetUtcNow() + _claimHold;
        while (true)
        {
            var shared = await AskAsync(() => _share.ReadAsync(_appId, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (shared.Failed)
            {
                return await FetchAndPublishAsync(cancellationToken).ConfigureAwait(false);
            }

            if (shared.Value is { } token && token.Value != _rejected && token.ExpiresAt - _time.GetUtcNow() > _margin)
            {
                return new IssuedToken(token.Value, token.ExpiresAt - _time.GetUtcNow());
            }

            var claim = await AskAsync(() => _share.TryClaimFetchAsync(_appId, _claimHold, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (claim.Failed || claim.Value)
            {
                return await FetchAndPublishAsync(cancellationToken).ConfigureAwait(false);
            }

            // Another instance is fetching: wait for its token, but never past the claim's hold (it may have died).
            if (_time.GetUtcNow() >= waitUntil)
            {
                return await FetchAndPublishAsync(cancellationToken).ConfigureAwait(false);
            }

            await Task.Delay(s_pollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Rejected(string token)
    {
        _rejected = token;
        // Fire and forget: the caller is already fetching anew; a share that cannot hear it is logged like any failure.
        _ = DropAsync(token);
    }

    private async Task DropAsync(string token)
    {
        using var timeout = new CancellationTokenSource(_claimHold, _time);
        await AskAsync(() => _share.DropAsync(_appId, token, timeout.Token), timeout.Token).ConfigureAwait(false);
    }

    /// <summary>
    /// Fetches from Feishu and publishes, even when the share failed just before: a command that timed out here may still
    /// have run there (a claim nobody would free), and publishing frees it. A share that is down fails fast again.
    /// </summary>
    private async ValueTask<IssuedToken> FetchAndPublishAsync(CancellationToken cancellationToken)
    {
        var fetchedAt = _time.GetUtcNow();
        var issued = await _feishu.FetchAsync(cancellationToken).ConfigureAwait(false);
        var shared = new FeishuSharedToken(issued.Value, fetchedAt + issued.Lifetime);
        await AskAsync(() => _share.PublishAsync(_appId, shared, cancellationToken), cancellationToken).ConfigureAwait(false);
        return issued;
    }

    /// <summary>One request of the share; a failure (not the caller's cancellation) is reported to <see cref="FleetHealth"/>, never thrown.</summary>
    private async ValueTask<(T Value, bool Failed)> AskAsync<T>(Func<ValueTask<T>> ask, CancellationToken cancellationToken)
    {
        try
        {
            var value = await ask().ConfigureAwait(false);
            _health.Answered();
            return (value, false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            _health.Failed(ex);
            return (default!, true);
        }
    }

    /// <inheritdoc cref="AskAsync{T}"/>
    private ValueTask<(bool Done, bool Failed)> AskAsync(Func<ValueTask> ask, CancellationToken cancellationToken) =>
        AskAsync(async () => { await ask().ConfigureAwait(false); return true; }, cancellationToken);
}
