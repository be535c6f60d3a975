using System.Text.Json;

namespace FeishuApiGen.Corpus.Tests.Infrastructure;

/// <summary>
/// The facts file read straight from its JSON, apart from the converter, so what the tests expect on the wire comes
/// from the facts and not from anything the converter or the generator made of them.
/// </summary>
internal sealed class FactsFile
{
    private static readonly Lazy<FactsFile> s_instance = new(() => new FactsFile(File.ReadAllText(RepoPaths.Facts)));

    private FactsFile(string json)
    {
        using var document = JsonDocument.Parse(json);
        Endpoints = document.RootElement.EnumerateObject()
            .Select(e => new FactsEndpoint(
                e.Name,
                e.Value.GetProperty("method").GetString()!,
                e.Value.GetProperty("path").GetString()!,
                Schema(e.Value.GetProperty("request"), "path"),
                Schema(e.Value.GetProperty("request"), "query"),
                Schema(e.Value.GetProperty("request"), "body"),
                e.Value.GetProperty("response_data") is { ValueKind: JsonValueKind.Object } data ? data.Clone() : null))
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .ToList();
    }

    public static FactsFile Instance => s_instance.Value;

    public IReadOnlyList<FactsEndpoint> Endpoints { get; }

    public FactsEndpoint this[string key] => Endpoints.Single(e => e.Key == key);

    // Cloned, so the schemas outlive the document.
    private static JsonElement? Schema(JsonElement request, string part) =>
        request.GetProperty(part) is { ValueKind: JsonValueKind.Object } schema ? schema.Clone() : null;
}

/// <summary>One endpoint's request facts: method, path template, and the JSON Schemas of its path, query and body.</summary>
internal sealed record FactsEndpoint(string Key, string Method, string Path, JsonElement? PathParams, JsonElement? Query, JsonElement? Body, JsonElement? ResponseData)
{
    /// <summary>
    /// Pages as Feishu pages: a <c>page_token</c> query parameter, and <c>has_more</c>, <c>page_token</c> and at least
    /// one array in the answer's data. Such an endpoint also gets a method that walks every page.
    /// </summary>
    public bool IsPaginated =>
        Properties(Query).Any(p => p.Name == "page_token")
        && Properties(ResponseData) is var data
        && data.Any(p => p.Name == "has_more")
        && data.Any(p => p.Name == "page_token")
        && data.Any(p => p.Value.TryGetProperty("type", out var type) && type.GetString() == "array");

    /// <summary><c>list</c> is <c>ListAllAsync</c>: the page-walking method of a paginated endpoint.</summary>
    public string PageWalkingMethodName => Upper(KeyParts[3]) + "AllAsync";

    private string[] KeyParts => Key.Split('.');

    public string Version => KeyParts[1];

    /// <summary>The generated group the official SDKs name after the key: <c>probationAssessment</c> is <c>ProbationAssessment</c>.</summary>
    public string ResourceProperty => Upper(KeyParts[2]);

    /// <summary><c>create</c> is <c>CreateAsync</c>, <c>submitV2</c> is <c>SubmitV2Async</c>.</summary>
    public string MethodName => Upper(KeyParts[3]) + "Async";

    public string VersionProperty => Upper(Version);

    private static string Upper(string camel) => char.ToUpperInvariant(camel[0]) + camel[1..];

    private static List<JsonProperty> Properties(JsonElement? schema) =>
        schema is { } s && s.TryGetProperty("properties", out var properties) ? properties.EnumerateObject().ToList() : [];
}
