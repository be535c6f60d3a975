using System.Text;

namespace FeishuApiGen.Testing;

/// <summary>What a responder answers: any status, any body (JSON, HTML, nothing, broken JSON), extra headers.</summary>
public sealed class FakeAnswer
{
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

    private FakeAnswer(int statusCode, byte[] body, string? contentType, string? logId)
    {
        StatusCode = statusCode;
        Body = body;
        ContentType = contentType;
        LogId = logId;
    }

    /// <summary>The HTTP status.</summary>
    public int StatusCode { get; }

    /// <summary>The body bytes.</summary>
    public byte[] Body { get; }

    /// <summary>The <c>Content-Type</c>, or null for none.</summary>
    public string? ContentType { get; }

    /// <summary>The <c>X-Tt-Logid</c> to send; null means a generated one.</summary>
    public string? LogId { get; }

    /// <summary>Whether the <c>X-Tt-Logid</c> header is left out (to test the <c>error.log_id</c> fallback).</summary>
    public bool OmitLogId { get; private init; }

    /// <summary>Extra headers.</summary>
    public IReadOnlyDictionary<string, string> Headers => _headers;

    /// <summary>How long the server waits before answering (it stops waiting when the client goes away).</summary>
    public TimeSpan Delay { get; private init; }

    /// <summary>
    /// When set, the server promises the whole body (<c>Content-Length</c>), sends only this many bytes of it, then drops
    /// the connection: a connection lost mid-response.
    /// </summary>
    public int? DropAfterBytes { get; private init; }

    /// <summary>Whether this stands for the server's built-in behaviour (issuing a token, on the token route) rather than an answer of its own.</summary>
    public bool IsBuiltIn { get; private init; }

    /// <summary>
    /// The fake's own behaviour: on the token route, issue a token; on an endpoint it serves (<see cref="FakeFeishu.Serve"/>),
    /// answer as the spec says. Lets a script fail a few calls first and then answer normally.
    /// </summary>
    public static FakeAnswer BuiltIn { get; } = new(200, [], null, null) { IsBuiltIn = true };

    /// <summary>A JSON answer, sent as given (it need not be valid JSON).</summary>
    /// <param name="statusCode">HTTP status.</param>
    /// <param name="json">The body text.</param>
    /// <param name="logId">The <c>X-Tt-Logid</c>; generated when null.</param>
    public static FakeAnswer Json(int statusCode, string json, string? logId = null)
        => new(statusCode, Encoding.UTF8.GetBytes(json), "application/json; charset=utf-8", logId);

    /// <summary>A text answer, e.g. a gateway's HTML error page.</summary>
    /// <param name="statusCode">HTTP status.</param>
    /// <param name="text">The body text.</param>
    /// <param name="contentType">The <c>Content-Type</c>.</param>
    /// <param name="logId">The <c>X-Tt-Logid</c>; generated when null.</param>
    public static FakeAnswer Text(int statusCode, string text, string contentType = "text/plain; charset=utf-8", string? logId = null)
        => new(statusCode, Encoding.UTF8.GetBytes(text), contentType, logId);

    /// <summary>An answer of raw bytes (invalid UTF-8, a gzip body with a <c>Content-Encoding</c> header added by <see cref="WithHeader"/>).</summary>
    /// <param name="statusCode">HTTP status.</param>
    /// <param name="body">The body bytes, sent as given.</param>
    /// <param name="contentType">The <c>Content-Type</c>, or null for none.</param>
    /// <param name="logId">The <c>X-Tt-Logid</c>; generated when null.</param>
    public static FakeAnswer Bytes(int statusCode, byte[] body, string? contentType = "application/json; charset=utf-8", string? logId = null)
        => new(statusCode, body, contentType, logId);

    /// <summary>An answer without a body.</summary>
    /// <param name="statusCode">HTTP status.</param>
    /// <param name="logId">The <c>X-Tt-Logid</c>; generated when null.</param>
    public static FakeAnswer Empty(int statusCode, string? logId = null) => new(statusCode, [], null, logId);

