namespace FeishuApiGen.Loopback;

/// <summary>How a <see cref="FeishuLoopbackServer"/> behaves.</summary>
public sealed class FeishuLoopbackOptions
{
    /// <summary>The only App ID the token endpoint accepts.</summary>
    public string AppId { get; set; } = "cli_loopback";

    /// <summary>The only App Secret the token endpoint accepts.</summary>
    public string AppSecret { get; set; } = "loopback_secret";

    /// <summary>Lifetime of issued tokens, answered as <c>expire</c> (whole seconds). Defaults to 2 hours, as Feishu.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long the token endpoint waits before answering; widens races in concurrency tests. Defaults to none.</summary>
    public TimeSpan TokenResponseDelay { get; set; } = TimeSpan.Zero;

    /// <summary>The server's clock for token expiry. Defaults to <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
