using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FeishuApiGen.Generator.Model;

namespace FeishuApiGen.Generator.Emit;

/// <summary>
/// Writes the code of members, for any type that has them (request, response, object types): properties with
/// their docs, validation, JSON writing and reading. One instance per generated file, so local and field names
/// it makes up are unique within the file.
/// </summary>
internal sealed class MemberCodeWriter
{
    private readonly SourceWriter _writer;
    private readonly TypeNames _types;
    private readonly List<string> _patterns = new();
    private int _localCounter;

    public MemberCodeWriter(SourceWriter writer, TypeNames types)
    {
        _writer = writer;
        _types = types;
    }

    /// <summary>
    /// Starts the names it makes up afresh for a new type: they need be unique only within one type, and a type's text
    /// then does not depend on which types were written before it in the file.
    /// </summary>
    public void BeginType()
    {
        _localCounter = 0;
        _patterns.Clear();
    }

    public void EmitProperty(MemberModel member, bool nonNullArray)
    {
        var w = _writer;
        w.Line("/// <summary>");
        var description = Literals.XmlDocLines(member.Description);
        foreach (var line in description.Length == 0 ? new[] { "<c>" + Literals.XmlDoc(member.WireName) + "</c>" } : description)
        {
            w.Line("/// " + line);
        }

        w.Line("/// </summary>");
        w.Line("/// <remarks>" + string.Join(" ", MemberRemarks(member)) + "</remarks>");
        if (member.Deprecated)
        {
            w.Line("[global::System.Obsolete(\"Feishu marks this member deprecated.\")]");
        }

        var initializer = member.Type.IsArray && nonNullArray ? " = global::System.Array.Empty<" + _types.Item(member.Type) + ">();" : string.Empty;
        w.Line("public " + _types.Property(member.Type, nonNullArray) + " " + Naming.EscapeKeyword(member.CSharpName) + " { get; set; }" + initializer);
    }

    private IEnumerable<string> MemberRemarks(MemberModel member)
    {
        var where = member.Location switch
        {
            MemberLocation.Path => "Path parameter",
            MemberLocation.Query => "Query parameter",
            MemberLocation.Body => "Body member",
            _ => "Member",
        };
        yield return where + " <c>" + Literals.XmlDoc(member.WireName) + "</c>" + (member.Required ? ", required." : ".");
        if (member.Type.EnumTypeName is not null)
        {
            yield return "Accepts " + string.Join(", ", member.Type.EnumValues.Select(v => "<c>" + Literals.XmlDoc(v) + "</c>")) +
                " (see <see cref=\"" + _types.Qualified(member.Type.EnumTypeName) + "\"/>).";
        }
        else if (!member.Type.EnumValues.IsEmpty)
        {
            var texts = member.Type.EnumValueTexts;
            yield return "Accepts " + string.Join(", ", member.Type.EnumValues.Select((v, i) =>
                "<c>" + Literals.XmlDoc(v) + "</c>" + (i < texts.Count && texts[i].Length > 0 ? " (" + Literals.XmlDoc(texts[i]) + ")" : ""))) + ".";
        }

        var c = member.Constraints;
        if (c.Min is not null || c.Max is not null)
        {
            yield return "Range: " + Bound(c.Min) + " to " + Bound(c.Max) + ".";
        }

        if (c.MinLength is not null || c.MaxLength is not null)
        {
            yield return "Length: " + Bound(c.MinLength) + " to " + Bound(c.MaxLength) + " characters.";
        }

        if (c.MinItems is not null || c.MaxItems is not null)
        {
            yield return "Items: " + Bound(c.MinItems) + " to " + Bound(c.MaxItems) + ".";
        }

        if (c.Pattern is not null)
        {
            yield return "Pattern: <c>" + Literals.XmlDoc(c.Pattern) + "</c>.";
        }

        if (c.Format is not null)
        {
            yield return "Format: " + c.Format + ".";
        }

        if (member.Default is not null)
        {
            yield return (member.Location == MemberLocation.Query && !member.Type.IsArray ? "Default (sent when unset): <c>" : "Default (applied by Feishu when unset): <c>") +
                Literals.XmlDoc(member.Default) + "</c>.";
        }

        if (member.Example is not null)
        {
            yield return "Example: <c>" + Literals.XmlDoc(member.Example) + "</c>.";
        }

        if (member.IdempotencyKey)
        {
            yield return "Idempotency key: requests with the same value are treated by Feishu as the same request.";
        }

        foreach (var scopesWhen in member.ScopesWhen)
        {
            yield return "When <c>" + Literals.XmlDoc(scopesWhen.Value) + "</c>, also needs " + string.Join(", ", scopesWhen.Scopes.Select(s => "<c>" + Literals.XmlDoc(s) + "</c>")) + ".";
        }

        if (!member.Scopes.IsEmpty)
        {
            yield return "Field scope (字段权限要求; any one suffices): " + string.Join(", ", member.Scopes.Select(s => "<c>" + Literals.XmlDoc(s) + "</c>")) +
                (member.Location == MemberLocation.Response ? ". Without it Feishu leaves this member out of its answer." : ".");
        }
    }

