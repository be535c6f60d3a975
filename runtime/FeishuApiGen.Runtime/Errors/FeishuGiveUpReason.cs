namespace FeishuApiGen;

/// <summary>Why a call that met a transient failure stopped trying.</summary>
public enum FeishuGiveUpReason
{
    /// <summary>Every allowed attempt failed (<see cref="FeishuRetryOptions.MaxAttempts"/>).</summary>
    AttemptsExhausted,

    /// <summary>The call ran out of <see cref="FeishuClientOptions.TotalTimeout"/>.</summary>
    TotalTimeoutElapsed,

    /// <summary>
    /// The failure came after a byte of the request could have reached Feishu, and the endpoint has no idempotency key,
    /// so sending it again could act twice. Whether it took effect is unknown. Never reported for a request that did not
    /// leave (a refused connection, a failed token fetch, a handler that failed before writing the body).
    /// </summary>
    NotIdempotent,

    /// <summary>Feishu asked to wait longer (rate limit) than the call's <see cref="FeishuClientOptions.TotalTimeout"/> has left.</summary>
    WaitExceedsTotalTimeout,

    /// <summary>Too many calls of this endpoint were already waiting for the client-side rate limit (<see cref="FeishuRateLimitOptions.QueueLimit"/>).</summary>
    RateLimitQueueFull,
}
