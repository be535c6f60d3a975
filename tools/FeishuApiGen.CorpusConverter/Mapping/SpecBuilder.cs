namespace FeishuApiGen.CorpusConverter.Mapping;

/// <summary>Turns a draft into a spec once its object types have names; each spec declares the types it uses.</summary>
internal static class SpecBuilder
{
    public static SpecDocument Build(DraftEndpoint draft, IReadOnlyDictionary<string, string> typeNames)
    {
        // A type used twice in one spec is declared once, with the docs of its first use.
        var types = new Dictionary<string, SpecType?>(StringComparer.Ordinal);

        SpecField Settle(DraftField field)
        {
            var type = field.BuiltInType;
            if (field.Object is { } nested)
            {
                type = typeNames[nested.Shape];
                if (types.TryAdd(type, null))
                {
                    types[type] = new SpecType(type, nested.Fields.Select(Settle).ToList());
                }
            }

            return new SpecField(field.WireName, type + (field.IsArray ? "[]" : string.Empty), field.Required, field.Description, field.Enum, field.IdempotencyKey);
        }

        var facts = draft.Facts;
        return new SpecDocument(
            facts.Key,
            draft.Api,
            facts.Title,
            facts.Summary,
            facts.Method,
            facts.Path,
            facts.AccessTokens,
            draft.PathParams.Select(Settle).ToList(),
            draft.Query.Select(Settle).ToList(),
            draft.Body.Select(Settle).ToList(),
            draft.ResponseData.Select(Settle).ToList(),
            types.Values.Select(t => t!).OrderBy(t => t.Name, StringComparer.Ordinal).ToList());
    }
}
