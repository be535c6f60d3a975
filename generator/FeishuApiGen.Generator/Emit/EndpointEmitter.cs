using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FeishuApiGen.Generator.Model;

namespace FeishuApiGen.Generator.Emit;

/// <summary>
/// Writes one spec's file: the request with its validator, URL and JSON writers; nested object and enum
/// types; the response with its JSON reader; and the client method on the resource's group class.
/// </summary>
internal sealed class EndpointEmitter
{
    private const string Validator = TypeNames.Runtime + "FeishuValidator";

    private readonly EndpointModel _endpoint;
    private readonly TypeNames _types;
    private readonly SourceWriter _writer = new();
    private readonly Dictionary<string, ObjectTypeModel> _objectTypes;
    private int _localCounter;

    private EndpointEmitter(EndpointModel endpoint, string rootNamespace)
    {
        _endpoint = endpoint;
        _types = new TypeNames(EndpointNamespace(rootNamespace, endpoint.Api));
        _objectTypes = endpoint.ObjectTypes.ToDictionary(t => t.CSharpName);
    }

    public static string EndpointNamespace(string rootNamespace, ApiIdentity api) =>
        rootNamespace + "." + api.ProjectPascal + "." + api.VersionPascal;

    public static string HintName(ApiIdentity api) => api.Project + "." + api.Version + "." + api.Resource + "." + api.Name + ".g.cs";

    public static string Emit(EndpointModel endpoint, string rootNamespace) => new EndpointEmitter(endpoint, rootNamespace).Emit();

    private string Emit()
    {
        var w = _writer;
        FileHeader.Write(w, "endpoint " + _endpoint.Api.Id);
        w.Open("namespace " + _types.Namespace);
        EmitRequest();
        foreach (var type in _endpoint.ObjectTypes)
        {
            w.Line();
            EmitObjectType(type);
        }

        foreach (var type in _endpoint.EnumTypes)
        {
            w.Line();
            EmitEnum(type);
        }

        w.Line();
        EmitResponse();
        w.Line();
        EmitClientMethod();
        w.Close();
        return w.ToString();
    }

    private void EmitEndpointDocs(string? extraSummary = null)
    {
        var w = _writer;
        w.Line("/// <summary>");
        foreach (var line in Literals.XmlDocLines(_endpoint.Title))
        {
            w.Line("/// " + line);
        }

        if (extraSummary is not null)
        {
            w.Line("/// " + extraSummary);
        }

        w.Line("/// </summary>");
        w.Line("/// <remarks>");
        var description = Literals.XmlDocLines(_endpoint.Description);
        if (description.Length > 0)
        {
            w.Line("/// <para>");
            foreach (var line in description)
            {
                w.Line("/// " + line);
            }

            w.Line("/// </para>");
        }

        w.Line("/// <para><c>" + _endpoint.HttpMethod + " " + Literals.XmlDoc(_endpoint.Path) + "</c> (" + Literals.XmlDoc(_endpoint.Api.Id) + ")</para>");
        if (!_endpoint.RateLimits.IsEmpty)
        {
            w.Line("/// <para>Rate limit: " + string.Join(", ", _endpoint.RateLimits.Select(r => r.Limit.ToString(CultureInfo.InvariantCulture) + " per " + r.Per)) + ".</para>");
        }

        w.Line("/// <para>Access tokens: " + string.Join(", ", _endpoint.AccessTokens) + "." +
            (_endpoint.AppTypes.IsEmpty ? string.Empty : " App types: " + string.Join(", ", _endpoint.AppTypes) + ".") + "</para>");
        if (!_endpoint.Scopes.IsEmpty)
        {
            w.Line("/// <para>Scopes (any one suffices): " + ScopeList(_endpoint.Scopes) + ".</para>");
        }

        if (!_endpoint.FieldScopes.IsEmpty)
        {
            w.Line("/// <para>Field scopes (sensitive response fields are returned only with these): " + ScopeList(_endpoint.FieldScopes) + ".</para>");
        }

        if (!_endpoint.Errors.IsEmpty)
        {
            w.Line("/// <para>Errors:</para>");
            w.Line("/// <list type=\"table\">");
            foreach (var error in _endpoint.Errors)
            {
                w.Line("/// <item><term>" + error.Code.ToString(CultureInfo.InvariantCulture) + " (HTTP " + error.HttpStatus.ToString(CultureInfo.InvariantCulture) + ")</term><description>" +
                    Literals.XmlDoc(error.Message) + (error.Hint is null ? string.Empty : ": " + Literals.XmlDoc(error.Hint)) + "</description></item>");
            }

            w.Line("/// </list>");
        }

        w.Line("/// </remarks>");
        if (_endpoint.DocUrl is not null)
        {
            w.Line("/// <seealso href=\"" + Literals.XmlAttribute(_endpoint.DocUrl) + "\">" + Literals.XmlDoc(_endpoint.Title) + "</seealso>");
        }
    }

