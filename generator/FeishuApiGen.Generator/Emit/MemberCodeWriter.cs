using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FeishuApiGen.Generator.Model;

namespace FeishuApiGen.Generator.Emit;

/// <summary>
/// Writes the code of members, for any type that has them (request, response, object types): properties with
/// their docs, and one line per member for validation, JSON writing and reading, each a call of the runtime's member
/// helpers. The pattern fields it names (<c>s_pattern0</c>) are unique within a type.
/// </summary>
internal sealed class MemberCodeWriter
{
    private readonly SourceWriter _writer;
    private readonly TypeNames _types;
    private readonly List<string> _patterns = new();

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
        _patterns.Clear();
    }

    /// <summary>
    /// The constructors of a type with C# required members: the public one callers use (the compiler makes them set the
    /// required members), and the reader's, which sets none (an answer may leave out what a request must set).
    /// </summary>
    public void EmitAnswerConstructor(string simpleName)
    {
        var w = _writer;
        w.Line("/// <summary>Creates an instance; the compiler asks for every member the spec requires.</summary>");
        w.Open("public " + simpleName + "()");
        w.Close();
        w.Line();
        w.Line("[global::System.Diagnostics.CodeAnalysis.SetsRequiredMembers]");
        w.Open("private " + simpleName + "(bool fromAnswer)");
        w.Close();
    }

    /// <param name="member">The member.</param>
    /// <param name="nonNullArray">Whether a list member starts empty rather than null (response-only types).</param>
    /// <param name="callerSets">
    /// Whether a caller builds this type to send it: then a member the spec requires is a C# <c>required</c> member, so
    /// leaving it out is a compile error (the validator still refuses a null).
    /// </param>
    public void EmitProperty(MemberModel member, bool nonNullArray, bool callerSets)
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
        // Not for a deprecated member: callers would be made to set what they are warned off (and C# warns, CS9042).
        var required = callerSets && member.CallerMustSet ? "required " : string.Empty;
        w.Line("public " + required + _types.Property(member.Type, nonNullArray) + " " + Naming.EscapeKeyword(member.CSharpName) + " { get; set; }" + initializer);
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

    /// <summary>
    /// The body of a validator: one check per member that has rules, each a call of <see cref="TypeNames.Validator"/>,
    /// which reports a missing required member and checks nothing else of it.
    /// </summary>
    public void EmitValidateMembers(string header, IEnumerable<MemberModel> members)
    {
        var w = _writer;
        w.Open(header);
        foreach (var member in members)
        {
            foreach (var check in MemberChecks(member))
            {
                w.Line("validator." + check + ";");
            }
        }

        w.Close();
    }

    private IEnumerable<string> MemberChecks(MemberModel member)
    {
        var type = member.Type;
        var c = member.Constraints;
        var wire = Literals.String(member.WireName);
        var value = "this." + Naming.EscapeKeyword(member.CSharpName);
        var required = member.Required ? "required: true" : null;
        var stringRules = StringRules(c);
        if (member.Location == MemberLocation.Path && type.Kind == ScalarKind.String)
        {
            yield return "NotEmpty(" + wire + ", " + value + ")";
            if (stringRules.Count > 0)
            {
                yield return Call("String", wire, value, stringRules);
            }

            yield break;
        }

        var itemBounds = ItemBounds(c);
        var isIntegerEnum = type.Kind is ScalarKind.Int or ScalarKind.Int64 && !type.EnumValues.IsEmpty;
        var bounds = type.Kind is ScalarKind.Int or ScalarKind.Int64 or ScalarKind.Float && !isIntegerEnum ? NumberBounds(c) : new List<string>();
        if (type.IsArray)
        {
            if (type.Kind == ScalarKind.Object)
            {
                yield return Call("ObjectList", wire, value, Rules(required, itemBounds));
            }
            else if (type.EnumTypeName is not null)
            {
                yield return Call("EnumList", wire, value, Rules("required: " + Bool(member.Required), AcceptedStrings(type), itemBounds));
            }
            else if (isIntegerEnum)
            {
                yield return Call("IntegerList", wire, value, Rules("required: " + Bool(member.Required), AcceptedIntegers(type), itemBounds));
            }
            else if (type.Kind == ScalarKind.String)
            {
                // Always: a null item of a list of strings is reported.
                yield return Call("StringList", wire, value, Rules(required, itemBounds, stringRules));
            }
            else if (bounds.Count > 0)
            {
                yield return Call("NumberList", wire, value, Rules(required, itemBounds, bounds));
            }
            else if (itemBounds.Count > 0)
            {
                yield return Call("List", wire, value, Rules(required, itemBounds));
            }
            else if (member.Required)
            {
                yield return "Required(" + wire + ", " + value + ")";
            }

            yield break;
        }

        if (type.Kind == ScalarKind.Object)
        {
            // Always: the object's own members have their rules.
            yield return Call("Object", wire, value, Rules(required));
        }
        else if (type.EnumTypeName is not null)
        {
            yield return Call("Enum", wire, value, Rules("required: " + Bool(member.Required), AcceptedStrings(type)));
        }
        else if (isIntegerEnum)
        {
            yield return Call("Integer", wire, value, Rules("required: " + Bool(member.Required), AcceptedIntegers(type)));
        }
        else if (type.Kind == ScalarKind.String && stringRules.Count > 0)
        {
            yield return Call("String", wire, value, Rules(required, stringRules));
        }
        else if (bounds.Count > 0)
        {
            yield return Call("Number", wire, value, Rules(required, bounds));
        }
        else if (member.Required)
        {
            yield return "Required(" + wire + ", " + value + ")";
        }
    }

    private static string Call(string check, string wire, string value, List<string> rules) =>
        check + "(" + wire + ", " + value + string.Concat(rules.Select(r => ", " + r)) + ")";

    private static List<string> Rules(params object?[] parts)
    {
        var rules = new List<string>();
        foreach (var part in parts)
        {
            switch (part)
            {
                case string rule:
                    rules.Add(rule);
                    break;
                case IEnumerable<string> many:
                    rules.AddRange(many);
                    break;
            }
        }

        return rules;
    }

    private static string Bool(bool value) => value ? "true" : "false";

    /// <summary>The values a string enum member accepts, which may be fewer than its (shared) enum type knows.</summary>
    private static string AcceptedStrings(TypeRef type) => "[" + string.Join(", ", type.EnumValues.Select(Literals.String)) + "]";

    private static string AcceptedIntegers(TypeRef type) => "[" + string.Join(", ", type.EnumValues) + "]";

    private static List<string> ItemBounds(ConstraintsModel c)
    {
        var rules = new List<string>();
        if (c.MinItems is not null)
        {
            rules.Add("minItems: " + c.MinItems.Value.ToString(CultureInfo.InvariantCulture));
        }

        if (Reachable(c.MaxItems) is { } maxItems)
        {
            rules.Add("maxItems: " + maxItems.ToString(CultureInfo.InvariantCulture));
        }

        return rules;
    }

    private static List<string> NumberBounds(ConstraintsModel c)
    {
        var rules = new List<string>();
        if (c.Min is not null)
        {
            rules.Add("min: " + Literals.Double(c.Min.Value));
        }

        if (c.Max is not null)
        {
            rules.Add("max: " + Literals.Double(c.Max.Value));
        }

        return rules;
    }

    private List<string> StringRules(ConstraintsModel c)
    {
        var rules = new List<string>();
        if (c.MinLength is not null)
        {
            rules.Add("minLength: " + c.MinLength.Value.ToString(CultureInfo.InvariantCulture));
        }

        if (Reachable(c.MaxLength) is { } maxLength)
        {
            rules.Add("maxLength: " + maxLength.ToString(CultureInfo.InvariantCulture));
        }

        if (c.Pattern is not null)
        {
            rules.Add("pattern: " + PatternFieldName(c.Pattern));
        }

        if (c.Format is not null)
        {
            var format = c.Format switch
            {
                "date" => "Date",
                "datetime" => "DateTime",
                _ => "Int64String",
            };
            rules.Add("format: " + TypeNames.Runtime + "FeishuFormat." + format);
        }

        return rules;
    }

    /// <summary>An upper bound past int can never be exceeded by a .NET string or list: documented, not checked.</summary>
    private static int? Reachable(long? bound) => bound is > int.MaxValue ? null : (int?)bound;

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

    /// <summary>The members of one JSON object, between <c>{</c> and <c>}</c>: one call per member, which leaves it out when unset.</summary>
    public void EmitWriteObjectBody(IEnumerable<MemberModel> members)
    {
        var w = _writer;
        w.Line("writer.WriteStartObject();");
        foreach (var member in members)
        {
            w.Line(TypeNames.Runtime + "FeishuWrite." + Helper(member.Type) + "(writer, " + Literals.Utf8(member.WireName) + ", this." + Naming.EscapeKeyword(member.CSharpName) + ");");
        }

        w.Line("writer.WriteEndObject();");
    }

    /// <summary>
    /// The body of a reader: a member whose name it knows is read by one call, any other is skipped. In a response-only
    /// type a list is never null: absent or JSON null reads as empty.
    /// </summary>
    /// <param name="header">The reader method's signature.</param>
    /// <param name="typeName">The type read.</param>
    /// <param name="members">Its members.</param>
    /// <param name="nonNullArrays">Whether a JSON null list is read as empty.</param>
    /// <param name="hasRequiredMembers">Whether the type has C# required members: it is then made with <see cref="EmitAnswerConstructor"/>'s constructor.</param>
    public void EmitReadJson(string header, string typeName, EquatableArray<MemberModel> members, bool nonNullArrays, bool hasRequiredMembers = false)
    {
        var w = _writer;
        w.Open(header);
        w.Line("var result = new " + _types.Qualified(typeName) + "(" + (hasRequiredMembers ? "fromAnswer: true" : string.Empty) + ");");
        EmitReadMembers(members, nonNullArrays);
        w.Line("return result;");
        w.Close();
    }

    /// <summary>
    /// The loop over one JSON object's members, the reader on its <c>{</c>: each member it knows is read into
    /// <c>result</c>, any other skipped.
    /// </summary>
    public void EmitReadMembers(IEnumerable<MemberModel> members, bool nonNullArrays)
    {
        var w = _writer;
        var read = TypeNames.Runtime + "FeishuRead.";
        w.Line(read + "StartObject(ref reader);");
        w.Open("while (" + read + "NextMember(ref reader))");
        var keyword = "if";
        foreach (var member in members)
        {
            w.Line(keyword + " (reader.ValueTextEquals(" + Literals.Utf8(member.WireName) + "))");
            var value = ReadCall(member.Type);
            if (member.Type.IsArray && nonNullArrays)
            {
                value += " ?? global::System.Array.Empty<" + _types.Item(member.Type) + ">()";
            }

            w.Line("    result." + Naming.EscapeKeyword(member.CSharpName) + " = " + value + ";");
            keyword = "else if";
        }

        w.Line(keyword == "if" ? read + "Skip(ref reader);" : "else");
        if (keyword != "if")
        {
            w.Line("    " + read + "Skip(ref reader);");
        }

        w.Close();
    }

    /// <summary>The call that reads one value of <paramref name="type"/> from <c>reader</c>: <c>FeishuRead.Int64(ref reader)</c>.</summary>
    public string ReadCall(TypeRef type) => TypeNames.Runtime + "FeishuRead." + Helper(type) + "(ref reader)";

    /// <summary>The name of the <c>FeishuRead</c>/<c>FeishuWrite</c> member for a type: <c>Int64</c>, <c>ObjectList&lt;T&gt;</c>.</summary>
    private string Helper(TypeRef type)
    {
        var (name, typeArgument) = type.Kind switch
        {
            ScalarKind.String when type.EnumTypeName is not null => ("Enum", _types.Qualified(type.EnumTypeName)),
            ScalarKind.String => ("String", null),
            ScalarKind.Int => ("Int32", null),
            ScalarKind.Int64 => ("Int64", null),
            ScalarKind.Float => ("Double", null),
            ScalarKind.Boolean => ("Boolean", null),
            ScalarKind.Json => ("Element", null),
            _ => ("Object", _types.Qualified(type.ObjectTypeName!)),
        };
        return name + (type.IsArray ? "List" : string.Empty) + (typeArgument is null ? string.Empty : "<" + typeArgument + ">");
    }
}
