using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace FeishuApiGen;

/// <summary>
/// The HTTP answer a call's data came in, as a generated response's <c>GetRawAnswer()</c> gives it: the status, every
/// header (<c>X-Tt-Logid</c>, Feishu's <c>x-ogw-ratelimit-*</c>, ...) and the log id, for a call that succeeded. A failed
/// call carries the same in its exception (<see cref="FeishuApiException.LogId"/>, <see cref="FeishuApiException.HttpStatus"/>).
/// Kept in the response itself, so it costs no allocation.
/// </summary>
public readonly struct FeishuRawAnswer
{
    /// <summary>Keeps an answer's status and headers; <paramref name="logId"/> is the answer's log id as the runtime read it.</summary>
    public FeishuRawAnswer(HttpStatusCode status, HttpResponseHeaders headers, string? logId)
    {
        ArgumentNullException.ThrowIfNull(headers);
        Status = status;
        Headers = headers;
        LogId = logId;
    }

    /// <summary>The HTTP status (200 for a successful call); 0 for a response that did not come from a call.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>Every header of the answer, as received; null for a response that did not come from a call.</summary>
    public HttpResponseHeaders? Headers { get; }

    /// <summary>
    /// Feishu's log id (<c>X-Tt-Logid</c>), which its support asks for; cut to a safe length and scrubbed of secrets, as
    /// in logs and exceptions.
    /// </summary>
    public string? LogId { get; }

    /// <summary>The endpoint's limit for the current window, from <c>x-ogw-ratelimit-limit</c>; null when not sent.</summary>
    public int? RateLimitLimit => Header("x-ogw-ratelimit-limit");

    /// <summary>How long until the current rate-limit window resets, from <c>x-ogw-ratelimit-reset</c>; null when not sent.</summary>
    public TimeSpan? RateLimitReset => Header("x-ogw-ratelimit-reset") is { } seconds ? TimeSpan.FromSeconds(seconds) : null;

    private int? Header(string name) =>
        Headers is not null
        && Headers.NonValidated.TryGetValues(name, out var values)
        && values.Count > 0
        && int.TryParse(values.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    /// <summary>Returns <c>FeishuRawAnswer { Status, LogId }</c>.</summary>
    public override string ToString() => $"FeishuRawAnswer {{ Status = {(int)Status}, LogId = {LogId} }}";
}
