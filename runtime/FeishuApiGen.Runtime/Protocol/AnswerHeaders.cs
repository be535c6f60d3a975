using System.Globalization;
using FeishuApiGen.Diagnostics;

namespace FeishuApiGen.Protocol;

/// <summary>What Feishu's answer headers say: the log id, and how long a rate-limited caller should wait.</summary>
internal static class AnswerHeaders
{
    /// <summary>The log id: the <c>X-Tt-Logid</c> header if present, made safe for logs and messages (<see cref="ServerText.LogId"/>).</summary>
    public static string? LogId(HttpResponseMessage response, SecretScrubber scrubber)
        // Non-validated: the raw value, without parsing or allocating an enumerable per call.
        => response.Headers.NonValidated.TryGetValues("X-Tt-Logid", out var values) && values.Count > 0
            ? ServerText.LogId(values.ToString(), scrubber)
            : null;

    /// <summary>
    /// How long the server asked to wait: Feishu's <c>x-ogw-ratelimit-reset</c> header (seconds until the window resets),
    /// else the standard <c>Retry-After</c> (seconds or a date); null when neither is present and valid.
    /// </summary>
    public static TimeSpan? RateLimitReset(HttpResponseMessage response, TimeProvider time)
    {
        if (response.Headers.TryGetValues("x-ogw-ratelimit-reset", out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return response.Headers.RetryAfter switch
        {
            { Delta: { } delta } when delta >= TimeSpan.Zero => delta,
            { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => null,
        };
    }
}
