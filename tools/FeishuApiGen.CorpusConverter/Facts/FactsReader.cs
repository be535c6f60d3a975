using System.Text.Json;

namespace FeishuApiGen.CorpusConverter.Facts;

/// <summary>
/// Reads the facts file. Anything it does not know (a schema keyword such as <c>anyOf</c>, a missing part) stops the
/// conversion with the JSON path, so a new kind of fact in a future facts file is noticed instead of dropped.
/// </summary>
public static class FactsReader
{
    private static readonly string[] SchemaKeywords = ["type", "description", "properties", "required", "items", "additionalProperties", "enum", "const"];

    /// <summary>Every endpoint of the file, ordered by key (ordinal).</summary>
    public static IReadOnlyList<FactsEndpoint> Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Expect(root, JsonValueKind.Object, "$");
        return root.EnumerateObject()
            .Select(entry => ReadEndpoint(entry.Name, entry.Value))
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .ToList();
    }

    private static FactsEndpoint ReadEndpoint(string key, JsonElement element)
    {
        var at = "$['" + key + "']";
        Expect(element, JsonValueKind.Object, at);
        var request = Member(element, "request", at);
        Expect(request, JsonValueKind.Object, at + ".request");
        return new FactsEndpoint(
            key,
            String(element, "method", at),
            String(element, "path", at),
            String(element, "title", at),
            String(element, "summary", at),
            Member(element, "access_tokens", at).EnumerateArray().Select(t => t.GetString() ?? throw Error(at + ".access_tokens", "a null token")).ToList(),
            OptionalSchema(request, "path", at + ".request"),
            OptionalSchema(request, "query", at + ".request"),
            OptionalSchema(request, "body", at + ".request"),
            OptionalSchema(element, "response_data", at));
    }

    private static FactsSchema? OptionalSchema(JsonElement parent, string name, string at)
    {
        var element = Member(parent, name, at);
        return element.ValueKind == JsonValueKind.Null ? null : ReadSchema(element, at + "." + name);
    }

    private static FactsSchema ReadSchema(JsonElement element, string at)
    {
        Expect(element, JsonValueKind.Object, at);
        foreach (var keyword in element.EnumerateObject())
        {
            if (!SchemaKeywords.Contains(keyword.Name))
            {
                throw Error(at, "the schema keyword '" + keyword.Name + "', which the converter does not know");
            }
        }

        var type = String(element, "type", at);
        var description = element.TryGetProperty("description", out var d) ? d.GetString() : null;
        List<FactsProperty>? properties = null;
        if (element.TryGetProperty("properties", out var props))
        {
            Expect(props, JsonValueKind.Object, at + ".properties");
            properties = props.EnumerateObject().Select(p => new FactsProperty(p.Name, ReadSchema(p.Value, at + ".properties." + p.Name))).ToList();
        }

        if (type == "object" && properties is null)
        {
            properties = [];
        }

        var required = element.TryGetProperty("required", out var r)
            ? r.EnumerateArray().Select(x => x.GetString() ?? throw Error(at + ".required", "a null name")).ToList()
            : [];
        var items = element.TryGetProperty("items", out var i) ? ReadSchema(i, at + ".items") : null;
        if (type == "array" && items is null)
        {
            throw Error(at, "an array without items");
        }

        List<string>? values = null;
        if (element.TryGetProperty("enum", out var e))
        {
            values = e.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Error(at + ".enum", "a value that is not a string")).ToList();
        }
        else if (element.TryGetProperty("const", out var c))
        {
            values = [c.ValueKind == JsonValueKind.String ? c.GetString()! : throw Error(at + ".const", "a value that is not a string")];
        }

        return new FactsSchema(type, description, properties, required, items, values);
    }

    private static JsonElement Member(JsonElement parent, string name, string at) =>
        parent.TryGetProperty(name, out var value) ? value : throw Error(at, "no '" + name + "'");

    private static string String(JsonElement parent, string name, string at)
    {
        var value = Member(parent, name, at);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Error(at + "." + name, "a " + value.ValueKind + " where a string belongs");
    }

    private static void Expect(JsonElement element, JsonValueKind kind, string at)
    {
        if (element.ValueKind != kind)
        {
            throw Error(at, "a " + element.ValueKind + " where a " + kind + " belongs");
        }
    }

    private static FactsFormatException Error(string at, string what) => new("The facts file has " + what + " at " + at + ".");
}

/// <summary>The facts file says something the converter cannot map; the message names where.</summary>
public sealed class FactsFormatException(string message) : Exception(message);
