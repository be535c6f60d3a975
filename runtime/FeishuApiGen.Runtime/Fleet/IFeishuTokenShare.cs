namespace FeishuApiGen;

/// <summary>
/// Where the instances of a fleet that call Feishu as one app share its tenant_access_token, so the fleet fetches one token
/// per refresh instead of one per instance (FeishuApiGen.Redis implements it on Redis). Feishu returns the same token to
/// every fetch until 30 minutes remain, then a new one while the old stays valid, so sharing is safe. The app secret is
/// never given to a share; the token is.
/// </summary>
/// <remarks>
/// Any member may throw (the share is down or slow): the connection then fetches on its own, as without a share, logs it
/// once and counts it in <c>feishu.client.fleet.fallbacks</c>, and uses the share again when it answers.
/// </remarks>
public interface IFeishuTokenShare
{
    /// <summary>The token the fleet holds for <paramref name="appId"/>, or null when it holds none.</summary>
    /// <param name="appId">The app.</param>
    /// <param name="cancellationToken">Ends the read.</param>
    ValueTask<FeishuSharedToken?> ReadAsync(string appId, CancellationToken cancellationToken);

    /// <summary>
    /// Asks to be the one instance that fetches <paramref name="appId"/>'s next token: true for at most one instance of the
    /// fleet until <paramref name="hold"/> has passed or it has published.
    /// </summary>
    /// <param name="appId">The app.</param>
    /// <param name="hold">How long the claim keeps the others waiting (an instance that dies mid-fetch frees it then).</param>
    /// <param name="cancellationToken">Ends the claim.</param>
    ValueTask<bool> TryClaimFetchAsync(string appId, TimeSpan hold, CancellationToken cancellationToken);

    /// <summary>Gives the fleet a token just fetched, until it expires, and ends this instance's claim.</summary>
    /// <param name="appId">The app.</param>
    /// <param name="token">The token and when it expires.</param>
    /// <param name="cancellationToken">Ends the write.</param>
    ValueTask PublishAsync(string appId, FeishuSharedToken token, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="token"/> if it is still the fleet's token for <paramref name="appId"/>: Feishu rejected it.</summary>
    /// <param name="appId">The app.</param>
    /// <param name="token">The rejected token.</param>
    /// <param name="cancellationToken">Ends the write.</param>
    ValueTask DropAsync(string appId, string token, CancellationToken cancellationToken);
}

/// <summary>A tenant_access_token as a fleet shares it: the token and when it expires (wall clock, the same on every instance).</summary>
/// <param name="Value">The token.</param>
/// <param name="ExpiresAt">When Feishu stops accepting it.</param>
public readonly record struct FeishuSharedToken(string Value, DateTimeOffset ExpiresAt)
{
    /// <summary>Shows the expiry only: the token is a credential.</summary>
    public override string ToString() => $"FeishuSharedToken {{ ExpiresAt = {ExpiresAt:O} }}";
}
