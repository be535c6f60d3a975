using System.Globalization;

namespace FeishuApiGen;

/// <summary>
/// How a failed call is retried: exponential backoff with jitter after transient failures (HTTP 5xx and 408, connection
/// failures, timed-out attempts), Feishu's own wait after a rate-limit answer (HTTP 429 or code 99991400). A write is
/// retried only when resending it is safe (see <see cref="FeishuEndpoint.IdempotencyKey"/>).
/// </summary>
public sealed class FeishuRetryOptions
{
    /// <summary>The most attempts one call makes, the first included. Defaults to 3; 1 turns retries off. At most 20.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The median wait before the first retry; later waits grow exponentially. Defaults to 500 ms.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest backoff wait. Defaults to 30 seconds. A wait Feishu asks for (rate limits) is not capped by it.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether backoff waits are randomised, so many clients failing together do not retry together. Defaults to true.</summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>Returns the settings.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{{ MaxAttempts = {MaxAttempts}, BaseDelay = {BaseDelay}, MaxDelay = {MaxDelay}, UseJitter = {UseJitter} }}");

    internal FeishuRetryOptions Copy() => (FeishuRetryOptions)MemberwiseClone();
}
