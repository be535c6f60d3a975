namespace FeishuApiGen.CorpusConverter.Facts;

/// <summary>
/// One endpoint of the facts file, as the file states it. <c>Key</c> is the lark-mcp tool name, e.g.
/// <c>corehr.v2.probationAssessment.create</c>; a schema is null where the endpoint has no such part.
/// </summary>
public sealed record FactsEndpoint(
    string Key,
    string Method,
    string Path,
    string Title,
    string Summary,
    IReadOnlyList<string> AccessTokens,
    FactsSchema? PathParams,
    FactsSchema? Query,
    FactsSchema? Body,
    FactsSchema? ResponseData);

/// <summary>
/// The part of JSON Schema the facts file uses. <c>Type</c> is string, number, integer, boolean, object or array;
/// <c>Properties</c> are the members in declaration order (null unless an object); <c>Enum</c> the allowed values
/// (<c>enum</c>, or a one-value <c>const</c>), null when any value goes.
/// </summary>
public sealed record FactsSchema(
    string Type,
    string? Description,
    IReadOnlyList<FactsProperty>? Properties,
    IReadOnlyList<string> Required,
    FactsSchema? Items,
    IReadOnlyList<string>? Enum)
{
    public bool IsRequired(string name) => Required.Contains(name, StringComparer.Ordinal);
}

/// <summary>A named member of an object schema.</summary>
public sealed record FactsProperty(string Name, FactsSchema Schema);