    /// <summary>HTTP 200 <c>{"code":0,"msg":"success","data":...}</c>.</summary>
    /// <param name="dataJson">The <c>data</c> member's JSON.</param>
    /// <param name="logId">The <c>X-Tt-Logid</c>; generated when null.</param>
    public static FakeAnswer Success(string dataJson = "{}", string? logId = null)
        => Json(200, $$"""{"code":0,"msg":"success","data":{{dataJson}}}""", logId);

    /// <summary>A Feishu error answer <c>{"code":...,"msg":...}</c>.</summary>
    /// <param name="statusCode">HTTP status.</param>
    /// <param name="code">Feishu error code.</param>
    /// <param name="msg">Error description.</param>
    /// <param name="logId">The <c>X-Tt-Logid</c>; generated when null.</param>
    public static FakeAnswer Error(int statusCode, int code, string msg, string? logId = null)
        => Json(statusCode, JsonText.Write(json =>
        {
            json.WriteNumber("code", code);
            json.WriteString("msg", msg);
        }), logId);

    /// <summary>
    /// Feishu's refusal of a request whose fields break the endpoint's rules: HTTP 400,
    /// <c>{"code":99992402,"msg":"field validation failed","error":{"log_id":...,"field_violations":[{"field":...,"description":...}]}}</c>.
    /// </summary>
    /// <param name="violations">The problems, each named by its path.</param>
    /// <param name="logId">The <c>X-Tt-Logid</c> (also sent as <c>error.log_id</c>); generated when null.</param>
    public static FakeAnswer FieldViolations(IEnumerable<FeishuValidationError> violations, string? logId = null)
    {
        ArgumentNullException.ThrowIfNull(violations);
        logId ??= NewLogId();
        return Json(400, JsonText.Write(json =>
        {
            json.WriteNumber("code", FeishuErrorCodes.FieldValidationFailed);
            json.WriteString("msg", "field validation failed");
            json.WriteStartObject("error");
            json.WriteString("log_id", logId);
            json.WriteStartArray("field_violations");
            foreach (var violation in violations)
            {
                json.WriteStartObject();
                json.WriteString("field", violation.Path);
                json.WriteString("description", violation.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }), logId);
    }

    /// <summary>A log id in Feishu's form: the time to the second, then random hex.</summary>
    internal static string NewLogId(TimeProvider? clock = null)
        => (clock ?? TimeProvider.System).GetUtcNow().ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + System.Security.Cryptography.RandomNumberGenerator.GetHexString(18);

    /// <summary>Returns a copy that also sends <paramref name="name"/>: <paramref name="value"/>.</summary>
    /// <param name="name">Header name.</param>
    /// <param name="value">Header value.</param>
    public FakeAnswer WithHeader(string name, string value)
    {
        var copy = Copy(OmitLogId);
        copy._headers[name] = value;
        return copy;
    }

    /// <summary>Returns a copy that sends no <c>X-Tt-Logid</c> header.</summary>
    public FakeAnswer WithoutLogIdHeader() => Copy(omitLogId: true);

    /// <summary>Returns a copy that is answered only after <paramref name="delay"/> (or never, if the client gives up first).</summary>
    /// <param name="delay">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/> waits until the client goes away.</param>
    public FakeAnswer WithDelay(TimeSpan delay) => Copy(OmitLogId, delay, DropAfterBytes);

    /// <summary>
    /// Returns a copy whose connection is dropped after <paramref name="bytes"/> bytes of the body, the headers having
    /// promised all of it.
    /// </summary>
    /// <param name="bytes">How many body bytes to send before dropping the connection.</param>
    public FakeAnswer DroppedAfter(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        return Copy(OmitLogId, Delay, bytes);
    }

    private FakeAnswer Copy(bool omitLogId) => Copy(omitLogId, Delay, DropAfterBytes);

    private FakeAnswer Copy(bool omitLogId, TimeSpan delay, int? dropAfterBytes)
    {
        var copy = new FakeAnswer(StatusCode, Body, ContentType, LogId)
        {
            OmitLogId = omitLogId,
            Delay = delay,
            DropAfterBytes = dropAfterBytes,
            IsBuiltIn = IsBuiltIn,
        };
        foreach (var (name, value) in _headers)
        {
            copy._headers[name] = value;
        }

        return copy;
    }
}