    private static string ScopeList(EquatableArray<ScopeModel> scopes) =>
        string.Join(", ", scopes.Select(s => "<c>" + Literals.XmlDoc(s.Name) + "</c>" + (s.Title is null ? string.Empty : " (" + Literals.XmlDoc(s.Title) + ")")));

    private void EmitRequest()
    {
        var w = _writer;
        var name = _endpoint.RequestTypeName;
        EmitEndpointDocs();
        w.Line(FileHeader.GeneratedCodeAttribute);
        w.Open("public sealed partial class " + name + " : " + TypeNames.Runtime + "IFeishuRequest");

        w.Line("/// <summary>Where and how this request is sent: method, path, accepted tokens, scopes and rate limits.</summary>");
        w.Line("public static " + TypeNames.Runtime + "FeishuEndpoint FeishuEndpoint { get; } = new " + TypeNames.Runtime + "FeishuEndpoint(");
        w.Line("    " + Literals.String(_endpoint.Api.Id) + ",");
        w.Line("    " + Literals.String(_endpoint.HttpMethod) + ",");
        w.Line("    " + Literals.String(_endpoint.Path) + ",");
        w.Line("    " + (_endpoint.HasBody ? "true" : "false") + ",");
        w.Line("    " + TokenFlags() + ",");
        w.Line("    new string[] { " + string.Join(", ", _endpoint.Scopes.Select(s => Literals.String(s.Name))) + " },");
        w.Line("    new " + TypeNames.Runtime + "FeishuRateLimit[] { " + string.Join(", ", _endpoint.RateLimits.Select(RateLimit)) + " });");

        foreach (var member in _endpoint.RequestMembers)
        {
            w.Line();
            EmitProperty(member, nonNullArray: false);
        }

        w.Line();
        w.Line("/// <summary>Checks this request against its spec without sending anything.</summary>");
        w.Line("/// <returns>Every violation, each named by its path (e.g. <c>assessments[0].assessment_status</c>); empty when the request is valid.</returns>");
        w.Open("public global::System.Collections.Generic.IReadOnlyList<" + TypeNames.Runtime + "FeishuValidationError> Validate()");
        w.Line("var validator = new " + Validator + "();");
        w.Line("this.ValidateMembers(ref validator);");
        w.Line("return validator.ToErrors();");
        w.Close();
        w.Line();
        w.Line("void " + TypeNames.Runtime + "IFeishuRequest.Validate(ref " + Validator + " validator) => this.ValidateMembers(ref validator);");
        w.Line();
        EmitValidateMembers(_endpoint.RequestMembers);
        w.Line();
        EmitWriteUrl();
        w.Line();
        w.Open("void " + TypeNames.Runtime + "IFeishuRequest.WriteBody(" + TypeNames.Json + "Utf8JsonWriter writer)");
        EmitWriteObjectBody(_endpoint.RequestMembers.Where(m => m.Location == MemberLocation.Body));
        w.Close();
        EmitPatternFields(_endpoint.RequestMembers);
        w.Close();
    }

    private string TokenFlags()
    {
        var flags = _endpoint.AccessTokens.Select(t => TypeNames.Runtime + "FeishuAccessTokenTypes." + Naming.Pascal(t)).ToList();
        return flags.Count == 0 ? TypeNames.Runtime + "FeishuAccessTokenTypes.None" : string.Join(" | ", flags);
    }

    private static string RateLimit(RateLimitModel limit)
    {
        var per = limit.Per switch
        {
            "second" => "FromSeconds(1)",
            "minute" => "FromMinutes(1)",
            "hour" => "FromHours(1)",
            _ => "FromDays(1)",
        };
        return "new " + TypeNames.Runtime + "FeishuRateLimit(" + limit.Limit.ToString(CultureInfo.InvariantCulture) + ", global::System.TimeSpan." + per + ")";
    }

