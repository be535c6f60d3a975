using FeishuApiGen.CorpusConverter.Facts;

namespace FeishuApiGen.CorpusConverter.Mapping;

/// <summary>An endpoint mapped to spec fields whose object types have a shape but no name yet.</summary>
internal sealed record DraftEndpoint(
    FactsEndpoint Facts,
    SpecApi Api,
    IReadOnlyList<DraftField> PathParams,
    IReadOnlyList<DraftField> Query,
    IReadOnlyList<DraftField> Body,
    IReadOnlyList<DraftField> ResponseData)
{
    /// <summary>The sections in the order the spec lists them.</summary>
    public IEnumerable<IReadOnlyList<DraftField>> Sections => [PathParams, Query, Body, ResponseData];

    /// <summary>Name then resource, as the generator stems the request type: <c>create_probation_assessment</c>.</summary>
    public string Stem => Api.Name + "_" + Api.Resource.Replace('.', '_');
}

/// <summary>A field: either a built-in spec type (<see cref="BuiltInType"/>) or an object type (<see cref="Object"/>).</summary>
internal sealed record DraftField(
    string WireName,
    string? BuiltInType,
    DraftObject? Object,
    bool IsArray,
    bool Required,
    string? Description,
    IReadOnlyList<SpecEnumValue>? Enum,
    bool IdempotencyKey)
{
    /// <summary>What the generator compares to tell two object types apart: everything but the docs.</summary>
    public string Shape =>
        WireName + ":" + (Object?.Shape ?? BuiltInType) + (IsArray ? "[]" : string.Empty) + (Required ? "!" : string.Empty)
        + (Enum is null ? string.Empty : "=" + string.Join("|", Enum.Select(v => v.Value)));

    /// <summary>The name an object type of this field gets when no other shape claims it: the field's name, plus <c>_item</c> for a list.</summary>
    public string TypeBaseName => WireName + (IsArray ? "_item" : string.Empty);
}

/// <summary>An object type's members and its shape (members, types, requiredness, allowed values; not docs).</summary>
internal sealed record DraftObject(IReadOnlyList<DraftField> Fields)
{
    public string Shape { get; } = "{" + string.Join(";", Fields.Select(f => f.Shape)) + "}";
}