    private static string Bound(double? value) => value is null ? "any" : value.Value.ToString("R", CultureInfo.InvariantCulture);

    private static string Bound(long? value) => value is null ? "any" : value.Value.ToString(CultureInfo.InvariantCulture);

    public void EmitValidateMembers(IEnumerable<MemberModel> members)
    {
        var w = _writer;
        w.Open("internal void ValidateMembers(ref " + TypeNames.Validator + " validator)");
        var mark = w.Length;
        foreach (var member in members)
        {
            // A blank line between the checks of two members, none before the first.
            var before = w.Length;
            if (before != mark)
            {
                w.Line();
            }

            EmitMemberValidation(member);
            if (w.Length == before + 1)
            {
                w.RemoveLastLine();
            }
        }

        w.Close();
    }

    private void EmitMemberValidation(MemberModel member)
    {
        var w = _writer;
        var access = "this." + Naming.EscapeKeyword(member.CSharpName);
        var wire = Literals.String(member.WireName);
        var value = NextLocal("value");
        if (member.Location == MemberLocation.Path && member.Type.Kind == ScalarKind.String)
        {
            w.Line("validator.NotEmpty(" + wire + ", " + access + ");");
            EmitScalarChecks(member, wire, access + " is { } " + value, value);
            return;
        }

        var keyword = "if";
        if (member.Required)
        {
            w.Line("if (" + access + " is null)");
            w.Open(string.Empty).Line("validator.Required(" + wire + ");").Close();
            keyword = "else if";
        }

        if (!member.Type.IsArray)
        {
            EmitScalarChecks(member, wire, access + " is { } " + value, value, keyword);
            return;
        }

        var c = member.Constraints;
        var needsItemLoop = NeedsItemChecks(member);
        if (c.MinItems is null && Reachable(c.MaxItems) is null && !needsItemLoop)
        {
            return;
        }

        var list = NextLocal("list");
        w.Line(keyword + " (" + access + " is { } " + list + ")");
        w.Open(string.Empty);
        if (c.MinItems is not null || Reachable(c.MaxItems) is not null)
        {
            w.Line("validator.Count(" + wire + ", " + list + ".Count, " + Nullable(c.MinItems) + ", " + Nullable(Reachable(c.MaxItems)) + ");");
        }

        if (needsItemLoop)
        {
            var index = NextLocal("i");
            var item = NextLocal("item");
            w.Line("validator.Enter(" + wire + ");");
            w.Open("for (var " + index + " = 0; " + index + " < " + list + ".Count; " + index + "++)");
            w.Line("validator.EnterIndex(" + index + ");");
            if (member.Type.Kind == ScalarKind.Object)
            {
                w.Line("if (" + list + "[" + index + "] is { } " + item + ")");
                w.Open(string.Empty).Line(item + ".ValidateMembers(ref validator);").Close();
                w.Line("else");
                w.Open(string.Empty).Line("validator.Required(\"\");").Close();
            }
            else
            {
                w.Line("var " + item + " = " + list + "[" + index + "];");
                // "" names the current path: the item itself.
                EmitScalarChecks(member, "\"\"", "true", item);
            }

            w.Line("validator.Exit();");
            w.Close();
            w.Line("validator.Exit();");
        }

        w.Close();
    }

