using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FeishuApiGen.Generator.Model;

namespace FeishuApiGen.Generator.Emit;

/// <summary>
/// Writes one spec's file: the request with its validator, URL and JSON writers; the response with its JSON
/// reader; the client method on the resource's group class; and the spec's own object and enum types
/// (<see cref="TypesEmitter"/>), whose names carry the endpoint's stem so no other spec can clash with them.
/// </summary>
internal sealed class EndpointEmitter
{

    private readonly EndpointModel _endpoint;
    private readonly TypeNames _types;
    private readonly SourceWriter _writer = new();
    private readonly MemberCodeWriter _members;
    private readonly EquatableArray<MemberModel> _requestMembers;
    private readonly EquatableArray<MemberModel> _responseMembers;

    private EndpointEmitter(EndpointModel endpoint, string rootNamespace)
    {
        _endpoint = endpoint;
        _types = TypeNames.ForProjectVersion(rootNamespace, endpoint.Api.Project, endpoint.Api.Version);
        _members = new MemberCodeWriter(_writer, _types);
        _requestMembers = endpoint.RequestMembers;
        _responseMembers = endpoint.ResponseMembers;
    }

    public static string HintName(ApiIdentity api) => api.Project + "." + api.Version + "." + api.Resource + "." + api.Name + ".g.cs";

    public static string Emit(EndpointModel endpoint, string rootNamespace) =>
        new EndpointEmitter(endpoint, rootNamespace).Emit();

    private string Emit()
    {
        var w = _writer;
        FileHeader.Write(w, "endpoint " + _endpoint.Api.Id);
        w.Open("namespace " + _types.Namespace);
        EmitRequest();
        w.Line();
        EmitResponse();
        w.Line();
        EmitModelFactoryMethod();
        w.Line();
        EmitClientMethod();
        EmitOwnTypes();
        w.Close();
        return w.ToString();
    }

    /// <summary>The spec's own types, nested in a static class named for the endpoint (<c>SearchProbation.ProbationInfo</c>).</summary>
    private void EmitOwnTypes()
    {
        if (_endpoint.ObjectTypes.IsEmpty && _endpoint.EnumTypes.IsEmpty)
        {
            return;
        }

        var w = _writer;
        var origin = Literals.XmlDoc(_endpoint.Api.Id);
        w.Line();
        w.Line("/// <summary>The object and enum types of " + origin + " (" + Literals.XmlDoc(_endpoint.Title) + ").</summary>");
        w.Line(FileHeader.GeneratedCodeAttribute);
        w.Open("public static partial class " + _endpoint.Api.TypeNameStem);
        var types = new TypesEmitter(w, _types);
        var first = true;
        foreach (var type in _endpoint.ObjectTypes)
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            types.EmitObjectType(type, "The <c>" + Literals.XmlDoc(type.WireName) + "</c> object of " + origin + ".");
        }