    private void EmitProperty(MemberModel member, bool nonNullArray)
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
            yield return "One of the values of <see cref=\"" + _types.Qualified(member.Type.EnumTypeName) + "\"/>.";
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
            yield return "Default (applied by Feishu when unset): <c>" + Literals.XmlDoc(member.Default) + "</c>.";
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
    }

    private static string Bound(double? value) => value is null ? "any" : value.Value.ToString("R", CultureInfo.InvariantCulture);

    private static string Bound(int? value) => value is null ? "any" : value.Value.ToString(CultureInfo.InvariantCulture);

    private void EmitValidateMembers(IEnumerable<MemberModel> members)
    {
        var w = _writer;
        w.Open("internal void ValidateMembers(ref " + Validator + " validator)");
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
        if (c.MinItems is null && c.MaxItems is null && !needsItemLoop)
        {
            return;
        }

        var list = NextLocal("list");
        w.Line(keyword + " (" + access + " is { } " + list + ")");
        w.Open(string.Empty);
        if (c.MinItems is not null || c.MaxItems is not null)
        {
            w.Line("validator.Count(" + wire + ", " + list + ".Count, " + Nullable(c.MinItems) + ", " + Nullable(c.MaxItems) + ");");
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
            || c.Min is not null || c.Max is not null || c.MinLength is not null || c.MaxLength is not null
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
                checks.Add("if (!" + value + ".IsKnown)");
                checks.Add("{");
                checks.Add("    validator.InvalidEnum(" + wire + ", " + value + ".Value, " + _types.Qualified(member.Type.EnumTypeName) + ".AllowedValues);");
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
        if (c.MinLength is not null || c.MaxLength is not null)
        {
            lines.Add("validator.Length(" + wire + ", " + value + ", " + Nullable(c.MinLength) + ", " + Nullable(c.MaxLength) + ");");
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

    private static string Nullable(int? value) => value is null ? "null" : value.Value.ToString(CultureInfo.InvariantCulture);

    private static string NullableDouble(double? value) => value is null ? "null" : Literals.Double(value.Value);

    private readonly List<string> _patterns = new();

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
    private void EmitPatternFields(IEnumerable<MemberModel> members)
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

    private void EmitWriteUrl()
    {
        var w = _writer;
        w.Open("void " + TypeNames.Runtime + "IFeishuRequest.WriteUrl(ref " + TypeNames.Runtime + "FeishuUrlBuilder url)");
        var path = _endpoint.Path;
        var position = 0;
        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(path, ":([A-Za-z_][A-Za-z0-9_]*)"))
        {
            if (match.Index > position)
            {
                w.Line("url.AppendPath(" + Literals.String(path.Substring(position, match.Index - position)) + ");");
            }

            var member = _endpoint.RequestMembers.First(m => m.Location == MemberLocation.Path && m.WireName == match.Groups[1].Value);
            w.Line("url.AppendPathParameter(" + PathValue(member) + ");");
            position = match.Index + match.Length;
        }

        if (position < path.Length)
        {
            w.Line("url.AppendPath(" + Literals.String(path.Substring(position)) + ");");
        }

        foreach (var member in _endpoint.RequestMembers.Where(m => m.Location == MemberLocation.Query))
        {
            var access = "this." + Naming.EscapeKeyword(member.CSharpName);
            var wire = Literals.String(member.WireName);
            if (!member.Type.IsArray)
            {
                w.Line("url.AppendQuery(" + wire + ", " + QueryValue(member, access, nullable: true) + ");");
                continue;
            }

            var list = NextLocal("list");
            var item = NextLocal("item");
            w.Line("if (" + access + " is { } " + list + ")");
            w.Open(string.Empty);
            w.Open("foreach (var " + item + " in " + list + ")");
            w.Line("url.AppendQuery(" + wire + ", " + QueryValue(member, item, nullable: false) + ");");
            w.Close();
            w.Close();
        }

        w.Close();
    }

    private string PathValue(MemberModel member)
    {
        var access = "this." + Naming.EscapeKeyword(member.CSharpName);
        return member.Type.Kind switch
        {
            ScalarKind.String when member.Type.EnumTypeName is not null => access + "?.Value",
            ScalarKind.String => access,
            ScalarKind.Boolean => access + " is { } flag ? (flag ? \"true\" : \"false\") : null",
            _ => access + "?.ToString(global::System.Globalization.CultureInfo.InvariantCulture)",
        };
    }

    private static string QueryValue(MemberModel member, string access, bool nullable) => member.Type.Kind switch
    {
        ScalarKind.String when member.Type.EnumTypeName is not null => access + (nullable ? "?.Value" : ".Value"),
        ScalarKind.String => access,
        ScalarKind.Int => nullable ? access : "(int?)" + access,
        ScalarKind.Int64 => nullable ? access : "(long?)" + access,
        ScalarKind.Float => nullable ? access : "(double?)" + access,
        ScalarKind.Boolean => nullable ? access : "(bool?)" + access,
        _ => access + (nullable ? "?.ToString()" : ".ToString()"),
    };

    /// <summary>The members of one JSON object, between <c>{</c> and <c>}</c>; unset members are left out.</summary>
    private void EmitWriteObjectBody(IEnumerable<MemberModel> members)
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

    private void EmitObjectType(ObjectTypeModel type)
    {
        var w = _writer;
        var responseOnly = type.UsedInResponse && !type.UsedInRequest;
        w.Line("/// <summary>The <c>" + Literals.XmlDoc(type.WireName) + "</c> object of " + Literals.XmlDoc(_endpoint.Api.Id) + ".</summary>");
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
            EmitProperty(member, nonNullArray: responseOnly);
        }

        w.Line();
        EmitValidateMembers(type.Members);
        w.Line();
        w.Open("internal void WriteJson(" + TypeNames.Json + "Utf8JsonWriter writer)");
        EmitWriteObjectBody(type.Members);
        w.Close();
        w.Line();
        EmitReadJson(type.CSharpName, type.Members, responseOnly);
        EmitPatternFields(type.Members);
        w.Close();
    }

    private void EmitResponse()
    {
        var w = _writer;
        var name = _endpoint.ResponseTypeName;
        w.Line("/// <summary>The <c>data</c> of a successful answer to " + Literals.XmlDoc(_endpoint.Api.Id) + ": " + Literals.XmlDoc(_endpoint.Title) + "</summary>");
        w.Line(FileHeader.GeneratedCodeAttribute);
        w.Open("public sealed partial class " + name + " : " + TypeNames.Runtime + "IFeishuResponse<" + _types.Qualified(name) + ">");
        foreach (var member in _endpoint.ResponseMembers)
        {
            EmitProperty(member, nonNullArray: true);
            w.Line();
        }

        w.Line("static " + _types.Qualified(name) + " " + TypeNames.Runtime + "IFeishuResponse<" + _types.Qualified(name) + ">.ReadData(ref " + TypeNames.Json + "Utf8JsonReader reader) => ReadJson(ref reader);");
        w.Line();
        EmitReadJson(name, _endpoint.ResponseMembers, nonNullArrays: true);
        w.Close();
    }

    private void EmitReadJson(string typeName, EquatableArray<MemberModel> members, bool nonNullArrays)
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

    private void EmitEnum(EnumTypeModel type)
    {
        var w = _writer;
        var name = type.CSharpName;
        w.Line("/// <summary>Values of <c>" + Literals.XmlDoc(name) + "</c> in " + Literals.XmlDoc(_endpoint.Api.Id) + ".</summary>");
        w.Line("/// <remarks>Feishu may add values: one this spec does not list is kept as it came (see <see cref=\"IsKnown\"/>), never rejected when read. Values compare by their wire text, ordinally.</remarks>");
        w.Line(FileHeader.GeneratedCodeAttribute);
        // A record struct: equality over the one field comes from the compiler, not from text we emit.
        w.Open("public readonly partial record struct " + name);
        w.Line("/// <summary>The values this spec lists, as validation messages name them.</summary>");
        w.Line("internal const string AllowedValues = " + Literals.String(string.Join(", ", type.Values.Select(v => v.WireValue))) + ";");
        w.Line();
        w.Line("private readonly string? _value;");
        w.Line();
        w.Line("/// <summary>Creates a value, listed in the spec or not.</summary>");
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
        w.Line("/// <summary>True when the value is one the spec lists.</summary>");
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

    private void EmitClientMethod()
    {
        var w = _writer;
        var api = _endpoint.Api;
        var request = _types.Qualified(_endpoint.RequestTypeName);
        var response = _types.Qualified(_endpoint.ResponseTypeName);
        w.Open("public sealed partial class " + api.ResourcePascal + "Api");
        EmitEndpointDocs();
        w.Line("/// <param name=\"request\">The request; checked against the spec before anything is sent.</param>");
        w.Line("/// <param name=\"cancellationToken\">Cancels the call.</param>");
        w.Line("/// <returns>The <c>data</c> of Feishu's answer.</returns>");
        w.Line("/// <exception cref=\"" + TypeNames.Runtime + "FeishuValidationException\">The request breaks the spec; nothing was sent.</exception>");
        w.Line("/// <exception cref=\"" + TypeNames.Runtime + "FeishuApiException\">Feishu answered with a non-zero code.</exception>");
        w.Open("public global::System.Threading.Tasks.Task<" + response + "> " + api.MethodName + "(" + request + " request, global::System.Threading.CancellationToken cancellationToken = default)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(request);");
        w.Line("return this.Connection.SendAsync<" + request + ", " + response + ">(" + request + ".FeishuEndpoint, request, cancellationToken);");
        w.Close();
        w.Close();
    }

    private string NextLocal(string stem) => stem + (_localCounter++).ToString(CultureInfo.InvariantCulture);
}
