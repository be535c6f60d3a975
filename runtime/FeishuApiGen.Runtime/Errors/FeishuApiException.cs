using System.Globalization;
using System.Net;
using System.Text;

using FeishuApiGen.Diagnostics;

namespace FeishuApiGen;

/// <summary>Feishu answered with a non-zero <c>code</c> in its <c>{code, msg, data}</c> envelope.</summary>
public sealed class FeishuApiException : FeishuException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="endpointId">The endpoint called.</param>
    /// <param name="code">Feishu's error code.</param>
    /// <param name="msg">Feishu's error description.</param>
    /// <param name="httpStatus">The HTTP status of the answer.</param>
    /// <param name="logId">The <c>X-Tt-Logid</c> header, else <c>error.log_id</c>.</param>
    /// <param name="troubleshooter">The <c>error.troubleshooter</c> link, if any.</param>
    /// <param name="requiredScopes">For a permission error, the endpoint's scopes (any one suffices); otherwise empty.</param>
    /// <param name="retryAfter">For a rate-limit error, how long to wait, when Feishu said.</param>
    public FeishuApiException(
        string endpointId,
        int code,
        string msg,
        HttpStatusCode httpStatus,
        string? logId,
        string? troubleshooter,
        IReadOnlyList<string>? requiredScopes,
        TimeSpan? retryAfter = null)
        : base(endpointId, BuildMessage(endpointId, code, msg, httpStatus, logId, troubleshooter, requiredScopes ?? []))
    {
        Code = code;
        Msg = msg ?? "";
        HttpStatus = httpStatus;
        LogId = logId;
        Troubleshooter = troubleshooter;
        RequiredScopes = requiredScopes ?? [];
        RetryAfter = retryAfter;
    }

    /// <summary>Feishu's error code, e.g. <c>99991672</c>.</summary>
    public int Code { get; }

    /// <summary>Feishu's error description (<c>msg</c>).</summary>
    public string Msg { get; }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode HttpStatus { get; }

    /// <summary>The call's log id (<c>X-Tt-Logid</c>, else <c>error.log_id</c>); quote it to Feishu support.</summary>
    public string? LogId { get; }

    /// <summary>Feishu's troubleshooting link (<c>error.troubleshooter</c>), if any.</summary>
    public string? Troubleshooter { get; }

    /// <summary>For a permission error (<see cref="IsPermissionError"/>), the scopes the endpoint accepts; any one suffices.</summary>
    public IReadOnlyList<string> RequiredScopes { get; }

    /// <summary>For a rate-limit error (HTTP 429 or code 99991400), how long Feishu asked to wait (<c>x-ogw-ratelimit-reset</c>, else <c>Retry-After</c>).</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Whether <see cref="Code"/> says a permission (scope) is missing.</summary>
    public bool IsPermissionError => FeishuErrorCodes.IsPermissionError(Code);

    private static string BuildMessage(
        string endpointId,
        int code,
        string msg,
        HttpStatusCode httpStatus,
        string? logId,
        string? troubleshooter,
        IReadOnlyList<string> requiredScopes)
    {
        var text = new StringBuilder();
        // msg and troubleshooter are the server's: quoted cut to a length, so a huge field cannot make a huge message.
        text.Append(CultureInfo.InvariantCulture, $"Feishu API {endpointId} failed with code {code}: {Cut(msg)} (HTTP {(int)httpStatus}");
        if (!string.IsNullOrEmpty(logId))
        {
            text.Append("; log id ").Append(logId);
        }

        text.Append(").");
        if (FeishuErrorCodes.IsPermissionError(code))
        {
            text.Append(requiredScopes.Count > 0
                ? $" The app or token lacks a permission this API needs: grant one of: {string.Join(", ", requiredScopes)}."
                : " The app or token lacks a permission this API needs; its spec names no scope.");
        }

        text.Append(code switch
        {
            FeishuErrorCodes.AppCredentialsInvalid =>
                " The app_id or app_secret is wrong: check FeishuClientOptions.AppId and AppSecret against the developer console. Not retried.",
            FeishuErrorCodes.UserAccessTokenInvalid or FeishuErrorCodes.UserAccessTokenExpired =>
                " The user_access_token passed in FeishuRequestOptions is invalid or expired: refresh it with the user's refresh_token and call again. Not retried.",
            _ => "",
        });

        if (!string.IsNullOrEmpty(troubleshooter))
        {
            text.Append(" Troubleshooter: ").Append(Cut(troubleshooter));
        }

        return text.ToString();
    }

    // Already scrubbed by the runtime; folded to one line (no forged log lines) and cut.
    private static string Cut(string? text) => text is null ? "" : ServerText.Fold(text, ServerText.MessagePartLength);
}
