using System.Globalization;
using System.Net;

namespace FeishuApiGen;

/// <summary>
/// The answer was not a Feishu <c>{code, msg, data}</c> envelope: empty, not JSON (e.g. a gateway's HTML error page),
/// missing <c>code</c>, or a <c>data</c> member of the wrong shape.
/// </summary>
public sealed class FeishuProtocolException : FeishuException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="endpointId">The endpoint called.</param>
    /// <param name="reason">What is wrong with the answer.</param>
    /// <param name="httpStatus">The HTTP status of the answer.</param>
    /// <param name="logId">The <c>X-Tt-Logid</c> header, if any.</param>
    /// <param name="bodyExcerpt">The start of the body (at most 200 characters), or null when withheld.</param>
    /// <param name="innerException">The parser's exception, if any.</param>
    public FeishuProtocolException(
        string endpointId,
        string reason,
        HttpStatusCode httpStatus,
        string? logId,
        string? bodyExcerpt,
        Exception? innerException = null)
        : base(endpointId, BuildMessage(endpointId, reason, httpStatus, logId, bodyExcerpt), innerException)
    {
        HttpStatus = httpStatus;
        LogId = logId;
        BodyExcerpt = bodyExcerpt;
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode HttpStatus { get; }

    /// <summary>The <c>X-Tt-Logid</c> header, if any.</summary>
    public string? LogId { get; }

    /// <summary>The start of the body (at most 200 characters, whitespace collapsed), or null when withheld.</summary>
    public string? BodyExcerpt { get; }

    /// <summary>For an HTTP 429 answer, how long it asked to wait (<c>x-ogw-ratelimit-reset</c>, else <c>Retry-After</c>), whatever its body.</summary>
    public TimeSpan? RetryAfter { get; internal set; }

    private static string BuildMessage(string endpointId, string reason, HttpStatusCode httpStatus, string? logId, string? bodyExcerpt)
    {
        var logPart = string.IsNullOrEmpty(logId) ? "" : $"; log id {logId}";
        var bodyPart = bodyExcerpt is null ? "" : bodyExcerpt.Length == 0 ? " The body is empty." : $" Body: {bodyExcerpt}";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Feishu API {endpointId} answered with something other than a Feishu JSON envelope: {reason} (HTTP {(int)httpStatus}{logPart}).{bodyPart}");
    }
}
