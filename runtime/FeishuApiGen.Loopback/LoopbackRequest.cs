namespace FeishuApiGen.Loopback;

/// <summary>A request the loopback server received, as sent on the wire.</summary>
public sealed class LoopbackRequest
{
    internal LoopbackRequest(
        string method,
        string path,
        string queryString,
        IReadOnlyDictionary<string, string> headers,
        string body,
        DateTimeOffset receivedAt,
        CancellationToken requestAborted)
    {
        Method = method;
        Path = path;
        QueryString = queryString;
        Headers = headers;
        Body = body;
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

    /// <summary>When the request arrived (server clock).</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The <c>X-Tt-Logid</c> the server answered with (set once the answer is chosen).</summary>
    public string? LogId { get; internal set; }

    /// <summary>Whether this was a call of the built-in token endpoint.</summary>
    public bool IsTokenRequest => Method == "POST" && Path == FeishuLoopbackServer.TokenPath;

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

    /// <summary>Returns <c>METHOD path?query</c>.</summary>
    public override string ToString() => $"{Method} {Path}{QueryString}";
}
