using System.Diagnostics;
using System.Reflection;

namespace FeishuApiGen.Diagnostics;

/// <summary>
/// The <see cref="ActivitySource"/> named <c>FeishuApiGen</c>: one client activity per call, tagged with the endpoint, the
/// attempts made, Feishu's code and log id and the HTTP status, plus a <c>feishu.retry</c> event per retry. Subscribe
/// with OpenTelemetry's <c>AddSource("FeishuApiGen")</c>. Tags never carry a token, the secret or a body.
/// </summary>
internal static class FeishuTelemetry
{
    public const string SourceName = "FeishuApiGen";

    public const string EndpointTag = "feishu.endpoint";
    public const string AppIdTag = "feishu.app_id";
    public const string AttemptTag = "feishu.attempt";
    public const string CodeTag = "feishu.code";
    public const string LogIdTag = "feishu.log_id";
    public const string GiveUpReasonTag = "feishu.give_up_reason";
    public const string RetryDelayTag = "feishu.retry_delay_ms";
    public const string FailureTag = "feishu.failure";
    public const string MethodTag = "http.request.method";
    public const string StatusTag = "http.response.status_code";
    public const string ErrorTypeTag = "error.type";

    public static readonly ActivitySource Source = new(
        SourceName, typeof(FeishuTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

    public static Activity? StartCall(FeishuEndpoint endpoint, string appId)
    {
        // No listener, no activity: and no name built for it either.
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity("Feishu " + endpoint.Id, ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag(EndpointTag, endpoint.Id);
            activity.SetTag(AppIdTag, appId);
            activity.SetTag(MethodTag, endpoint.Method.Method);
        }

        return activity;
    }

    /// <summary>An attempt's answer was read: its status, log id and code 0.</summary>
    public static void Answered(Activity? activity, int status, string? logId)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(StatusTag, status);
        activity.SetTag(LogIdTag, logId);
        activity.SetTag(CodeTag, 0);
    }

    /// <summary>An attempt's answer was an error: what Feishu's answer said.</summary>
    public static void AnsweredWithError(Activity activity, FeishuException answered)
    {
        switch (answered)
        {
            case FeishuApiException api:
                activity.SetTag(StatusTag, (int)api.HttpStatus);
                activity.SetTag(LogIdTag, api.LogId);
                activity.SetTag(CodeTag, api.Code);
                break;
            case FeishuProtocolException protocol:
                activity.SetTag(StatusTag, (int)protocol.HttpStatus);
                activity.SetTag(LogIdTag, protocol.LogId);
                break;
        }
    }

    /// <summary>The call is sent again after <paramref name="delayMilliseconds"/>.</summary>
    public static void Resending(Activity? activity, int failedAttempt, long delayMilliseconds, string failure) =>
        activity?.AddEvent(new ActivityEvent("feishu.retry", tags: new ActivityTagsCollection
        {
            [AttemptTag] = failedAttempt,
            [RetryDelayTag] = delayMilliseconds,
            [FailureTag] = failure,
        }));

    /// <summary>The call is sent again with a new tenant token.</summary>
    public static void RefreshingToken(Activity? activity) => activity?.AddEvent(new ActivityEvent("feishu.token_refresh"));

    /// <summary>The call ended with its answer's data.</summary>
    public static void Succeeded(Activity? activity, int attempts) => activity?.SetTag(AttemptTag, attempts);

    /// <summary>The call ended because its caller cancelled it.</summary>
    public static void Canceled(Activity? activity, int attempts)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(AttemptTag, attempts);
        activity.SetTag(ErrorTypeTag, nameof(OperationCanceledException));
        activity.SetStatus(ActivityStatusCode.Error, "canceled");
    }

    /// <summary>The call ended with <paramref name="failure"/>.</summary>
    public static void Failed(Activity? activity, int attempts, Exception failure)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(AttemptTag, attempts);
        activity.SetTag(ErrorTypeTag, failure.GetType().Name);
        if (failure is FeishuTransientException transient)
        {
            activity.SetTag(GiveUpReasonTag, transient.Reason.ToString());
        }

        activity.SetStatus(ActivityStatusCode.Error, FeishuTransientException.Describe(failure is FeishuTransientException t ? t.InnerException : failure));
    }
}
