using System.Collections.Generic;

namespace FeishuApiGen.Generator.Model;

/// <summary>
/// Feishu's everyday object types, which recur with one shape on page after page. They live in the runtime package,
/// written once: a spec uses them by name (<c>type: i18n[]</c>) and never declares them, so no spec can give them
/// another shape or another name.
/// </summary>
internal static class BuiltInTypes
{
    private static readonly Dictionary<string, string> s_types = new()
    {
        ["i18n"] = "global::FeishuApiGen.I18n",
        ["enum"] = "global::FeishuApiGen.EnumValue",
        ["custom_name"] = "global::FeishuApiGen.CustomName",
        ["custom_field_data"] = "global::FeishuApiGen.CustomFieldData",
        ["object_field_data"] = "global::FeishuApiGen.ObjectFieldData",
    };

    /// <summary>The fully qualified C# type of a built-in spec type name.</summary>
    public static bool TryGet(string name, out string qualifiedName) => s_types.TryGetValue(name, out qualifiedName!);

    /// <summary>Scalar spec types, which are not object types at all.</summary>
    public static bool IsScalar(string name) => name is "string" or "int" or "int64" or "float" or "boolean" or "object";
}
