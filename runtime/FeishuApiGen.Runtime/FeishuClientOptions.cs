using System.Globalization;

namespace FeishuApiGen;

/// <summary>
/// How a <see cref="FeishuConnection"/> reaches the Open Platform and authenticates as a self-built or store app.
/// The connection copies these values when it is created; later changes to this object do not affect it.
/// </summary>
public sealed class FeishuClientOptions
{
    /// <summary>The app's App ID (<c>cli_...</c>), from the developer console. Required.</summary>
    public string AppId { get; set; } = "";

    /// <summary>The app's App Secret. Required. Never printed by <see cref="ToString"/> or put in an exception message.</summary>
    public string AppSecret { get; set; } = "";

    /// <summary>
    /// Scheme, host and port of the Open Platform (a path prefix is kept, for proxies).
    /// Defaults to <see cref="FeishuHosts.Feishu"/>; use <see cref="FeishuHosts.Lark"/> for Lark.
    /// </summary>
    public Uri BaseAddress { get; set; } = FeishuHosts.Feishu;

    /// <summary>
    /// How long before its expiry a cached tenant_access_token is replaced. Defaults to 3 minutes, as the official SDKs do.
    /// </summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>The clock used for token expiry. Defaults to <see cref="TimeProvider.System"/>; tests substitute their own.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The <c>User-Agent</c> header; when null the runtime sends <c>FeishuApiGen/&lt;version&gt;</c>.</summary>
    public string? UserAgent { get; set; }

    /// <summary>
    /// Checks that the options can be used: <see cref="AppId"/> and <see cref="AppSecret"/> set, <see cref="BaseAddress"/>
    /// an absolute http(s) URI without query or fragment, a non-negative <see cref="TokenRefreshMargin"/>.
    /// </summary>
    /// <exception cref="ArgumentException">An option is missing or invalid; the message names it (and never quotes the secret).</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(AppId))
        {
            throw new ArgumentException("FeishuClientOptions.AppId is required: the app's App ID (cli_...) from the developer console.", nameof(AppId));
        }

        if (string.IsNullOrWhiteSpace(AppSecret))
        {
            throw new ArgumentException("FeishuClientOptions.AppSecret is required: the app's App Secret from the developer console.", nameof(AppSecret));
        }

        if (BaseAddress is null
            || !BaseAddress.IsAbsoluteUri
            || (BaseAddress.Scheme != Uri.UriSchemeHttps && BaseAddress.Scheme != Uri.UriSchemeHttp)
            || BaseAddress.Query.Length > 0
            || BaseAddress.Fragment.Length > 0)
        {
            throw new ArgumentException(
                "FeishuClientOptions.BaseAddress must be an absolute http or https URI without query or fragment, such as https://open.feishu.cn.",
                nameof(BaseAddress));
        }

        if (TokenRefreshMargin < TimeSpan.Zero)
        {
            throw new ArgumentException("FeishuClientOptions.TokenRefreshMargin must not be negative.", nameof(TokenRefreshMargin));
        }

        if (TimeProvider is null)
        {
            throw new ArgumentException("FeishuClientOptions.TimeProvider must not be null.", nameof(TimeProvider));
        }

        if (UserAgent is not null && (UserAgent.Length == 0 || UserAgent.AsSpan().ContainsAnyInRange('\0', '\u001f')))
        {
            throw new ArgumentException("FeishuClientOptions.UserAgent must be null or a non-empty header value without control characters.", nameof(UserAgent));
        }
    }

    /// <summary>Describes the options for logs. The secret is shown only as set or not set.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"FeishuClientOptions {{ AppId = {AppId}, AppSecret = {(string.IsNullOrEmpty(AppSecret) ? "(not set)" : "***")}, BaseAddress = {BaseAddress}, TokenRefreshMargin = {TokenRefreshMargin}, UserAgent = {UserAgent ?? "(default)"} }}");
}
