using Microsoft.Extensions.Logging;

namespace FeishuApiGen.Diagnostics;

/// <summary>
/// Every log line the runtime writes, source-generated (no boxing, no formatting when the level is off). Arguments are
/// ids, counts, durations and failure summaries (<see cref="FeishuTransientException.Describe"/>): never the app secret,
/// a token, a request or response body, or server-supplied text. Event ids are listed in docs/runtime-contract.md.
/// </summary>
internal static partial class FeishuLog
{
    /// <summary>The logger category.</summary>
    public const string Category = "FeishuApiGen";

    [LoggerMessage(EventId = 1001, EventName = "CallSucceeded", Level = LogLevel.Debug,
        Message = "Feishu {EndpointId} succeeded after {Attempts} attempt(s) in {ElapsedMs} ms, log id {LogId}")]
    public static partial void CallSucceeded(ILogger logger, string endpointId, int attempts, long elapsedMs, string? logId);

    [LoggerMessage(EventId = 1002, EventName = "RetryScheduled", Level = LogLevel.Information,
        Message = "Feishu {EndpointId} attempt {Attempt} failed ({Failure}); retrying in {DelayMs} ms")]
    public static partial void RetryScheduled(ILogger logger, string endpointId, int attempt, string failure, long delayMs);

    [LoggerMessage(EventId = 1003, EventName = "TenantTokenRejected", Level = LogLevel.Information,
        Message = "Feishu {EndpointId} rejected the cached tenant_access_token of app {AppId} with code {Code}; fetching a new one and retrying once")]
    public static partial void TenantTokenRejected(ILogger logger, string endpointId, string appId, int code);

    [LoggerMessage(EventId = 1004, EventName = "CallFailed", Level = LogLevel.Warning,
        Message = "Feishu {EndpointId} failed after {Attempts} attempt(s) in {ElapsedMs} ms: {Failure}")]
    public static partial void CallFailed(ILogger logger, string endpointId, int attempts, long elapsedMs, string failure);

    [LoggerMessage(EventId = 1005, EventName = "GaveUp", Level = LogLevel.Warning,
        Message = "Feishu {EndpointId} gave up after {Attempts} attempt(s) in {ElapsedMs} ms ({Reason}); last failure: {Failure}")]
    public static partial void GaveUp(ILogger logger, string endpointId, int attempts, long elapsedMs, FeishuGiveUpReason reason, string failure);

    [LoggerMessage(EventId = 1006, EventName = "RateLimitQueueFull", Level = LogLevel.Warning,
        Message = "Feishu {EndpointId}: the client-side rate limit queue is full; the call is refused without sending")]
    public static partial void RateLimitQueueFull(ILogger logger, string endpointId);

    [LoggerMessage(EventId = 1007, EventName = "CallCanceled", Level = LogLevel.Debug,
        Message = "Feishu {EndpointId} was canceled by the caller after {Attempts} attempt(s) in {ElapsedMs} ms")]
    public static partial void CallCanceled(ILogger logger, string endpointId, int attempts, long elapsedMs);

    [LoggerMessage(EventId = 1101, EventName = "TokenFetched", Level = LogLevel.Debug,
        Message = "Fetched a tenant_access_token for app {AppId}: valid for {LifetimeSeconds} s, replaced after {UsableSeconds} s")]
    public static partial void TokenFetched(ILogger logger, string appId, long lifetimeSeconds, long usableSeconds);

    [LoggerMessage(EventId = 1102, EventName = "TokenFetchFailed", Level = LogLevel.Warning,
        Message = "Fetching a tenant_access_token for app {AppId} failed: {Failure}")]
    public static partial void TokenFetchFailed(ILogger logger, string appId, string failure);

    [LoggerMessage(EventId = 1103, EventName = "AppCredentialsRejected", Level = LogLevel.Error,
        Message = "Feishu refused the credentials of app {AppId} (code 99991543): check its App ID and App Secret")]
    public static partial void AppCredentialsRejected(ILogger logger, string appId);

    [LoggerMessage(EventId = 1104, EventName = "FleetShareFailed", Level = LogLevel.Warning,
        Message = "The fleet's shared store failed for app {AppId} ({Part}); this instance goes on alone until it answers: {Failure}")]
    public static partial void FleetShareFailed(ILogger logger, string appId, string part, string failure);

    [LoggerMessage(EventId = 1105, EventName = "FleetShareResumed", Level = LogLevel.Information,
        Message = "The fleet's shared store answers again for app {AppId} ({Part}); coordination resumes")]
    public static partial void FleetShareResumed(ILogger logger, string appId, string part);
}
