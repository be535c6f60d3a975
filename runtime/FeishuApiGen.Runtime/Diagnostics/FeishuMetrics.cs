using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace FeishuApiGen.Diagnostics;

/// <summary>
/// The meter named <c>FeishuApiGen</c>, beside the logs (<see cref="FeishuLog"/>) and traces (<see cref="FeishuTelemetry"/>):
/// how long calls take, how many are in flight, how often they are resent, how long they wait for rate-limit permits and
/// how often a tenant token is fetched. Names and units follow OpenTelemetry's HTTP client conventions (seconds,
/// <c>http.request.method</c>, <c>server.address</c>, <c>http.response.status_code</c>, <c>error.type</c>) with the
/// endpoint's id added; a call is measured whole, retries and waits included, where <c>System.Net.Http</c>'s own meter
/// measures each HTTP request. Tags never carry a token, the secret, a log id or anything else unbounded.
/// </summary>
internal sealed class FeishuMetrics
{
    public const string MeterName = "FeishuApiGen";
    public const string CallDurationName = "feishu.client.call.duration";
    public const string ActiveCallsName = "feishu.client.active_calls";
    public const string RetriesName = "feishu.client.retries";
    public const string PermitWaitName = "feishu.client.rate_limit.wait.duration";
    public const string TokenFetchesName = "feishu.client.token.fetches";
    public const string FleetFallbacksName = "feishu.client.fleet.fallbacks";
    public const string FleetPartTag = "feishu.fleet.part";

    public const string EndpointTag = "feishu.endpoint";
    public const string RetryReasonTag = "feishu.retry.reason";
    public const string CodeTag = "feishu.code";
    public const string OutcomeTag = "feishu.outcome";
    public const string ServerAddressTag = "server.address";
    public const string ServerPortTag = "server.port";

    // Without a factory (no dependency injection), every connection records on this one meter, as ActivitySources are shared.
    private static readonly Meter s_sharedMeter = new(MeterName, Version());

