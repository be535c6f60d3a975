namespace FeishuApiGen;

/// <summary>Options for one call, passed beside the request to a generated client method.</summary>
public sealed class FeishuRequestOptions
{
    /// <summary>
    /// A user_access_token to call with instead of the app's tenant_access_token. Only endpoints whose spec lists
    /// <c>user</c> in <c>access_tokens</c> accept one. Never logged and never shown in messages.
    /// </summary>
    public string? UserAccessToken { get; init; }

    /// <summary>Returns the type name; never the token.</summary>
    public override string ToString() =>
        UserAccessToken is null ? "FeishuRequestOptions" : "FeishuRequestOptions { UserAccessToken = *** }";
}
