namespace FeishuApiGen.Testing;

/// <summary>A request the fake Feishu received, as sent on the wire, and the answer it was given.</summary>
public sealed class ReceivedRequest
{
    // Set on the server's thread while a test may read them on its own.
    private FakeAnswer? _answer;
    private string? _logId;

    internal ReceivedRequest(
        string method,
        string path,
        string queryString,
        IReadOnlyDictionary<string, string> headers,
        byte[] body,
        DateTimeOffset receivedAt,
        CancellationToken requestAborted)
    {
        Method = method;
        Path = path;
        QueryString = queryString;
        Headers = headers;
        BodyBytes = body;
        Body = System.Text.Encoding.UTF8.GetString(body);
        ReceivedAt = receivedAt;
        RequestAborted = requestAborted;
    }

    /// <summary>The HTTP method, upper case.</summary>
    public string Method { get; }

    /// <summary>The path exactly as sent, still percent-encoded (<c>/open-apis/x/a%2Fb</c>), without the query.</summary>
    public string Path { get; }

    /// <summary>The raw query string including the leading <c>?</c>, or empty.</summary>
    public string QueryString { get; }

    /// <summary>A copy of the request headers (names case-insensitive; repeated headers joined with <c>", "</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The body decoded as UTF-8; empty when there was none.</summary>
    public string Body { get; }

    /// <summary>The body bytes as received.</summary>
    public ReadOnlyMemory<byte> BodyBytes { get; }

    /// <summary>The served endpoint the request's method and path fit best, or null (a token request, an unserved path).</summary>
    public FeishuEndpoint? Endpoint => Served?.Contract.Endpoint;

    /// <summary>The served endpoint the request fits best; set when it is recorded, before anyone can read it.</summary>
    internal ServedEndpoint? Served { get; set; }

    /// <summary>When the request arrived (server clock).</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The <c>X-Tt-Logid</c> the server answered with (set once the answer is chosen).</summary>
    public string? LogId
    {
        get => Volatile.Read(ref _logId);
        internal set => Volatile.Write(ref _logId, value);
    }

    /// <summary>The answer the fake chose, set as soon as it is chosen (a delayed answer before its delay).</summary>
    public FakeAnswer? Answer
    {
        get => Volatile.Read(ref _answer);
        internal set => Volatile.Write(ref _answer, value);
    }

    /// <summary>Whether this was a call of the built-in token endpoint.</summary>
    public bool IsTokenRequest => Method == "POST" && Path == FakeFeishu.TokenPath;

    /// <summary>Signalled when the client goes away; async responders can wait on it.</summary>
    public CancellationToken RequestAborted { get; }

    /// <summary>A header's value, or null.</summary>
    /// <param name="name">The header name (any case).</param>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The values of one query parameter, decoded, in order (<c>ids=1&amp;ids=2</c> gives both).</summary>
    /// <param name="name">The parameter name.</param>
    public IReadOnlyList<string> Query(string name)
        => Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(QueryString).TryGetValue(name, out var values)
            ? [.. values.Select(v => v ?? "")]
            : [];

    /// <summary>
    /// Reads the request back into its generated type, path and query parameters and body, to assert on what the client
    /// sent: <c>fake.RequestsTo(CreateProbationAssessmentRequest.FeishuEndpoint)[0].ReadAs&lt;CreateProbationAssessmentRequest&gt;()</c>.
    /// </summary>
    /// <typeparam name="TRequest">The generated request type of the endpoint the request was sent to.</typeparam>
    /// <exception cref="InvalidOperationException">The request's path does not fit the endpoint's.</exception>
    /// <exception cref="System.Text.Json.JsonException">A value has a JSON type the request type cannot read.</exception>
    public TRequest ReadAs<TRequest>() where TRequest : class, IFeishuRequest<TRequest>
    {
        var template = PathTemplate.Of(TRequest.FeishuEndpoint);
        if (!template.Matches(Method, Path))
        {
            throw new InvalidOperationException($"{this} was not sent to {TRequest.FeishuEndpoint}.");
        }

        return TRequest.ReadWire(ToWire(template));
    }

    /// <summary>The request as a generated type reads it: path values by the template's <c>:name</c> segments, decoded.</summary>
    internal FeishuWireRequest ToWire(PathTemplate template)
    {
        var query = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(QueryString))
        {
            foreach (var value in values)
            {
                query.Add(new(name, value ?? ""));
            }
        }

        return new FeishuWireRequest(template.PathValues(Path), query, BodyBytes);
    }

    /// <summary>Returns <c>METHOD path?query</c>.</summary>
    public override string ToString() => $"{Method} {Path}{QueryString}";
}
