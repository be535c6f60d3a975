using System.Globalization;
using System.Net;
using System.Text;

namespace FeishuApiGen;

/// <summary>
/// A call failed for a reason that may pass (the network, a 5xx, a timeout, a rate limit) and the runtime stopped trying:
/// <see cref="Reason"/> says why, <see cref="Attempts"/> how often it was sent, and <see cref="Exception.InnerException"/> is
/// the last failure (a <see cref="FeishuApiException"/>, <see cref="FeishuProtocolException"/>, <see cref="HttpRequestException"/>,
/// <see cref="IOException"/> or a timeout). Trying again later may succeed.
/// </summary>
public sealed class FeishuTransientException : FeishuException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="endpointId">The endpoint called.</param>
    /// <param name="reason">Why the runtime stopped trying.</param>
    /// <param name="attempts">How many attempts were made (0 when none could start).</param>
    /// <param name="elapsed">How long the call took.</param>
    /// <param name="lastError">The last failure, if any.</param>
    public FeishuTransientException(string endpointId, FeishuGiveUpReason reason, int attempts, TimeSpan elapsed, Exception? lastError)
        : base(endpointId, BuildMessage(endpointId, reason, attempts, elapsed, lastError), lastError)
    {
        Reason = reason;
        Attempts = attempts;
        Elapsed = elapsed;
        (HttpStatus, Code, LogId, RetryAfter) = lastError switch
        {
            FeishuApiException api => ((HttpStatusCode?)api.HttpStatus, (int?)api.Code, api.LogId, api.RetryAfter),
            FeishuProtocolException protocol => (protocol.HttpStatus, null, protocol.LogId, protocol.RetryAfter),
            HttpRequestException { StatusCode: { } status } => (status, null, null, null),
            _ => ((HttpStatusCode?)null, (int?)null, (string?)null, (TimeSpan?)null),
        };
    }

    /// <summary>Why the runtime stopped trying.</summary>
    public FeishuGiveUpReason Reason { get; }

    /// <summary>How many times the request was sent (or tried to be sent).</summary>
    public int Attempts { get; }

    /// <summary>How long the call took, waits included.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The HTTP status of the last answer, if one arrived.</summary>
    public HttpStatusCode? HttpStatus { get; }

    /// <summary>The Feishu <c>code</c> of the last answer, if it had one.</summary>
    public int? Code { get; }

    /// <summary>The log id (<c>X-Tt-Logid</c>) of the last answer, if any: quote it to Feishu support.</summary>
    public string? LogId { get; }

    /// <summary>How long Feishu asked to wait, when the last answer was a rate limit.</summary>
    public TimeSpan? RetryAfter { get; }

    internal static string Describe(Exception? error) => error switch
    {
        null => "none",
        FeishuApiException api => string.Create(
            CultureInfo.InvariantCulture, $"HTTP {(int)api.HttpStatus}, code {api.Code}{LogIdPart(api.LogId)}"),
        FeishuProtocolException protocol => string.Create(
            CultureInfo.InvariantCulture, $"HTTP {(int)protocol.HttpStatus}, not a Feishu envelope{LogIdPart(protocol.LogId)}"),
        HttpRequestException http => http.StatusCode is { } status
            ? string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)status} ({http.HttpRequestError})")
            : $"transport error ({http.HttpRequestError})",
        IOException => "connection lost while reading the answer",
        Polly.Timeout.TimeoutRejectedException timeout => string.Create(
            CultureInfo.InvariantCulture, $"attempt timed out after {timeout.Timeout.TotalMilliseconds:0} ms"),
        OperationCanceledException => "timed out (HttpClient.Timeout)",
        Resilience.RateLimitRefusedException { Reason: FeishuGiveUpReason.RateLimitQueueFull } => "client-side rate limit queue full",
        Resilience.RateLimitRefusedException => "waited for a client-side rate-limit permit until the total timeout",
        _ => error.GetType().Name,
    };

    private static string LogIdPart(string? logId) => string.IsNullOrEmpty(logId) ? "" : ", log id " + logId;

    private static string BuildMessage(string endpointId, FeishuGiveUpReason reason, int attempts, TimeSpan elapsed, Exception? lastError)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Feishu API {endpointId} failed after {attempts} attempt{(attempts == 1 ? "" : "s")} in {elapsed.TotalSeconds:0.###} s: ");
        text.Append(reason switch
        {
            FeishuGiveUpReason.AttemptsExhausted => "every allowed attempt met a transient failure.",
            FeishuGiveUpReason.TotalTimeoutElapsed => "the call's total timeout elapsed.",
            FeishuGiveUpReason.NotIdempotent =>
                "not retried, because the endpoint has no idempotency key and the request may already have taken effect; check before sending it again.",
            FeishuGiveUpReason.WaitExceedsTotalTimeout => "Feishu asked to wait longer than the call's total timeout has left.",
            FeishuGiveUpReason.RateLimitQueueFull => "too many calls of this endpoint are already waiting for the client-side rate limit.",
            _ => reason.ToString() + ".",
        });
        text.Append(" Last error: ").Append(Describe(lastError)).Append('.');
        return text.ToString();
    }
}
