using FeishuApiGen.CorpusConverter.Facts;

namespace FeishuApiGen.CorpusConverter.Mapping;

/// <summary>
/// Maps one endpoint's JSON Schemas to spec fields. Choices the schemas leave open:
/// <list type="bullet">
/// <item><c>number</c> becomes <c>int</c> or <c>float</c> by <see cref="NumberTypeRule"/>.</item>
/// <item>An object with no properties becomes <c>object</c> (free-form JSON): the facts do not say what it holds.</item>
/// <item>An array of arrays becomes <c>object[]</c> (each inner array as free-form JSON): the spec format has no nested lists.</item>
/// <item>A string <c>enum</c> (or a <c>const</c>) becomes the field's <c>enum</c>; each value's doc text comes from the
/// description's <c>Options:</c> list, which is then cut from the description, else it is the value itself.</item>
/// <item>Path parameters are always required; <c>client_token</c> in the query is the idempotency key.</item>
/// </list>
/// </summary>
internal static class SchemaMapper
{
    private enum Section
    {
        Path,
        Query,
        Body,
        Response,

        /// <summary>Members of an object type.</summary>
        Nested,
    }

    public static DraftEndpoint Map(FactsEndpoint facts, SpecApi api)
    {
        var at = facts.Key;
        return new DraftEndpoint(
            facts,
            api,
            Fields(facts.PathParams, Section.Path, at + " path"),
            Fields(facts.Query, Section.Query, at + " query"),
            Fields(facts.Body, Section.Body, at + " body"),
            Fields(facts.ResponseData, Section.Response, at + " response_data"));
    }

    private static IReadOnlyList<DraftField> Fields(FactsSchema? schema, Section section, string at)
    {
        if (schema is null)
        {
            return [];
        }

        if (schema.Properties is null)
        {
            throw new FactsFormatException("The facts file has a " + schema.Type + " where an object belongs at " + at + ".");
        }

        return schema.Properties
            .Select(p => Field(p.Name, p.Schema, section == Section.Path || schema.IsRequired(p.Name), section, at + "." + p.Name))
            .ToList();
    }

    private static DraftField Field(string wireName, FactsSchema schema, bool required, Section section, string at)
    {
        var isArray = schema.Type == "array";
        var item = isArray ? schema.Items! : schema;
        var description = schema.Description ?? (isArray ? item.Description : null);
        IReadOnlyList<SpecEnumValue>? values = null;
        string? builtIn = null;
        DraftObject? nested = null;
        switch (item.Type)
        {
            case "string":
                builtIn = "string";
                if (item.Enum is { } allowed)
                {
                    var options = EnumOptions.Parse(description);
                    if (options is { } parsed)
                    {
                        description = parsed.Lead;
                    }

                    values = allowed
                        .Select(v => new SpecEnumValue(v, options?.Docs.TryGetValue(v, out var doc) == true && doc.Length > 0 ? doc : v))
                        .ToList();
                }

                break;
            case "number":
                builtIn = NumberTypeRule.For(wireName, description);
                break;
            case "integer":
                builtIn = "int";
                break;
            case "boolean":
                builtIn = "boolean";
                break;
            case "object" when item.Properties is { Count: 0 }:
            case "array":
                builtIn = "object";
                break;
            case "object":
                nested = new DraftObject(Fields(item, Section.Nested, at));
                break;
            default:
                throw new FactsFormatException("The facts file has the type '" + item.Type + "', which the converter does not know, at " + at + ".");
        }

        if (item.Enum is not null && item.Type != "string")
        {
            throw new FactsFormatException("The facts file has an enum on a " + item.Type + " at " + at + "; specs allow enums on strings only.");
        }

        var idempotencyKey = section == Section.Query && wireName == "client_token" && builtIn == "string" && !isArray;
        return new DraftField(wireName, builtIn, nested, isArray, required, description, values, idempotencyKey);
    }
}
