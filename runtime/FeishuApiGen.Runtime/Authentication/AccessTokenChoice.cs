namespace FeishuApiGen.Authentication;

/// <summary>Which token a call sends: the caller's user_access_token, or the app's tenant_access_token.</summary>
internal static class AccessTokenChoice
{
    /// <summary>
    /// The user_access_token to send instead of the tenant token, or null for the tenant token. Refuses, before anything is
    /// sent, a user token the endpoint does not accept and a missing one the endpoint needs.
    /// </summary>
    public static string? UserAccessToken(FeishuEndpoint endpoint, FeishuRequestOptions? options)
    {
        var accepts = endpoint.AccessTokens;
        if (options?.UserAccessToken is { } userToken)
        {
            if (string.IsNullOrWhiteSpace(userToken) || userToken.AsSpan().ContainsAnyInRange('\0', '\u001f'))
            {
                throw new ArgumentException("FeishuRequestOptions.UserAccessToken must be a non-empty token without control characters.", nameof(options));
            }

            if (accepts != FeishuAccessTokenTypes.None && !accepts.HasFlag(FeishuAccessTokenTypes.User))
            {
                throw new ArgumentException(
                    $"{endpoint.Id} does not accept a user_access_token (its spec allows: {accepts}). Leave FeishuRequestOptions.UserAccessToken unset to call with the app's tenant_access_token.",
                    nameof(options));
            }

            return userToken;
        }

        if (accepts != FeishuAccessTokenTypes.None && !accepts.HasFlag(FeishuAccessTokenTypes.Tenant))
        {
            if (accepts.HasFlag(FeishuAccessTokenTypes.User))
            {
                throw new ArgumentException(
                    $"{endpoint.Id} accepts only a user_access_token: pass the user's token in FeishuRequestOptions.UserAccessToken.", nameof(options));
            }

            throw new NotSupportedException(
                $"{endpoint.Id} accepts only {accepts} access tokens; this runtime sends the app's tenant_access_token or a caller's user_access_token.");
        }

        return null;
    }
}
