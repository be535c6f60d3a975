using System.Linq;
using FeishuApiGen.Generator.Model;

namespace FeishuApiGen.Generator.Emit;

/// <summary>
/// Writes the object and enum types of one project version (e.g. corehr v2), each once for all the specs that use it,
/// as the <see cref="TypeCatalog"/> settled their names.
/// </summary>
internal sealed class TypesEmitter
{
    private readonly SourceWriter _writer = new();
    private readonly MemberCodeWriter _members;

    private TypesEmitter(string rootNamespace, SharedTypesFile file)
    {
        var types = TypeNames.ForProjectVersion(rootNamespace, file.Project, file.Version);
        _members = new MemberCodeWriter(_writer, types);
        Namespace = types.Namespace;
    }

    private string Namespace { get; }

    public static string Emit(string rootNamespace, SharedTypesFile file) => new TypesEmitter(rootNamespace, file).Emit(file);

    private string Emit(SharedTypesFile file)
    {
        var w = _writer;
        FileHeader.Write(w, "object and enum types of " + file.Project + " " + file.Version);
        w.Open("namespace " + Namespace);
        var first = true;
        foreach (var type in file.Objects)
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            EmitObjectType(type);
        }

        foreach (var type in file.Enums)
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            EmitEnum(type);
        }

        w.Close();
        return w.ToString();
    }

    private static string UsedBy(EquatableArray<string> endpointIds) => string.Join(", ", endpointIds.Select(Literals.XmlDoc));

    private void EmitObjectType(SharedObjectType shared)
    {
        var w = _writer;
        var type = shared.Type;
        var responseOnly = type.UsedInResponse && !type.UsedInRequest;
        var origin = "The <c>" + Literals.XmlDoc(type.WireName) + "</c> object of " + UsedBy(shared.UsedBy) + ".";
        if (type.Description is null)
        {
            w.Line("/// <summary>" + origin + "</summary>");
        }
        else
        {
            w.Line("/// <summary>");
            foreach (var line in Literals.XmlDocLines(type.Description))
            {
                w.Line("/// " + line);
            }

            w.Line("/// </summary>");
            w.Line("/// <remarks>" + origin + "</remarks>");
        }

        w.Line(FileHeader.GeneratedCodeAttribute);
        w.Open("public sealed partial class " + type.CSharpName);
        var first = true;
        foreach (var member in type.Members)
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            _members.EmitProperty(member, nonNullArray: responseOnly);
        }

        w.Line();
        _members.EmitValidateMembers(type.Members);
        w.Line();
        w.Open("internal void WriteJson(" + TypeNames.Json + "Utf8JsonWriter writer)");
        _members.EmitWriteObjectBody(type.Members);
        w.Close();
        w.Line();
        _members.EmitReadJson(type.CSharpName, type.Members, responseOnly);
        _members.EmitPatternFields(type.Members);
        w.Close();
    }

    private void EmitEnum(SharedEnumType shared)
    {
        var w = _writer;
        var type = shared.Type;
        var name = type.CSharpName;
        w.Line("/// <summary>Values of <c>" + Literals.XmlDoc(name) + "</c> in " + UsedBy(shared.UsedBy) + ".</summary>");
        w.Line("/// <remarks>");
        w.Line("/// Feishu may add values: one no spec lists is kept as it came (see <see cref=\"IsKnown\"/>), never rejected when read.");
        w.Line("/// Each field still accepts only the values its own spec lists: a request is checked against those before it is sent.");
        w.Line("/// Values compare by their wire text, ordinally.");
        w.Line("/// </remarks>");
        w.Line(FileHeader.GeneratedCodeAttribute);
        // A record struct: equality over the one field comes from the compiler, not from text we emit.
        w.Open("public readonly partial record struct " + name);
        w.Line("private readonly string? _value;");
        w.Line();
        w.Line("/// <summary>Creates a value, listed in a spec or not.</summary>");
        w.Line("/// <param name=\"value\">The wire value.</param>");
        w.Line("public " + name + "(string value) => _value = value ?? throw new global::System.ArgumentNullException(nameof(value));");
        foreach (var value in type.Values)
        {
            w.Line();
            w.Line("/// <summary><c>" + Literals.XmlDoc(value.WireValue) + "</c>" + (value.Description is null ? string.Empty : ": " + Literals.XmlDoc(value.Description)) + "</summary>");
            w.Line("public static " + name + " " + Naming.EscapeKeyword(value.CSharpName) + " { get; } = new " + name + "(" + Literals.String(value.WireValue) + ");");
        }

        w.Line();
        w.Line("/// <summary>The wire value; empty for <c>default</c>.</summary>");
        w.Line("public string Value => _value ?? string.Empty;");
        w.Line();
        w.Line("/// <summary>True when the value is one a spec lists.</summary>");
        w.Line("public bool IsKnown => _value is " + string.Join(" or ", type.Values.Select(v => Literals.String(v.WireValue))) + ";");
        w.Line();
        w.Line("/// <summary>Converts a wire value.</summary>");
        w.Line("/// <param name=\"value\">The wire value.</param>");
        w.Line("public static implicit operator " + name + "(string value) => new " + name + "(value);");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line("public override string ToString() => this.Value;");
        w.Close();
    }
}