    private static bool NeedsItemChecks(MemberModel member)
    {
        var c = member.Constraints;
        return member.Type.Kind == ScalarKind.Object
            || member.Type.EnumTypeName is not null
            || (member.Type.Kind is ScalarKind.Int or ScalarKind.Int64 && !member.Type.EnumValues.IsEmpty)
            || c.Min is not null || c.Max is not null || c.MinLength is not null || Reachable(c.MaxLength) is not null
            || c.Pattern is not null || c.Format is not null
            || (member.Type.Kind == ScalarKind.String && member.Type.IsArray);
    }

    /// <summary>Checks on one value: <paramref name="condition"/> binds it to <paramref name="value"/>.</summary>
    private void EmitScalarChecks(MemberModel member, string wire, string condition, string value, string keyword = "if")
    {
        var w = _writer;
        var c = member.Constraints;
        var checks = new List<string>();
        switch (member.Type.Kind)
        {
            case ScalarKind.String when member.Type.EnumTypeName is not null:
                // The values this field accepts, which may be fewer than its (shared) enum type knows.
                checks.Add("if (" + value + ".Value is not (" + string.Join(" or ", member.Type.EnumValues.Select(Literals.String)) + "))");
                checks.Add("{");
                checks.Add("    validator.InvalidEnum(" + wire + ", " + value + ".Value, " + Literals.String(string.Join(", ", member.Type.EnumValues)) + ");");
                checks.Add("}");
                break;
            case ScalarKind.String:
                if (member.Type.IsArray)
                {
                    // A null inside a list of strings cannot be sent meaningfully.
                    checks.Add("if (" + value + " is null)");
                    checks.Add("{");
                    checks.Add("    validator.Required(" + wire + ");");
                    checks.Add("}");
                    checks.Add("else");
                    checks.Add("{");
                    var inner = StringChecks(c, wire, value);
                    checks.AddRange(inner.Select(l => "    " + l));
                    checks.Add("}");
                }
                else
                {
                    checks.AddRange(StringChecks(c, wire, value));
                }

                break;
            case ScalarKind.Int or ScalarKind.Int64 when !member.Type.EnumValues.IsEmpty:
                // An integer enum: the values this field accepts, as constant patterns.
                checks.Add("if (" + value + " is not (" + string.Join(" or ", member.Type.EnumValues) + "))");
                checks.Add("{");
                checks.Add("    validator.InvalidEnum(" + wire + ", " + value + ".ToString(global::System.Globalization.CultureInfo.InvariantCulture), " + Literals.String(string.Join(", ", member.Type.EnumValues)) + ");");
                checks.Add("}");
                break;
            case ScalarKind.Int or ScalarKind.Int64 or ScalarKind.Float when c.Min is not null || c.Max is not null:
                checks.Add("validator.Range(" + wire + ", " + value + ", " + NullableDouble(c.Min) + ", " + NullableDouble(c.Max) + ");");
                break;
            case ScalarKind.Object:
                checks.Add("validator.Enter(" + wire + ");");
                checks.Add(value + ".ValidateMembers(ref validator);");
                checks.Add("validator.Exit();");
                break;
        }

        if (checks.Count == 0)
        {
            return;
        }

        if (condition == "true")
        {
            foreach (var line in checks)
            {
                w.Line(line);
            }

            return;
        }

        w.Line(keyword + " (" + condition + ")");
        w.Open(string.Empty);
        foreach (var line in checks)
        {
            w.Line(line);
        }

        w.Close();
    }

    private List<string> StringChecks(ConstraintsModel c, string wire, string value)
    {
        var lines = new List<string>();
        if (c.MinLength is not null || Reachable(c.MaxLength) is not null)
        {
            lines.Add("validator.Length(" + wire + ", " + value + ", " + Nullable(c.MinLength) + ", " + Nullable(Reachable(c.MaxLength)) + ");");
        }

        if (c.Pattern is not null)
        {
            lines.Add("validator.Pattern(" + wire + ", " + value + ", " + PatternFieldName(c.Pattern) + ");");
        }

        if (c.Format is not null)
        {
            var format = c.Format switch
            {
                "date" => "Date",
                "datetime" => "DateTime",
                _ => "Int64String",
            };
            lines.Add("validator.Format(" + wire + ", " + value + ", " + TypeNames.Runtime + "FeishuFormat." + format + ");");
        }

        return lines;
    }

