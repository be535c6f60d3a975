namespace FeishuApiGen;

/// <summary>Platform-wide Feishu error codes the runtime acts on or explains.</summary>
public static class FeishuErrorCodes
{
    /// <summary>99991661: no access token was sent. The runtime fetches a tenant_access_token and retries once.</summary>
    public const int AccessTokenMissing = 99991661;

    /// <summary>99991663: the access token is invalid or expired. The runtime refreshes it and retries once.</summary>
    public const int AccessTokenInvalid = 99991663;

    /// <summary>99991671: the access token is malformed. The runtime fetches a new tenant_access_token and retries once.</summary>
    public const int AccessTokenMalformed = 99991671;

    /// <summary>99991668: the user_access_token is invalid. Not retried: only the user's refresh_token can replace it.</summary>
    public const int UserAccessTokenInvalid = 99991668;

    /// <summary>99991677: the user_access_token has expired. Not retried: only the user's refresh_token can replace it.</summary>
    public const int UserAccessTokenExpired = 99991677;

    /// <summary>99991672: the app lacks the API's scope.</summary>
    public const int AppScopeMissing = 99991672;

    /// <summary>99991676: the token lacks the API's scope.</summary>
    public const int TokenScopeMissing = 99991676;

    /// <summary>99991679: the user has not granted the scope.</summary>
    public const int UserScopeNotGranted = 99991679;

    /// <summary>99991543: wrong app_id or app_secret. Fails at once, never retried.</summary>
    public const int AppCredentialsInvalid = 99991543;

    /// <summary>
    /// 99992402: a field of the request breaks the endpoint's rules (HTTP 400; <c>error.field_violations</c> names them).
    /// The client's own check refuses such a request before sending, so it comes back only for a rule the spec does not state.
    /// </summary>
    public const int FieldValidationFailed = 99992402;

    /// <summary>99991400: rate limited (HTTP 429); the runtime waits <c>x-ogw-ratelimit-reset</c> seconds and retries.</summary>
    public const int RateLimited = 99991400;

    /// <summary>Whether <paramref name="code"/> says the tenant_access_token sent was missing, invalid or malformed.</summary>
    /// <param name="code">A Feishu error code.</param>
    public static bool IsTenantTokenRejected(int code) => code is AccessTokenMissing or AccessTokenInvalid or AccessTokenMalformed;

    /// <summary>Whether <paramref name="code"/> says a permission (scope) is missing.</summary>
    /// <param name="code">A Feishu error code.</param>
    public static bool IsPermissionError(int code) => code is AppScopeMissing or TokenScopeMissing or UserScopeNotGranted;
}