    // Seconds, in buckets that suit a remote call: from 5 ms to 100 s (the default total timeout).
    private static readonly double[] s_secondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60, 100];

    private readonly Histogram<double> _callDuration;
    private readonly UpDownCounter<long> _activeCalls;
    private readonly Counter<long> _retries;
    private readonly Histogram<double> _permitWait;
    private readonly Counter<long> _tokenFetches;
    private readonly Counter<long> _fleetFallbacks;
    private readonly TimeProvider _time;
    private readonly string _serverAddress;
    private readonly int? _serverPort;

    /// <param name="factory">The application's meter factory (dependency injection), or null for the shared meter.</param>
    /// <param name="baseAddress">Where calls go: its host and port tag every measurement.</param>
    /// <param name="time">The connection's clock, read for a duration only when someone listens.</param>
    public FeishuMetrics(IMeterFactory? factory, Uri baseAddress, TimeProvider time)
    {
        _time = time;
        var meter = factory?.Create(new MeterOptions(MeterName) { Version = Version() }) ?? s_sharedMeter;
        _callDuration = SecondsHistogram(
            meter,
            CallDurationName,
            "Duration of Feishu calls, from the call to its answer's data or its exception: retries and waits for tokens and permits included.");
        _activeCalls = meter.CreateUpDownCounter<long>(ActiveCallsName, unit: "{call}", description: "Feishu calls in flight.");
        _retries = meter.CreateCounter<long>(RetriesName, unit: "{retry}", description: "Feishu calls sent again: after a transient failure, a rate-limit answer, or with a new tenant token.");
        _permitWait = SecondsHistogram(
            meter,
            PermitWaitName,
            "Time Feishu calls waited for the client-side rate limiter's permit (calls granted at once are not recorded).");
        _tokenFetches = meter.CreateCounter<long>(TokenFetchesName, unit: "{fetch}", description: "tenant_access_token fetches, by outcome.");
        _fleetFallbacks = meter.CreateCounter<long>(FleetFallbacksName, unit: "{request}", description: "Requests of the fleet's shared store (Redis) that failed, so this instance went on alone.");
        _serverAddress = baseAddress.Host;
        _serverPort = baseAddress.IsDefaultPort ? null : baseAddress.Port;
    }

    /// <summary>A call starts: one more in flight. Returns whether that was counted, for <see cref="CallEnded"/>.</summary>
    public bool CallStarted(FeishuEndpoint endpoint)
    {
        if (!_activeCalls.Enabled)
        {
            return false;
        }

        _activeCalls.Add(1, CallTags(endpoint));
        return true;
    }

    /// <summary>A call ended with its data (<paramref name="failure"/> null) or an exception: its duration, one fewer in flight.</summary>
    /// <param name="endpoint">The endpoint called.</param>
    /// <param name="startTimestamp">When the call started, on the connection's clock.</param>
    /// <param name="status">The HTTP status of the call's last answer, if one came.</param>
    /// <param name="failure">What the call ended with, or null when it succeeded.</param>
    /// <param name="countedStart">What <see cref="CallStarted"/> returned: a listener that came mid-call saw no start to undo.</param>
    public void CallEnded(FeishuEndpoint endpoint, long startTimestamp, int? status, Exception? failure, bool countedStart)
    {
        if (countedStart)
        {
            _activeCalls.Add(-1, CallTags(endpoint));
        }

        if (!_callDuration.Enabled)
        {
            return;
        }

        var tags = CallTags(endpoint);
        var answer = failure is FeishuTransientException transient ? transient.InnerException : failure;
        status ??= answer switch
        {
            FeishuApiException api => (int)api.HttpStatus,
            FeishuProtocolException protocol => (int)protocol.HttpStatus,
            _ => null,
        };
        if (status is { } code)
        {
            tags.Add(FeishuTelemetry.StatusTag, code);
        }

        if (failure is not null)
        {
            // OpenTelemetry's error.type: the exception's type; Feishu's code beside it says which error answer it was.
            tags.Add(FeishuTelemetry.ErrorTypeTag, failure.GetType().FullName);
            if (answer is FeishuApiException api)
            {
                tags.Add(CodeTag, api.Code);
            }
        }

        _callDuration.Record(_time.GetElapsedTime(startTimestamp).TotalSeconds, tags);
    }

    /// <summary>A call is sent again; <paramref name="reason"/> is <c>transient</c>, <c>rate_limited</c> or <c>token_refresh</c>.</summary>
    public void Resending(FeishuEndpoint endpoint, string reason)
    {
        if (_retries.Enabled)
        {
            var tags = CallTags(endpoint);
            tags.Add(RetryReasonTag, reason);
            _retries.Add(1, tags);
        }
    }

    /// <summary>A call waited <paramref name="waited"/> for its rate-limit permit, and got it or gave up.</summary>
    public void PermitWaited(FeishuEndpoint endpoint, TimeSpan waited)
    {
        if (_permitWait.Enabled)
        {
            _permitWait.Record(waited.TotalSeconds, CallTags(endpoint));
        }
    }

    /// <summary>A tenant token fetch ended: <c>success</c> or <c>failure</c>.</summary>
    /// <summary>A request of the fleet's shared store failed: this instance went on alone for <paramref name="part"/>.</summary>
    public void FleetFallback(string part)
    {
        if (_fleetFallbacks.Enabled)
        {
            var tags = ServerTags();
            tags.Add(FleetPartTag, part);
            _fleetFallbacks.Add(1, tags);
        }
    }

    public void TokenFetched(bool succeeded)
    {
        if (_tokenFetches.Enabled)
        {
            var tags = ServerTags();
            tags.Add(OutcomeTag, succeeded ? "success" : "failure");
            _tokenFetches.Add(1, tags);
        }
    }

    private static Histogram<double> SecondsHistogram(Meter meter, string name, string description) =>
        meter.CreateHistogram(name, unit: "s", description, tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_secondsBuckets });

    private TagList CallTags(FeishuEndpoint endpoint)
    {
        var tags = ServerTags();
        tags.Add(EndpointTag, endpoint.Id);
        tags.Add(FeishuTelemetry.MethodTag, endpoint.Method.Method);
        return tags;
    }

    private TagList ServerTags()
    {
        var tags = new TagList { { ServerAddressTag, _serverAddress } };
        if (_serverPort is { } port)
        {
            tags.Add(ServerPortTag, port);
        }

        return tags;
    }

    private static string? Version() =>
        typeof(FeishuMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0];
}