    /// <summary>An upper bound past int can never be exceeded by a .NET string or list: documented, not checked.</summary>
    private static int? Reachable(long? bound) => bound is > int.MaxValue ? null : (int?)bound;

    private static string Nullable(int? value) => value is null ? "null" : value.Value.ToString(CultureInfo.InvariantCulture);

    private static string NullableDouble(double? value) => value is null ? "null" : Literals.Double(value.Value);


    private string PatternFieldName(string pattern)
    {
        var index = _patterns.IndexOf(pattern);
        if (index < 0)
        {
            _patterns.Add(pattern);
            index = _patterns.Count - 1;
        }

        return "s_pattern" + index.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Patterns are compiled once per type, anchored to the whole value, with a timeout against runaway input.</summary>
    public void EmitPatternFields(IEnumerable<MemberModel> members)
    {
        var used = members.Select(m => m.Constraints.Pattern).Where(p => p is not null).Distinct().ToList();
        foreach (var pattern in used)
        {
            _writer.Line();
            _writer.Line("private static readonly global::System.Text.RegularExpressions.Regex " + PatternFieldName(pattern!) + " = new global::System.Text.RegularExpressions.Regex(");
            _writer.Line("    " + Literals.String(@"\A(?:" + pattern + @")\z") + ",");
            _writer.Line("    global::System.Text.RegularExpressions.RegexOptions.CultureInvariant,");
            _writer.Line("    global::System.TimeSpan.FromSeconds(1));");
        }
    }

    /// <summary>The members of one JSON object, between <c>{</c> and <c>}</c>; unset members are left out.</summary>
    public void EmitWriteObjectBody(IEnumerable<MemberModel> members)
    {
        var w = _writer;
        w.Line("writer.WriteStartObject();");
        var first = true;
        foreach (var member in members)
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            var access = "this." + Naming.EscapeKeyword(member.CSharpName);
            var wire = Literals.Utf8(member.WireName);
            var value = NextLocal(member.Type.IsArray ? "list" : "value");
            w.Line("if (" + access + " is { } " + value + ")");
            w.Open(string.Empty);
            if (!member.Type.IsArray)
            {
                EmitWriteValue(member.Type, wire, value);
            }
            else
            {
                var item = NextLocal("item");
                w.Line("writer.WritePropertyName(" + wire + ");");
                w.Line("writer.WriteStartArray();");
                w.Open("foreach (var " + item + " in " + value + ")");
                EmitWriteValue(member.Type, null, item);
                w.Close();
                w.Line("writer.WriteEndArray();");
            }

            w.Close();
        }

        w.Line("writer.WriteEndObject();");
    }

    /// <summary>Writes one value, as a property when <paramref name="utf8Name"/> is given, else as an array item.</summary>
    private void EmitWriteValue(TypeRef type, string? utf8Name, string value)
    {
        var w = _writer;
        var prefix = utf8Name is null ? string.Empty : utf8Name + ", ";
        switch (type.Kind)
        {
            case ScalarKind.String when type.EnumTypeName is not null:
                w.Line("writer.WriteString" + (utf8Name is null ? "Value(" : "(") + prefix + value + ".Value);");
                break;
            case ScalarKind.String:
                w.Line(utf8Name is null
                    ? "if (" + value + " is null) { writer.WriteNullValue(); } else { writer.WriteStringValue(" + value + "); }"
                    : "writer.WriteString(" + prefix + value + ");");
                break;
            case ScalarKind.Int or ScalarKind.Int64 or ScalarKind.Float:
                w.Line("writer.WriteNumber" + (utf8Name is null ? "Value(" : "(") + prefix + value + ");");
                break;
            case ScalarKind.Boolean:
                w.Line("writer.WriteBoolean" + (utf8Name is null ? "Value(" : "(") + prefix + value + ");");
                break;
            case ScalarKind.Json:
                if (utf8Name is not null)
                {
                    w.Line("writer.WritePropertyName(" + utf8Name + ");");
                }

                w.Line(value + ".WriteTo(writer);");
                break;
            default:
                if (utf8Name is not null)
                {
                    w.Line("writer.WritePropertyName(" + utf8Name + ");");
                }

                w.Line(utf8Name is null
                    ? "if (" + value + " is null) { writer.WriteNullValue(); } else { " + value + ".WriteJson(writer); }"
                    : value + ".WriteJson(writer);");
                break;
        }
    }

