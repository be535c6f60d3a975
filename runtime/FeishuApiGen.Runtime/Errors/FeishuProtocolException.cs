using System.Globalization;
using System.Net;

namespace FeishuApiGen;

/// <summary>
/// The answer could not be read: it was not a Feishu <c>{code, msg, data}</c> envelope (empty, not JSON, e.g. a gateway's
/// HTML error page, or missing <c>code</c>), or it was one whose <c>data</c> holds a value its member cannot take without
/// loss. Then <see cref="JsonPath"/> says where (<c>items[0].is_root</c>), <see cref="ExpectedType"/> and
/// <see cref="FoundType"/> what, and <see cref="BodyExcerpt"/> shows that part of the body.
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
        : this(endpointId, httpStatus, BuildMessage(endpointId, reason, httpStatus, logId, bodyExcerpt), logId, bodyExcerpt, innerException)
    {
    }

    // The message made whole by the caller; the status first, to keep this apart from the public constructor.
    private FeishuProtocolException(string endpointId, HttpStatusCode httpStatus, string message, string? logId, string? bodyExcerpt, Exception? innerException)
        : base(endpointId, message, innerException)
    {
        HttpStatus = httpStatus;
        LogId = logId;
        BodyExcerpt = bodyExcerpt;
    }

    /// <summary>Where in <c>data</c> the value that could not be read stands (e.g. <c>items[0].is_root</c>); null when the envelope itself was the trouble, or the place is not known.</summary>
    public string? JsonPath { get; private init; }

    /// <summary>What the member at <see cref="JsonPath"/> takes (e.g. <c>true or false</c>); null with it.</summary>
    public string? ExpectedType { get; private init; }

    /// <summary>What the answer had there (e.g. <c>a string</c>); null with it.</summary>
    public string? FoundType { get; private init; }

    /// <summary>An envelope whose <c>data</c> could not be read; <paramref name="excerpt"/> is the part it is about.</summary>
    internal static FeishuProtocolException UnreadableData(
        string endpointId, string reason, HttpStatusCode httpStatus, string? logId, string? excerpt, Exception? innerException,
        string? jsonPath = null, string? expectedType = null, string? foundType = null)
    {
        var logPart = string.IsNullOrEmpty(logId) ? "" : $"; log id {logId}";
        var near = excerpt is null ? "" : jsonPath is null ? $" Body: {excerpt}" : $" Near it: {excerpt}";
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"Feishu API {endpointId} answered with a 'data' this client cannot read: {reason} (HTTP {(int)httpStatus}{logPart}).{near}");
        return new FeishuProtocolException(endpointId, httpStatus, message, logId, excerpt, innerException)
        {
            JsonPath = jsonPath,
            ExpectedType = expectedType,
            FoundType = foundType,
        };
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
