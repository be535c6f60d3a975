namespace FeishuApiGen.CorpusConverter.Mapping;

/// <summary>
/// One endpoint spec, ready to be written as YAML: every name chosen, every type settled. <c>SourceKey</c> is the facts
/// file's key for the endpoint; <c>Types</c> are the named object types the spec uses, ordered by name. <c>PageItems</c>
/// names the items array of a paginated endpoint where the generator could not tell it (several arrays, none <c>items</c>).
/// </summary>
public sealed record SpecDocument(
    string SourceKey,
    SpecApi Api,
    string Title,
    string Description,
    string Method,
    string Path,
    IReadOnlyList<string> AccessTokens,
    IReadOnlyList<SpecField> PathParams,
    IReadOnlyList<SpecField> Query,
    IReadOnlyList<SpecField> Body,
    IReadOnlyList<SpecField> ResponseData,
    IReadOnlyList<SpecType> Types,
    string? PageItems = null)
{
    /// <summary>Where the spec goes under the output folder: <c>corehr/v2/probation.assessment.create.yaml</c>.</summary>
    public string RelativePath => Api.Project + "/" + Api.Version + "/" + Api.Resource + "." + Api.Name + ".yaml";
}

/// <summary>The spec's <c>api</c> identity.</summary>
public sealed record SpecApi(string Project, string Version, string Resource, string Name);

/// <summary>A field: its spec <c>type</c> (<c>string</c>, <c>int</c>, a type name, <c>...[]</c>) and the facts about it.</summary>
public sealed record SpecField(string WireName, string Type, bool Required, string? Description, IReadOnlyList<SpecEnumValue>? Enum, bool IdempotencyKey);

/// <summary>An allowed value and its doc text.</summary>
public sealed record SpecEnumValue(string Value, string Description);

/// <summary>A named object type, declared under the spec's <c>types</c>.</summary>
public sealed record SpecType(string Name, IReadOnlyList<SpecField> Fields);
