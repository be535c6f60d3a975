using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FeishuApiGen.Corpus.Tests.Infrastructure;

/// <summary>A generated request filled from the facts, and what the server must see when it is sent.</summary>
/// <param name="Request">The generated request object.</param>
/// <param name="Path">The path with every parameter percent-encoded.</param>
/// <param name="Query">Each query parameter's values in order; null for an idempotency key, whose value the runtime makes up.</param>
/// <param name="Body">The JSON body, or null when the facts list no body.</param>
internal sealed record BuiltRequest(object Request, string Path, IReadOnlyDictionary<string, IReadOnlyList<string>?> Query, JsonObject? Body);

/// <summary>
/// Fills a generated request by reflection, guided by the endpoint's JSON Schemas in the facts file: every member the
/// facts list gets a valid value (strings that need percent-encoding, the first allowed enum value, the number 7,
/// true, one-item lists, nested objects filled the same way). <c>client_token</c> is left empty: the runtime must fill it.
/// Members are found by the spec format's naming rule (wire name in PascalCase, a <c>Value</c> or number suffix on a
/// clash), so a member the generator named or typed differently fails the test.
/// </summary>
internal static partial class RequestBuilder
{
    /// <summary>Appended to every free string: each of these characters must be percent-encoded in a path or query.</summary>
    public const string Hostile = " a/b c?d#e&f=g%h+飞书";

    private const string IdempotencyKey = "client_token";

    public static BuiltRequest Build(FactsEndpoint endpoint, Type requestType)
    {
        var request = Activator.CreateInstance(requestType)!;
        var claimed = new HashSet<string>(StringComparer.Ordinal);

        var pathValues = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (wire, schema) in Properties(endpoint.PathParams))
        {
            var node = Set(request, wire, schema, claimed);
            pathValues[wire] = node.GetValue<string>();
        }

        var query = new Dictionary<string, IReadOnlyList<string>?>(StringComparer.Ordinal);
        foreach (var (wire, schema) in Properties(endpoint.Query))
        {
            if (wire == IdempotencyKey)
            {
                Find(requestType, wire, claimed);
                query[wire] = null;
                continue;
            }

            var node = Set(request, wire, schema, claimed);
            query[wire] = node is JsonArray items ? items.Select(QueryText).ToList() : [QueryText(node)];
        }

        JsonObject? body = null;
        if (endpoint.Body is not null)
        {
            body = [];
            foreach (var (wire, schema) in Properties(endpoint.Body))
            {
                body[wire] = Set(request, wire, schema, claimed);
            }
        }

        var path = PathParameter().Replace(endpoint.Path, m => Uri.EscapeDataString(pathValues[m.Groups[1].Value]));
        return new BuiltRequest(request, path, query, body);
    }

    private static IEnumerable<(string Wire, JsonElement Schema)> Properties(JsonElement? objectSchema) =>
        objectSchema is { } schema && schema.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(p => (p.Name, p.Value))
            : [];

    /// <summary>Sets the member for <paramref name="wire"/> on <paramref name="target"/>; returns the JSON it should be sent as.</summary>
    private static JsonNode Set(object target, string wire, JsonElement schema, HashSet<string> claimed)
    {
        var property = Find(target.GetType(), wire, claimed);
        var (value, node) = Value(schema, property.PropertyType, wire);
        property.SetValue(target, value);
        return node;
    }

    private static (object Value, JsonNode Node) Value(JsonElement schema, Type type, string wire)
    {
        var clrType = Nullable.GetUnderlyingType(type) ?? type;
        switch (schema.GetProperty("type").GetString())
        {
            case "array":
                var itemType = clrType.IsGenericType && clrType.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)
                    ? clrType.GetGenericArguments()[0]
                    : throw Mismatch(wire, "a list", clrType);
                var items = schema.GetProperty("items");
                var (item, itemNode) = items.GetProperty("type").GetString() == "array"
                    ? (Json(itemType, wire, "[]"), new JsonArray())
                    : Value(items, itemType, wire);
                var list = Array.CreateInstance(itemType, 1);
                list.SetValue(item, 0);
                return (list, new JsonArray(itemNode));

            case "string":
                var allowed = schema.TryGetProperty("enum", out var values) ? values[0].GetString()!
                    : schema.TryGetProperty("const", out var single) ? single.GetString()! : null;
                var text = allowed ?? wire + Hostile;
                if (clrType == typeof(string))
                {
                    return allowed is null ? (text, JsonValue.Create(text)) : throw Mismatch(wire, "an enum", clrType);
                }

                // A generated enum is a struct made from its wire value.
                return allowed is not null && clrType.GetConstructor([typeof(string)]) is { } enumOf
                    ? (enumOf.Invoke([text]), JsonValue.Create(text))
                    : throw Mismatch(wire, "a string", clrType);

            case "number" or "integer":
                object number = clrType == typeof(int) ? (object)7 : clrType == typeof(long) ? (object)7L : clrType == typeof(double) ? (object)7d : throw Mismatch(wire, "a number", clrType);
                return (number, JsonValue.Create(7));

            case "boolean":
                return clrType == typeof(bool) ? (true, JsonValue.Create(true)) : throw Mismatch(wire, "a boolean", clrType);

            case "object":
                var members = Properties(schema).ToList();
                if (members.Count == 0)
                {
                    return (Json(clrType, wire, "{}"), new JsonObject());
                }

                var instance = clrType.IsClass && clrType.GetConstructor(Type.EmptyTypes) is { } make ? make.Invoke([]) : throw Mismatch(wire, "an object type", clrType);
                var claimed = new HashSet<string>(StringComparer.Ordinal);
                var json = new JsonObject();
                foreach (var (member, memberSchema) in members)
                {
                    json[member] = Set(instance, member, memberSchema, claimed);
                }

                return (instance, json);

            case var other:
                throw new InvalidOperationException("The facts use the type '" + other + "', which this test does not fill.");
        }
    }

    private static object Json(Type clrType, string wire, string json) =>
        clrType == typeof(JsonElement) ? JsonDocument.Parse(json).RootElement.Clone() : throw Mismatch(wire, "free-form JSON", clrType);

    private static string QueryText(JsonNode? node) => node!.GetValueKind() switch
    {
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.String => node.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    /// <summary>The settable property the spec format's naming rule gives <paramref name="wire"/> on <paramref name="type"/>.</summary>
    private static PropertyInfo Find(Type type, string wire, HashSet<string> claimed)
    {
        var pascal = Pascal(wire);
        var candidates = new[] { pascal, pascal + "Value" }.Concat(Enumerable.Range(2, 8).Select(i => pascal + i)).ToList();
        foreach (var name in candidates)
        {
            if (!claimed.Contains(name) && type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance) is { CanWrite: true } property)
            {
                claimed.Add(name);
                return property;
            }
        }

        throw new Xunit.Sdk.XunitException(type.FullName + " has no settable property for the wire name '" + wire + "' (looked for " + string.Join(", ", candidates) + ").");
    }

    private static string Pascal(string wire)
    {
        var name = string.Concat(wire.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
        return char.IsDigit(name[0]) ? "_" + name : name;
    }

    private static Xunit.Sdk.XunitException Mismatch(string wire, string expected, Type actual) =>
        new("The facts make '" + wire + "' " + expected + ", but the generated member is " + actual.FullName + ".");

    [GeneratedRegex(":([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex PathParameter();
}
