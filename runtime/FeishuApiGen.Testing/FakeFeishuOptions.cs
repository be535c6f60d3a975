namespace FeishuApiGen.Testing;

/// <summary>How a <see cref="FakeFeishu"/> behaves: the credentials it accepts and its tokens.</summary>
public sealed class FakeFeishuOptions
{
    /// <summary>The only App ID the token endpoint accepts.</summary>
    public string AppId { get; set; } = "cli_loopback";

    /// <summary>The only App Secret the token endpoint accepts.</summary>
    public string AppSecret { get; set; } = "loopback_secret";

    /// <summary>Lifetime of issued tokens, answered as <c>expire</c> (whole seconds). Defaults to 2 hours, as Feishu.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long the token endpoint waits before answering; widens races in concurrency tests. Defaults to none.</summary>
    public TimeSpan TokenResponseDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// user_access_tokens the server accepts as bearer tokens (they never expire here). Any other bearer token that starts
    /// with <c>u-</c> is answered with code 99991668, as Feishu answers an invalid user token.
    /// </summary>
    public ISet<string> UserAccessTokens { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The server's clock for token expiry. Defaults to <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
