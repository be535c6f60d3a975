using System.Globalization;

namespace FeishuApiGen;

/// <summary>
/// Client-side rate limiting: each endpoint's documented limits (<see cref="FeishuEndpoint.RateLimits"/>, e.g. 100 per
/// minute) are kept per app (per <see cref="FeishuConnection"/>), so a busy caller waits its turn instead of being refused
/// by Feishu with code 99991400.
/// </summary>
public sealed class FeishuRateLimitOptions
{
    /// <summary>Whether calls wait for the documented limits. Defaults to true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The share of each documented limit this connection may use, e.g. 0.5 when two processes call with the same app,
    /// or more than 1 when Feishu raised the app's limits. Defaults to 1. Each limit stays at least one call per window.
    /// </summary>
    public double Scale { get; set; } = 1.0;

    /// <summary>
    /// How many calls of one endpoint may wait for a permit at once; a call beyond that fails at once with
    /// <see cref="FeishuTransientException"/> (<see cref="FeishuGiveUpReason.RateLimitQueueFull"/>). Defaults to 1000.
    /// </summary>
    public int QueueLimit { get; set; } = 1000;

    /// <summary>
    /// How much longer than documented each window is kept. A window's whole budget may be granted at once, so without a
    /// guard the calls of one window that leave late (a busy process, a new connection, the way to Feishu) and the first
    /// calls of the next could reach Feishu within one documented window. Defaults to 50 ms: 50 per second is then granted
    /// as 50 per 1.05 s, and 1000 per minute as 1000 per 60.05 s. Between zero and 10 s.
    /// </summary>
    public TimeSpan WindowGuard { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Returns the settings.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"{{ Enabled = {Enabled}, Scale = {Scale}, QueueLimit = {QueueLimit}, WindowGuard = {WindowGuard} }}");

    internal FeishuRateLimitOptions Copy() => (FeishuRateLimitOptions)MemberwiseClone();
}