        foreach (var type in _endpoint.EnumTypes)
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            types.EmitEnum(type, "the values of " + origin + ".");
        }

        w.Close();
    }

    private void EmitEndpointDocs()
    {
        var w = _writer;
        w.Line("/// <summary>");
        foreach (var line in Literals.XmlDocLines(_endpoint.Title))
        {
            w.Line("/// " + line);
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
        else if (_endpoint.SpecialRateLimit)
        {
            w.Line("/// <para>Rate limit: special (特殊频控): Feishu limits this endpoint but documents no number, so the client paces nothing; expect HTTP 429, which is waited out.</para>");
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

    /// <summary>A deprecated endpoint (a page among Feishu's 历史版本) is <c>[Obsolete]</c>: callers see it at compile time.</summary>
    private void EmitDeprecated()
    {
        if (_endpoint.Deprecated is { } deprecation)
        {
            _writer.Line("[global::System.Obsolete(" + Literals.String("Feishu lists this endpoint among its historic versions (历史版本)" + (deprecation.Length > 0 ? ": " + deprecation : ".")) + ")]");
        }
    }

    private static string ScopeList(EquatableArray<ScopeModel> scopes) =>
        string.Join(", ", scopes.Select(s => "<c>" + Literals.XmlDoc(s.Name) + "</c>" + (s.Title is null ? string.Empty : " (" + Literals.XmlDoc(s.Title) + ")")));

    private void EmitRequest()
    {
        var w = _writer;
        var name = _endpoint.RequestTypeName;
        EmitEndpointDocs();
        EmitDeprecated();
        w.Line(FileHeader.GeneratedCodeAttribute);
        w.Open("public sealed partial class " + name + " : " + TypeNames.Runtime + "IFeishuRequest<" + _types.Qualified(name) + ">");

        w.Line("/// <summary>Where and how this request is sent: method, path, accepted tokens, scopes and rate limits.</summary>");
        w.Line("public static " + TypeNames.Runtime + "FeishuEndpoint " + GeneratedMemberNames.Endpoint + " { get; } = new " + TypeNames.Runtime + "FeishuEndpoint(");
        w.Line("    id: " + Literals.String(_endpoint.Api.Id) + ",");
        w.Line("    httpMethod: " + Literals.String(_endpoint.HttpMethod) + ",");
        w.Line("    pathTemplate: " + Literals.String(_endpoint.Path) + ",");
        w.Line("    hasBody: " + (_endpoint.HasBody ? "true" : "false") + ",");
        w.Line("    accessTokens: " + TokenFlags() + ",");
        w.Line("    scopes: new string[] { " + string.Join(", ", _endpoint.Scopes.Select(s => Literals.String(s.Name))) + " },");
        var idempotencyKey = _requestMembers.FirstOrDefault(m => m.IdempotencyKey);
        if (idempotencyKey is null)
        {
            w.Line("    rateLimits: new " + TypeNames.Runtime + "FeishuRateLimit[] { " + string.Join(", ", _endpoint.RateLimits.Select(RateLimit)) + " });");
        }
        else
        {
            w.Line("    rateLimits: new " + TypeNames.Runtime + "FeishuRateLimit[] { " + string.Join(", ", _endpoint.RateLimits.Select(RateLimit)) + " })");
            w.Line("{");
            w.Line("    IdempotencyKey = " + Literals.String(idempotencyKey.WireName) + ",");
            w.Line("};");
        }

        if (HasRequiredMembers)
        {
            w.Line();
            _members.EmitAnswerConstructor(name);
        }

        foreach (var member in _requestMembers)
        {
            w.Line();
            _members.EmitProperty(member, nonNullArray: false, callerSets: true);
        }

        w.Line();
        w.Line("/// <summary>Checks this request against its spec without sending anything.</summary>");
        w.Line("/// <returns>Every violation, each named by its path (e.g. <c>assessments[0].assessment_status</c>); empty when the request is valid.</returns>");
        w.Line("public global::System.Collections.Generic.IReadOnlyList<" + TypeNames.Runtime + "FeishuValidationError> " + GeneratedMemberNames.Validate + "() => " + TypeNames.Validator + ".Validate(this);");
        w.Line();
        _members.EmitValidateMembers("void " + TypeNames.Runtime + "IFeishuRequest.Validate(ref " + TypeNames.Validator + " validator)", _requestMembers);
        w.Line();
        EmitWriteUrl();
        w.Line();
        w.Open("void " + TypeNames.Runtime + "IFeishuRequest.WriteBody(" + TypeNames.Json + "Utf8JsonWriter writer)");
        _members.EmitWriteObjectBody(_requestMembers.Where(m => m.Location == MemberLocation.Body));
        w.Close();
        w.Line();
        EmitWireContract();
        _members.EmitPatternFields(_requestMembers);
        w.Close();
    }

    /// <summary>Whether the request has C# required members (as <see cref="MemberCodeWriter.EmitProperty"/> decides).</summary>
    private bool HasRequiredMembers => _requestMembers.Any(m => m.CallerMustSet);

    /// <summary>
    /// What a stand-in for Feishu needs (<c>IFeishuRequest&lt;T&gt;</c>): the spec's example answer, and a reader of the
    /// request as received, path and query parameters first, then the body, so it can be checked with the same rules.
    /// </summary>
    private void EmitWireContract()
    {
        var w = _writer;
        var self = _types.Qualified(_endpoint.RequestTypeName);
        var contract = TypeNames.Runtime + "IFeishuRequest<" + self + ">";
        var example = _endpoint.ResponseExample is { Length: > 0 } text ? Literals.Utf8(text) : "global::System.ReadOnlySpan<byte>.Empty";
        w.Line("static global::System.ReadOnlySpan<byte> " + contract + ".ExampleAnswer => " + example + ";");
        w.Line();
        w.Open("static " + self + " " + contract + ".ReadWire(" + TypeNames.Runtime + "FeishuWireRequest wire)");
        w.Line("var result = new " + self + "(" + (HasRequiredMembers ? "fromAnswer: true" : string.Empty) + ");");
        var parameters = _requestMembers.Where(m => m.Location != MemberLocation.Body).ToList();
        if (parameters.Count > 0 || _endpoint.HasBody)
        {
            w.Line(TypeNames.Json + "Utf8JsonReader reader;");
        }

        foreach (var member in parameters)
        {
            var source = member.Location == MemberLocation.Path ? "PathParameter" : member.Type.IsArray ? "QueryParameterList" : "QueryParameter";
            w.Line("reader = wire." + source + "(" + Literals.String(member.WireName) + ");");
            w.Line("result." + Naming.EscapeKeyword(member.CSharpName) + " = " + _members.ReadCall(member.Type) + ";");
        }

        if (_endpoint.HasBody)
        {
            w.Line("reader = wire.BodyReader();");
            w.Line("reader.Read();");
            _members.EmitReadMembers(_requestMembers.Where(m => m.Location == MemberLocation.Body), nonNullArrays: false);
        }

        w.Line("return result;");
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

            var member = _requestMembers.First(m => m.Location == MemberLocation.Path && m.WireName == match.Groups[1].Value);
            w.Line("url.AppendPathParameter(" + PathValue(member) + ");");
            position = match.Index + match.Length;
        }

        if (position < path.Length)
        {
            w.Line("url.AppendPath(" + Literals.String(path.Substring(position)) + ");");
        }

        foreach (var member in _requestMembers.Where(m => m.Location == MemberLocation.Query))
        {
            var access = "this." + Naming.EscapeKeyword(member.CSharpName);
            var wire = Literals.String(member.WireName);
            if (member.IdempotencyKey)
            {
                w.Line("url.AppendIdempotencyKey(" + wire + ", " + access + ");");
                continue;
            }

            if (_endpoint.Pagination?.PageTokenWireName == member.WireName)
            {
                w.Line("url.AppendPageToken(" + wire + ", " + access + ");");
                continue;
            }

            if (!member.Type.IsArray)
            {
                var value = QueryValue(member, access, nullable: true);
                // A documented default is sent when the caller leaves the member unset, so the call never depends on
                // Feishu's server-side default changing.
                w.Line("url.AppendQuery(" + wire + ", " + (member.Default is null ? value : value + " ?? " + DefaultLiteral(member)) + ");");
                continue;
            }

            if (member.Type.EnumTypeName is null && member.Type.Kind is ScalarKind.String or ScalarKind.Int or ScalarKind.Int64)
            {
                w.Line("url.AppendQuery(" + wire + ", " + access + ");");
                continue;
            }

            const string list = "values";
            const string item = "value";
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

    /// <summary>The spec's default as a C# literal of the value <see cref="QueryValue"/> produces; the parser checked it fits.</summary>
    private static string DefaultLiteral(MemberModel member) => member.Type.Kind switch
    {
        ScalarKind.Int or ScalarKind.Int64 => member.Default!,
        ScalarKind.Float => Literals.Double(double.Parse(member.Default!, NumberStyles.Float, CultureInfo.InvariantCulture)),
        ScalarKind.Boolean => member.Default!,
        _ => Literals.String(member.Default),
    };

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


    private void EmitResponse()
    {
        var w = _writer;
        var name = _endpoint.ResponseTypeName;
        w.Line("/// <summary>The <c>data</c> of a successful answer to " + Literals.XmlDoc(_endpoint.Api.Id) + ": " + Literals.XmlDoc(_endpoint.Title) + "</summary>");
        w.Line(FileHeader.GeneratedCodeAttribute);
        var pageItems = PageItemsMember();
        var interfaces = TypeNames.Runtime + "IFeishuResponse<" + _types.Qualified(name) + ">" +
            (pageItems is null ? string.Empty : ", " + TypeNames.Runtime + "IFeishuPage<" + _types.Item(pageItems.Type) + ">");
        w.Open("public sealed partial class " + name + " : " + interfaces);
        foreach (var member in _responseMembers)
        {
            _members.EmitProperty(member, nonNullArray: true, callerSets: false);
            w.Line();
        }

        if (pageItems is not null)
        {
            // Explicit, so the response keeps the spec's member names and the runtime still finds the page's parts.
            var page = TypeNames.Runtime + "IFeishuPage<" + _types.Item(pageItems.Type) + ">";
            w.Line(TypeNames.ReadOnlyList + _types.Item(pageItems.Type) + "> " + page + ".PageItems => this." + Naming.EscapeKeyword(pageItems.CSharpName) + ";");
            w.Line();
            w.Line("bool " + page + ".HasMorePages => this." + Naming.EscapeKeyword(ResponseMember("has_more").CSharpName) + " == true;");
            w.Line();
            w.Line("string? " + page + ".NextPageToken => this." + Naming.EscapeKeyword(ResponseMember("page_token").CSharpName) + ";");
            w.Line();
        }

        // The answer is kept in the response itself: GetRawAnswer costs the caller nothing they do not ask for.
        w.Line("private " + TypeNames.Runtime + "FeishuRawAnswer _rawAnswer;");
        w.Line();
        w.Line("/// <summary>The HTTP answer this data came in: its status, headers (<c>X-Tt-Logid</c>, <c>x-ogw-ratelimit-*</c>) and log id.</summary>");
        w.Line("public " + TypeNames.Runtime + "FeishuRawAnswer " + GeneratedMemberNames.RawAnswer + "() => this._rawAnswer;");
        w.Line();
        w.Line("void " + TypeNames.Runtime + "IFeishuResponse<" + _types.Qualified(name) + ">.KeepRawAnswer(" + TypeNames.Runtime + "FeishuRawAnswer answer) => this._rawAnswer = answer;");
        w.Line();
        _members.EmitReadJson("static " + _types.Qualified(name) + " " + TypeNames.Runtime + "IFeishuResponse<" + _types.Qualified(name) + ">.ReadData(ref " + TypeNames.Json + "Utf8JsonReader reader)", name, _responseMembers, nonNullArrays: true);
        w.Close();
    }


    /// <summary>
    /// The response's method on the project version's model factory (Azure's pattern): a unit test builds the response a
    /// mocked call returns, every member optional, with the raw answer it would have come in.
    /// </summary>
    private void EmitModelFactoryMethod()
    {
        var w = _writer;
        var response = _types.Qualified(_endpoint.ResponseTypeName);
        var factory = _endpoint.Api.ProjectPascal + _endpoint.Api.VersionPascal + "ModelFactory";
        var parameters = _responseMembers.Select(m => (Member: m, Name: Naming.EscapeKeyword(ParameterName(m.CSharpName)))).ToList();
        var initializers = parameters.Select(p => Naming.EscapeKeyword(p.Member.CSharpName) + " = " + (p.Member.Type.IsArray ? p.Name + " ?? global::System.Array.Empty<" + _types.Item(p.Member.Type) + ">()" : p.Name));
        // Declared, with its docs, once per project version in the client's file; each endpoint file adds its response.
        w.Open("public static partial class " + factory);
        w.Line("/// <summary>A <see cref=\"" + response + "\"/> for a test: each member as given (a list left out is empty), and the HTTP answer <see cref=\"" + response + "." + GeneratedMemberNames.RawAnswer + "\"/> returns.</summary>");
        foreach (var (member, name) in parameters)
        {
            w.Line("/// <param name=\"" + name.TrimStart('@') + "\">Member <c>" + Literals.XmlDoc(member.WireName) + "</c>.</param>");
        }

        w.Line("/// <param name=\"rawAnswer\">The HTTP answer (status, headers, log id) the response came in.</param>");
        var signature = string.Join(", ", parameters.Select(p => _types.Property(p.Member.Type, nonNullArray: false) + " " + p.Name + " = default").Concat(new[] { TypeNames.Runtime + "FeishuRawAnswer rawAnswer = default" }));
        w.Open("public static " + response + " " + _endpoint.ResponseTypeName + "(" + signature + ")");
        // No local variable: a parameter made from a member's name could clash with it.
        w.Line("return " + TypeNames.Runtime + "FeishuModelFactory.WithRawAnswer(new " + response + " { " + string.Join(", ", initializers) + " }, rawAnswer);");
        w.Close();
        w.Close();
    }

    /// <summary>A member's C# name as a parameter: <c>PageToken</c> → <c>pageToken</c>; never <c>rawAnswer</c>, which the factory takes itself.</summary>
    private static string ParameterName(string memberName)
    {
        var name = Naming.Camel(memberName);
        return name == "rawAnswer" ? "rawAnswerMember" : name;
    }

    private MemberModel? PageItemsMember() =>
        _endpoint.Pagination is { } pagination ? ResponseMember(pagination.ItemsWireName) : null;

    private MemberModel ResponseMember(string wireName) => _responseMembers.First(m => m.WireName == wireName);

    private void EmitClientMethod()
    {
        var w = _writer;
        var api = _endpoint.Api;
        var request = _types.Qualified(_endpoint.RequestTypeName);
        var response = _types.Qualified(_endpoint.ResponseTypeName);
        w.Open("public partial class " + api.ResourcePascal + "Api");
        // The endpoint's doc is the request type's; written once, shown here too.
        w.Line("/// <inheritdoc cref=\"" + request + "\"/>");
        w.Line("/// <param name=\"request\">The request; checked against the spec before anything is sent.</param>");
        w.Line("/// <param name=\"cancellationToken\">Cancels the call.</param>");
        w.Line("/// <returns>The <c>data</c> of Feishu's answer.</returns>");
        w.Line("/// <exception cref=\"" + TypeNames.Runtime + "FeishuValidationException\">The request breaks the spec; nothing was sent.</exception>");
        w.Line("/// <exception cref=\"" + TypeNames.Runtime + "FeishuApiException\">Feishu answered with a non-zero code.</exception>");
        EmitDeprecated();
        w.Open("public virtual global::System.Threading.Tasks.Task<" + response + "> " + api.MethodName + "(" + request + " request, global::System.Threading.CancellationToken cancellationToken = default)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(request);");
        w.Line("return this.Connection.SendAsync<" + request + ", " + response + ">(" + request + ".FeishuEndpoint, request, cancellationToken);");
        w.Close();
        EmitOptionsOverload(
            "global::System.Threading.Tasks.Task<" + response + ">",
            api.MethodName,
            request,
            "The request; checked against the spec before anything is sent.",
            "Per-call options, e.g. the user_access_token to call with (for endpoints whose spec accepts <c>user</c>).",
            "Cancels the call.",
            "SendAsync<" + request + ", " + response + ">");
        if (PageItemsMember() is { } items)
        {
            w.Line();
            EmitPageWalkingMethods(request, response, _types.Item(items.Type));
        }

        w.Close();
    }

    private void EmitPageWalkingMethods(string request, string response, string item)
    {
        var w = _writer;
        var api = _endpoint.Api;
        w.Line("/// <summary>");
        w.Line("/// Every item of every page of " + Literals.XmlDoc(_endpoint.Title) + ": calls <see cref=\"" + api.MethodName + "(" + request + ", global::System.Threading.CancellationToken)\"/> page after page,");
        w.Line("/// from the request's own <c>" + Literals.XmlDoc(_endpoint.Pagination!.PageTokenWireName) + "</c> (if any) until Feishu says <c>has_more: false</c>.");
        w.Line("/// </summary>");
        w.Line("/// <remarks>The request object is never changed. A page token Feishu repeats ends the walk with a <see cref=\"" + TypeNames.Runtime + "FeishuProtocolException\"/> instead of looping forever.</remarks>");
        w.Line("/// <param name=\"request\">The request; checked against the spec when this method is called, before anything is sent.</param>");
        w.Line("/// <param name=\"cancellationToken\">Cancels the walk.</param>");
        w.Line("/// <returns>The items, page by page, fetched as they are enumerated.</returns>");
        w.Line("/// <exception cref=\"" + TypeNames.Runtime + "FeishuValidationException\">The request breaks the spec; nothing was sent.</exception>");
        w.Open("public virtual global::System.Collections.Generic.IAsyncEnumerable<" + item + "> " + api.PageWalkingMethodName + "(" + request + " request, global::System.Threading.CancellationToken cancellationToken = default)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(request);");
        w.Line("return this.Connection.PaginateAsync<" + request + ", " + response + ", " + item + ">(" + request + ".FeishuEndpoint, request, null, cancellationToken);");
        w.Close();
        EmitOptionsOverload(
            "global::System.Collections.Generic.IAsyncEnumerable<" + item + ">",
            api.PageWalkingMethodName,
            request,
            "The request; checked against the spec when this method is called, before anything is sent.",
            "Per-call options for every page, e.g. the user_access_token to call with.",
            "Cancels the walk.",
            "PaginateAsync<" + request + ", " + response + ", " + item + ">");
        w.Line();
        EmitPagesMethods(request, response, item);
    }

    /// <summary>The page-at-a-time walk: each page whole, with the token to resume from.</summary>
    private void EmitPagesMethods(string request, string response, string item)
    {
        var w = _writer;
        var api = _endpoint.Api;
        var pageToken = Literals.XmlDoc(_endpoint.Pagination!.PageTokenWireName);
        var connectionMethod = "this.Connection.PagesAsync<" + request + ", " + response + ", " + item + ">";
        w.Line("/// <summary>");
        w.Line("/// Every page of " + Literals.XmlDoc(_endpoint.Title) + ", whole: its items, whether more follow, the <c>" + pageToken + "</c> of the next page and the answer it came in.");
        w.Line("/// Save a page's next-page token to resume after it later, here or in another process, by passing it as <paramref name=\"continuationToken\"/>.");
        w.Line("/// </summary>");
        w.Line("/// <remarks>The request object is never changed. A page token Feishu repeats ends the walk with a <see cref=\"" + TypeNames.Runtime + "FeishuProtocolException\"/> instead of looping forever.</remarks>");
        w.Line("/// <param name=\"request\">The request; checked against the spec when this method is called, before anything is sent.</param>");
        w.Line("/// <param name=\"continuationToken\">A next-page token saved from an earlier walk, to resume after its page; null to start at the request's own <c>" + pageToken + "</c>, if any.</param>");
        w.Line("/// <param name=\"cancellationToken\">Cancels the walk.</param>");
        w.Line("/// <returns>The pages, fetched as they are enumerated.</returns>");
        w.Line("/// <exception cref=\"" + TypeNames.Runtime + "FeishuValidationException\">The request breaks the spec; nothing was sent.</exception>");
        w.Open("public virtual global::System.Collections.Generic.IAsyncEnumerable<" + response + "> " + api.PagesMethodName + "(" + request + " request, string? continuationToken = null, global::System.Threading.CancellationToken cancellationToken = default)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(request);");
        w.Line("return " + connectionMethod + "(" + request + ".FeishuEndpoint, request, continuationToken, null, cancellationToken);");
        w.Close();
        w.Line();
        w.Line("/// <inheritdoc cref=\"" + api.PagesMethodName + "(" + request + ", string, global::System.Threading.CancellationToken)\"/>");
        w.Line("/// <param name=\"request\">The request; checked against the spec when this method is called, before anything is sent.</param>");
        w.Line("/// <param name=\"continuationToken\">A next-page token saved from an earlier walk, or null.</param>");
        w.Line("/// <param name=\"options\">Per-call options for every page, e.g. the user_access_token to call with.</param>");
        w.Line("/// <param name=\"cancellationToken\">Cancels the walk.</param>");
        w.Open("public virtual global::System.Collections.Generic.IAsyncEnumerable<" + response + "> " + api.PagesMethodName + "(" + request + " request, string? continuationToken, " + TypeNames.Runtime + "FeishuRequestOptions options, global::System.Threading.CancellationToken cancellationToken)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(request);");
        w.Line("return " + connectionMethod + "(" + request + ".FeishuEndpoint, request, continuationToken, options, cancellationToken);");
        w.Close();
    }

    /// <summary>The overload every client method has beside <c>(request, cancellationToken)</c>: one taking per-call options.</summary>
    private void EmitOptionsOverload(string returnType, string methodName, string request, string requestDoc, string optionsDoc, string cancellationDoc, string connectionMethod)
    {
        var w = _writer;
        w.Line();
        w.Line("/// <inheritdoc cref=\"" + methodName + "(" + request + ", global::System.Threading.CancellationToken)\"/>");
        w.Line("/// <param name=\"request\">" + requestDoc + "</param>");
        w.Line("/// <param name=\"options\">" + optionsDoc + "</param>");
        w.Line("/// <param name=\"cancellationToken\">" + cancellationDoc + "</param>");
        // No default for the token here: with one, CreateAsync(request, default) would match both overloads (CS0121).
        w.Open("public virtual " + returnType + " " + methodName + "(" + request + " request, " + TypeNames.Runtime + "FeishuRequestOptions options, global::System.Threading.CancellationToken cancellationToken)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(request);");
        w.Line("return this.Connection." + connectionMethod + "(" + request + ".FeishuEndpoint, request, options, cancellationToken);");
        w.Close();
    }

}
