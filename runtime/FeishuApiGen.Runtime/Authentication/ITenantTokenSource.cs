namespace FeishuApiGen.Authentication;

/// <summary>
/// Where tenant_access_tokens come from: one request for one token. <see cref="TenantTokenCache"/> decides when to ask,
/// and shares the answer; a store app's source (built from its <c>app_ticket</c>) fits here beside the internal app's.
/// </summary>
internal interface ITenantTokenSource
{
    /// <summary>Requests one token.</summary>
    /// <exception cref="FeishuApiException">Feishu refused (wrong credentials, rate limit: see <see cref="FeishuApiException.RetryAfter"/>).</exception>
    /// <exception cref="FeishuProtocolException">The answer was not a token answer.</exception>
    /// <exception cref="HttpRequestException">The request could not be sent.</exception>
    ValueTask<IssuedToken> FetchAsync(CancellationToken cancellationToken);

    /// <summary>Feishu rejected <paramref name="token"/>, which came from this source: a shared source drops it for the fleet.</summary>
    void Rejected(string token)
    {
    }
}

/// <summary>A token as issued, with the lifetime Feishu gave it.</summary>
internal readonly record struct IssuedToken(string Value, TimeSpan Lifetime)
{
    // The token is a credential: keep it out of any accidental ToString.
    public override string ToString() => $"IssuedToken {{ Lifetime = {Lifetime} }}";
}
