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
}
