using FeishuApiGen.Generator.Model;

namespace FeishuApiGen.Generator.Emit;

/// <summary>The C# spelling of a field's type, fully qualified so no user type can shadow it.</summary>
internal sealed class TypeNames
{
    public const string Runtime = "global::FeishuApiGen.";
    public const string Json = "global::System.Text.Json.";
    public const string ReadOnlyList = "global::System.Collections.Generic.IReadOnlyList<";
    public const string Validator = Runtime + "FeishuValidator";

    private readonly string _namespace;

    public TypeNames(string @namespace) => _namespace = @namespace;

    public string Namespace => _namespace;

    /// <summary>The namespace of one project version's endpoints and types: <c>Feishu.Corehr.V2</c>.</summary>
    public static string NamespaceOf(string rootNamespace, string project, string version) =>
        rootNamespace + "." + Naming.Pascal(project) + "." + Naming.Pascal(version);

    public static TypeNames ForProjectVersion(string rootNamespace, string project, string version) =>
        new(NamespaceOf(rootNamespace, project, version));

    /// <summary>A type of the namespace, qualified; a built-in type's name already is.</summary>
    public string Qualified(string typeName) =>
        typeName.StartsWith("global::", System.StringComparison.Ordinal) ? typeName : "global::" + _namespace + "." + typeName;

    /// <summary>The non-nullable item type: <c>string</c>, <c>int</c>, an enum struct, an object class.</summary>
    public string Item(TypeRef type) => type.Kind switch
    {
        ScalarKind.String when type.EnumTypeName is not null => Qualified(type.EnumTypeName),
        ScalarKind.String => "string",
        ScalarKind.Int => "int",
        ScalarKind.Int64 => "long",
        ScalarKind.Float => "double",
        ScalarKind.Boolean => "bool",
        ScalarKind.Json => Json + "JsonElement",
        _ => Qualified(type.ObjectTypeName!),
    };

    /// <summary>The property type. Arrays in response-only types are never null (empty when absent).</summary>
    public string Property(TypeRef type, bool nonNullArray) =>
        type.IsArray
            ? ReadOnlyList + Item(type) + ">" + (nonNullArray ? string.Empty : "?")
            : Item(type) + "?";
}
