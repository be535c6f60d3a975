namespace FeishuApiGen;

/// <summary>
/// The fixed facts of one Open Platform endpoint. The generator emits one static instance per endpoint;
/// <see cref="FeishuConnection"/> uses it to send a request and to explain failures.
/// </summary>
public sealed class FeishuEndpoint
{
    /// <summary>Creates the description of an endpoint.</summary>
    /// <param name="id">Identity as <c>project.version.resource.name</c>, e.g. <c>corehr.v2.probation.assessment.create</c>.</param>
    /// <param name="httpMethod">GET, POST, PUT, PATCH or DELETE.</param>
    /// <param name="pathTemplate">The documented path, e.g. <c>/open-apis/corehr/v2/probation/assessments</c>.</param>
    /// <param name="hasBody">Whether the request carries a JSON body.</param>
    /// <param name="accessTokens">The <c>Authorization</c> tokens the endpoint accepts.</param>
    /// <param name="scopes">Permission scopes; any one of them suffices.</param>
    /// <param name="rateLimits">Documented rate limits.</param>
    /// <exception cref="ArgumentException">An argument is null, empty or not one of the allowed values.</exception>
    public FeishuEndpoint(
        string id,
        string httpMethod,
        string pathTemplate,
        bool hasBody,
        FeishuAccessTokenTypes accessTokens,
        string[] scopes,
        FeishuRateLimit[] rateLimits)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(httpMethod);
        ArgumentException.ThrowIfNullOrEmpty(pathTemplate);
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(rateLimits);

        Id = id;
        Method = ParseMethod(httpMethod);
        PathTemplate = pathTemplate;
        HasBody = hasBody;
        AccessTokens = accessTokens;
        // Copies, so a caller keeping the arrays cannot change a shared static description.
        Scopes = Array.AsReadOnly((string[])scopes.Clone());
        RateLimits = Array.AsReadOnly((FeishuRateLimit[])rateLimits.Clone());
    }

    /// <summary>Identity as <c>project.version.resource.name</c>, e.g. <c>corehr.v2.probation.assessment.create</c>.</summary>
    public string Id { get; }

    /// <summary>The HTTP method.</summary>
    public HttpMethod Method { get; }

    /// <summary>The documented path, with path parameters as <c>:name</c>.</summary>
    public string PathTemplate { get; }

    /// <summary>Whether the request carries a JSON body.</summary>
    public bool HasBody { get; }

    /// <summary>The <c>Authorization</c> tokens the endpoint accepts.</summary>
    public FeishuAccessTokenTypes AccessTokens { get; }

    /// <summary>Permission scopes; any one of them suffices. Named in permission errors.</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>Documented rate limits.</summary>
    public IReadOnlyList<FeishuRateLimit> RateLimits { get; }

    /// <summary>
    /// The wire name of the query parameter that carries the call's idempotency key (a spec field with
    /// <c>idempotency_key: true</c>, e.g. <c>client_token</c>), or null when the endpoint has none. The generated request
    /// fills a fresh key when the caller leaves it empty, and every attempt of one call sends the same key, so Feishu
    /// treats a resent call as the same call.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Returns <c>METHOD path (id)</c>.</summary>
    public override string ToString() => $"{Method.Method} {PathTemplate} ({Id})";

    private static HttpMethod ParseMethod(string method) => method.ToUpperInvariant() switch
    {
        "GET" => HttpMethod.Get,
        "POST" => HttpMethod.Post,
        "PUT" => HttpMethod.Put,
        "PATCH" => HttpMethod.Patch,
        "DELETE" => HttpMethod.Delete,
        _ => throw new ArgumentException($"HTTP method '{method}' is not one of: GET, POST, PUT, PATCH, DELETE.", nameof(method)),
    };
}

/// <summary>A documented rate limit (接口频率限制): at most <paramref name="Limit"/> calls per <paramref name="Per"/>.</summary>
/// <param name="Limit">Calls allowed in the window.</param>
/// <param name="Per">The window, e.g. one minute.</param>
public readonly record struct FeishuRateLimit(int Limit, TimeSpan Per);
