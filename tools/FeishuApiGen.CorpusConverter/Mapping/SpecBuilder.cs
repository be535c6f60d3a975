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
        // In declaration order: a type shared by two sections takes the docs of its first use.
        var pathParams = draft.PathParams.Select(Settle).ToList();
        var query = draft.Query.Select(Settle).ToList();
        var body = draft.Body.Select(Settle).ToList();
        var responseData = draft.ResponseData.Select(Settle).ToList();
        return new SpecDocument(
            facts.Key,
            draft.Api,
            facts.Title,
            facts.Summary,
            facts.Method,
            facts.Path,
            facts.AccessTokens,
            pathParams,
            query,
            body,
            responseData,
            types.Values.Select(t => t!).OrderBy(t => t.Name, StringComparer.Ordinal).ToList(),
            AmbiguousPageItems(query, responseData));
    }

    /// <summary>
    /// A paginated endpoint (query page_token; has_more and page_token in the answer) with several arrays and none
    /// called items: the first array is the page's items (<c>job_ids</c> beside <c>deleted_job_ids</c>), as in every such
    /// CoreHR endpoint. Otherwise null: the generator finds the items itself.
    /// </summary>
    private static string? AmbiguousPageItems(List<SpecField> query, List<SpecField> responseData)
    {
        var pages = query.Any(f => f.WireName == "page_token" && f.Type == "string")
            && responseData.Any(f => f.WireName == "has_more" && f.Type == "boolean")
            && responseData.Any(f => f.WireName == "page_token" && f.Type == "string");
        var arrays = responseData.Where(f => f.Type.EndsWith("[]", StringComparison.Ordinal)).ToList();
        return pages && arrays.Count > 1 && !arrays.Any(a => a.WireName == "items") ? arrays[0].WireName : null;
    }
}
