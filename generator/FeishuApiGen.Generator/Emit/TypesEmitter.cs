using System.Linq;
using FeishuApiGen.Generator.Model;

namespace FeishuApiGen.Generator.Emit;

/// <summary>
/// Writes object types (a class with its validator, JSON writer and reader) and string enums (an extensible struct), for
/// an endpoint's own types in its file and for a project version's shared types in theirs.
/// </summary>
internal sealed class TypesEmitter
{
    private readonly SourceWriter _writer;
    private readonly TypeNames _types;
    private readonly MemberCodeWriter _members;

    public TypesEmitter(SourceWriter writer, TypeNames types)
    {
        _writer = writer;
        _types = types;
        _members = new MemberCodeWriter(writer, types);
    }

    /// <summary>The file of a project version's shared types that the chosen specs use.</summary>
    public static string HintName(string project, string version) => project + "." + version + "._types.g.cs";

    public static string EmitSharedFile(string rootNamespace, NamespaceTypes shared)
    {
        var writer = new SourceWriter();
        var types = TypeNames.ForProjectVersion(rootNamespace, shared.Project, shared.Version);
        var emitter = new TypesEmitter(writer, types);
        FileHeader.Write(writer, "shared types of " + shared.Project + " " + shared.Version);
        writer.Open("namespace " + types.Namespace);
        var first = true;
        foreach (var type in shared.Objects)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            emitter.EmitObjectType(type, "A shared type of " + Literals.XmlDoc(shared.Project + " " + shared.Version) + ": the <c>" + Literals.XmlDoc(type.WireName) + "</c> object.");
        }

        foreach (var type in shared.Enums)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            emitter.EmitEnum(type, "a shared enum of " + Literals.XmlDoc(shared.Project + " " + shared.Version) + ".");
        }

        writer.Close();
        return writer.ToString();
    }

    /// <param name="type">The object type.</param>
    /// <param name="origin">Where the type comes from, for its docs.</param>
    public void EmitObjectType(ObjectTypeModel type, string origin)
    {
        var w = _writer;
        var responseOnly = type.UsedInResponse && !type.UsedInRequest;
        _members.BeginType();
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

        var self = _types.Qualified(type.CSharpName);
        var contract = TypeNames.Runtime + "IFeishuObject<" + self + ">";
        w.Line(FileHeader.GeneratedCodeAttribute);
        w.Open("public sealed partial class " + Naming.SimpleName(type.CSharpName) + " : " + contract);
        var hasRequiredMembers = type.UsedInRequest && type.Members.Any(m => m.CallerMustSet);
        if (hasRequiredMembers)
        {
            _members.EmitAnswerConstructor(Naming.SimpleName(type.CSharpName));
            w.Line();
        }

        var first = true;
        foreach (var member in type.Members)
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            _members.EmitProperty(member, nonNullArray: responseOnly, callerSets: type.UsedInRequest);
        }

        // The plumbing is explicit, so completion on the type shows its members only.
        w.Line();
        _members.EmitValidateMembers("void " + contract + ".ValidateMembers(ref " + TypeNames.Validator + " validator)", type.Members);
        w.Line();
        w.Open("void " + contract + ".WriteJson(" + TypeNames.Json + "Utf8JsonWriter writer)");
        _members.EmitWriteObjectBody(type.Members);
        w.Close();
        w.Line();
        _members.EmitReadJson("static " + self + " " + contract + ".ReadJson(ref " + TypeNames.Json + "Utf8JsonReader reader)", type.CSharpName, type.Members, responseOnly, hasRequiredMembers);
        _members.EmitPatternFields(type.Members);
        w.Close();
    }

    /// <param name="type">The enum.</param>
    /// <param name="origin">Where the enum comes from, for its docs.</param>
    public void EmitEnum(EnumTypeModel type, string origin)
    {
        var w = _writer;
        var name = Naming.SimpleName(type.CSharpName);
        w.Line("/// <summary>Values of <c>" + Literals.XmlDoc(name) + "</c>: " + origin + "</summary>");
        w.Line("/// <remarks>");
        w.Line("/// Feishu may add values: one no spec lists is kept as it came (see <see cref=\"" + GeneratedMemberNames.EnumIsKnown + "\"/>), never rejected when read.");
        w.Line("/// Each field still accepts only the values it lists: a request is checked against those before it is sent.");
        w.Line("/// Values compare by their wire text, ordinally.");
        w.Line("/// </remarks>");
        w.Line(FileHeader.GeneratedCodeAttribute);
        // A record struct: equality over the one field comes from the compiler, not from text we emit.
        w.Open("public readonly partial record struct " + name + " : " + TypeNames.Runtime + "IFeishuEnum<" + name + ">");
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
        w.Line("public string " + GeneratedMemberNames.EnumValue + " => _value ?? string.Empty;");
        w.Line();
        w.Line("/// <summary>True when the value is one a spec lists.</summary>");
        w.Line("public bool " + GeneratedMemberNames.EnumIsKnown + " => _value is " + string.Join(" or ", type.Values.Select(v => Literals.String(v.WireValue))) + ";");
        w.Line();
        w.Line("/// <summary>Converts a wire value.</summary>");
        w.Line("/// <param name=\"value\">The wire value.</param>");
        w.Line("public static implicit operator " + name + "(string value) => new " + name + "(value);");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line("public override string ToString() => this.Value;");
        w.Line();
        w.Line("static " + name + " " + TypeNames.Runtime + "IFeishuEnum<" + name + ">.FromWire(string value) => new " + name + "(value);");
        w.Close();
    }
}