    public void EmitReadJson(string typeName, EquatableArray<MemberModel> members, bool nonNullArrays)
    {
        var w = _writer;
        var qualified = _types.Qualified(typeName);
        w.Open("internal static " + qualified + " ReadJson(ref " + TypeNames.Json + "Utf8JsonReader reader)");
        w.Line("var result = new " + qualified + "();");
        w.Line(TypeNames.Runtime + "FeishuJson.Expect(ref reader, " + TypeNames.Json + "JsonTokenType.StartObject);");
        w.Open("while (reader.Read() && reader.TokenType != " + TypeNames.Json + "JsonTokenType.EndObject)");
        var first = true;
        foreach (var member in members)
        {
            w.Line((first ? "if" : "else if") + " (reader.ValueTextEquals(" + Literals.Utf8(member.WireName) + "))");
            first = false;
            w.Open(string.Empty);
            w.Line(TypeNames.Runtime + "FeishuJson.ReadValue(ref reader);");
            EmitReadMember(member, "result." + Naming.EscapeKeyword(member.CSharpName), nonNullArrays);
            w.Close();
        }

        if (first)
        {
            w.Line(TypeNames.Runtime + "FeishuJson.ReadValue(ref reader);");
            w.Line("reader.Skip();");
        }
        else
        {
            w.Line("else");
            w.Open(string.Empty);
            w.Line(TypeNames.Runtime + "FeishuJson.ReadValue(ref reader);");
            w.Line("reader.Skip();");
            w.Close();
        }

        w.Close();
        w.Line("return result;");
        w.Close();
    }

    private void EmitReadMember(MemberModel member, string target, bool nonNullArrays)
    {
        var w = _writer;
        if (!member.Type.IsArray)
        {
            w.Line(target + " = " + ReadExpression(member.Type) + ";");
            return;
        }

        var list = NextLocal("list");
        var item = NextLocal("item");
        w.Line("if (reader.TokenType == " + TypeNames.Json + "JsonTokenType.Null)");
        w.Open(string.Empty).Line(target + " = " + (nonNullArrays ? "global::System.Array.Empty<" + _types.Item(member.Type) + ">()" : "null") + ";").Close();
        w.Line("else");
        w.Open(string.Empty);
        w.Line(TypeNames.Runtime + "FeishuJson.Expect(ref reader, " + TypeNames.Json + "JsonTokenType.StartArray);");
        w.Line("var " + list + " = new global::System.Collections.Generic.List<" + _types.Item(member.Type) + ">();");
        w.Open("while (reader.Read() && reader.TokenType != " + TypeNames.Json + "JsonTokenType.EndArray)");
        w.Line("if (" + ReadExpression(member.Type) + " is { } " + item + ")");
        w.Open(string.Empty).Line(list + ".Add(" + item + ");").Close();
        w.Close();
        w.Line(target + " = " + list + ";");
        w.Close();
    }

    private string ReadExpression(TypeRef type)
    {
        var json = TypeNames.Runtime + "FeishuJson.";
        return type.Kind switch
        {
            ScalarKind.String when type.EnumTypeName is not null =>
                "(" + json + "ReadString(ref reader) is { } text ? new " + _types.Qualified(type.EnumTypeName) + "(text) : (" + _types.Qualified(type.EnumTypeName) + "?)null)",
            ScalarKind.String => json + "ReadString(ref reader)",
            ScalarKind.Int => json + "ReadInt32(ref reader)",
            ScalarKind.Int64 => json + "ReadInt64(ref reader)",
            ScalarKind.Float => json + "ReadDouble(ref reader)",
            ScalarKind.Boolean => json + "ReadBoolean(ref reader)",
            ScalarKind.Json => json + "ReadElement(ref reader)",
            _ => "(reader.TokenType == " + TypeNames.Json + "JsonTokenType.Null ? null : " + _types.Qualified(type.ObjectTypeName!) + ".ReadJson(ref reader))",
        };
    }

    public string NextLocal(string stem) => stem + (_localCounter++).ToString(CultureInfo.InvariantCulture);
}
