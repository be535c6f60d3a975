using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FeishuApiGen.Catalog.Tests;

/// <summary>
/// Moves a doc example into the generated types and compares them back, member by member, by wire name. Every member
/// of the example must land in a typed member: one with no property is reported as dropped, never skipped.
/// </summary>
internal static class TypedJson
{
    /// <summary>Builds a value of <paramref name="type"/> from <paramref name="node"/>, reporting each member no property takes.</summary>
    public static object? Build(JsonNode? node, Type type, string path, List<string> problems)
    {
        if (node is null)
        {
            return null;
        }

        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(JsonElement))
        {
            return JsonSerializer.Deserialize<JsonElement>(node.ToJsonString());
        }

        if (target == typeof(string))
        {
            if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            {
                return value.GetValue<string>();
            }

            problems.Add($"{path}: the example gives {node.ToJsonString()} where the spec says string");
            return node.ToJsonString();
        }

        if (target == typeof(int) || target == typeof(long) || target == typeof(double))
        {
            if (Number(node) is not { } number)
            {
                problems.Add($"{path}: the example gives {node.ToJsonString()} where the spec says a number ({target.Name})");
                return null;
            }

            return Convert.ChangeType(number, target, CultureInfo.InvariantCulture);
        }

        if (target == typeof(bool))
        {
            if (node is JsonValue flag && flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            {
                return flag.GetValue<bool>();
            }

            problems.Add($"{path}: the example gives {node.ToJsonString()} where the spec says boolean");
            return null;
        }

        if (IsStringEnum(target))
        {
            if (node is JsonValue text && text.GetValueKind() == JsonValueKind.String)
            {
                return Activator.CreateInstance(target, text.GetValue<string>());
            }

            problems.Add($"{path}: the example gives {node.ToJsonString()} where the spec says a string enum ({target.Name})");
            return null;
        }

        if (ListItemType(target) is { } itemType)
        {
            if (node is not JsonArray array)
            {
                problems.Add($"{path}: the example gives {node.ToJsonString()} where the spec says a list");
                return null;
            }

            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(itemType))!;
            for (var i = 0; i < array.Count; i++)
            {
                list.Add(Build(array[i], itemType, $"{path}[{i}]", problems));
            }

            return list;
        }

        if (node is not JsonObject json)
        {
            problems.Add($"{path}: the example gives {node.ToJsonString()} where the spec says an object ({target.Name})");
            return null;
        }

        var instance = Activator.CreateInstance(target)!;
        Fill(instance, json, WireNames.Of(target), path, problems);
        return instance;
    }

    /// <summary>Sets the members of <paramref name="json"/> on <paramref name="instance"/>'s properties named in <paramref name="members"/>.</summary>
    public static void Fill(object instance, JsonObject json, IReadOnlyDictionary<string, PropertyInfo> members, string path, List<string> problems)
    {
        foreach (var (name, value) in json)
        {
            if (!members.TryGetValue(name, out var property))
            {
                problems.Add($"{path}.{name}: no typed member takes it (dropped)");
                continue;
            }

            property.SetValue(instance, Build(value, property.PropertyType, $"{path}.{name}", problems));
        }
    }

    /// <summary>Reports every way <paramref name="actual"/> (of <paramref name="type"/>) differs from <paramref name="expected"/>.</summary>
    public static void Compare(JsonNode? expected, object? actual, Type type, string path, List<string> problems)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (expected is null)
        {
            // JSON null reads as an absent member: null, or an empty list where lists are never null.
            if (actual is not null && !(actual is ICollection { Count: 0 }))
            {
                problems.Add($"{path}: the example gives null, the typed value is {Describe(actual)}");
            }

            return;
        }

        if (actual is null)
        {
            problems.Add($"{path}: the example gives {Short(expected)}, the typed value is null (dropped)");
            return;
        }

        if (target == typeof(JsonElement))
        {
            if (!Equivalent(expected, JsonNode.Parse(((JsonElement)actual).GetRawText())))
            {
                problems.Add($"{path}: the example gives {Short(expected)}, the typed value is {((JsonElement)actual).GetRawText()}");
            }

            return;
        }

        if (ListItemType(target) is { } itemType)
        {
            var items = ((IEnumerable)actual).Cast<object?>().ToList();
            if (expected is not JsonArray array || array.Count != items.Count)
            {
                problems.Add($"{path}: the example gives {Short(expected)}, the typed value has {items.Count} items");
                return;
            }

            for (var i = 0; i < array.Count; i++)
            {
                Compare(array[i], items[i], itemType, $"{path}[{i}]", problems);
            }

            return;
        }

        if (target == typeof(string) || IsStringEnum(target) || target == typeof(bool) || target.IsPrimitive)
        {
            var typed = ToNode(actual);
            if (!Equivalent(expected, typed) && !(target == typeof(string) && expected is JsonValue && expected.ToJsonString() == (string)actual))
            {
                problems.Add($"{path}: the example gives {Short(expected)}, the typed value is {typed?.ToJsonString()}");
            }

            return;
        }

        if (expected is not JsonObject json)
        {
            problems.Add($"{path}: the example gives {Short(expected)} where the spec says an object ({target.Name})");
            return;
        }

        var members = WireNames.Of(target);
        foreach (var (name, value) in json)
        {
            if (!members.TryGetValue(name, out var property))
            {
                problems.Add($"{path}.{name}: no typed member takes it (dropped)");
                continue;
            }

            Compare(value, property.GetValue(actual), property.PropertyType, $"{path}.{name}", problems);
        }
    }

    /// <summary>JSON equality with object members in any order and numbers compared by value (1.0 equals 1).</summary>
    public static bool Equivalent(JsonNode? left, JsonNode? right) => (left, right) switch
    {
        (null, null) => true,
        (JsonObject a, JsonObject b) => a.Count == b.Count && a.All(member => b.TryGetPropertyValue(member.Key, out var other) && Equivalent(member.Value, other)),
        (JsonArray a, JsonArray b) => a.Count == b.Count && a.Zip(b).All(pair => Equivalent(pair.First, pair.Second)),
        (JsonValue a, JsonValue b) when Number(a) is { } x && Number(b) is { } y => x == y,
        (JsonValue a, JsonValue b) => a.ToJsonString() == b.ToJsonString(),
        _ => false,
    };

    public static bool IsStringEnum(Type type) =>
        type.IsValueType && type.GetConstructor([typeof(string)]) is not null && type.GetProperty("IsKnown") is not null;

    public static Type? ListItemType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;

    private static decimal? Number(JsonNode node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
        && decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static JsonNode? ToNode(object value) => value switch
    {
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        int number => JsonValue.Create(number),
        long number => JsonValue.Create(number),
        double number => JsonNode.Parse(number.ToString("R", CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(value.ToString()),
    };

    private static string Short(JsonNode node)
    {
        var text = node.ToJsonString();
        return text.Length > 80 ? text[..80] + "…" : text;
    }

    private static string Describe(object value) => value is ICollection collection ? $"{collection.Count} items" : value.ToString() ?? "";
}
