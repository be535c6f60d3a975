using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using FeishuApiGen.Generator.Diagnostics;
using FeishuApiGen.Generator.Model;
using Microsoft.CodeAnalysis.CSharp;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace FeishuApiGen.Generator.Parsing;

/// <summary>
/// Reads one spec file into an <see cref="EndpointModel"/>, reporting every problem it finds with
/// its place in the YAML. A spec with any error yields no model (and so no code).
/// </summary>
internal sealed class SpecParser
{
    private static readonly string[] TopLevelKeys =
    {
        "spec_version", "api", "title", "description", "doc_url", "http", "rate_limit", "app_types", "access_tokens",
        "scopes", "field_scopes", "path_params", "query", "body", "response", "errors", "examples", "types", "pagination", "deprecated",
    };

    private static readonly string[] FieldKeys =
    {
        "type", "required", "description", "example", "default", "enum", "fields", "min", "max", "min_length", "max_length", "scopes",
        "min_items", "max_items", "pattern", "format", "idempotency_key", "scopes_when", "csharp_name", "deprecated",
    };

    private static readonly string[] HttpMethods = { "GET", "POST", "PUT", "PATCH", "DELETE" };
    private static readonly string[] RatePeriods = { "second", "minute", "hour", "day" };
    private static readonly string[] AppTypeNames = { "custom", "store" };
    private static readonly string[] TokenNames = { "tenant", "user", "app" };
    private static readonly string[] Formats = { "date", "datetime", "int64_string" };
    private static readonly Regex ApiNamePart = new("^[A-Za-z][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);
    private static readonly Regex PathParameter = new(":([A-Za-z_][A-Za-z0-9_]*)", RegexOptions.CultureInvariant);

    /// <summary>C# member names the generated types use themselves.</summary>
    private static readonly string[] ReservedMemberNames =
    {
        "FeishuEndpoint", "Validate", "ValidateMembers", "WriteJson", "ReadJson", "ReadData", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone",
    };

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> s_patternErrors = new(StringComparer.Ordinal);

    private readonly string _path;
    private readonly string _text;
    private readonly SpecDiagnostics _diagnostics;
    private readonly TypeNameRegistry _typeNames = new();
    private readonly Dictionary<string, YamlMappingNode> _declaredTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ObjectTypeBuilder> _objectTypes = new(StringComparer.Ordinal);
    private readonly List<ObjectTypeBuilder> _objectTypeOrder = new();
    private readonly List<EnumTypeModel> _enumTypes = new();
    private readonly Dictionary<string, string> _typeCSharpNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _typeDescriptions = new(StringComparer.Ordinal);

    private SpecParser(string path, string text)
    {
        _path = path;
        _text = text;
        _diagnostics = new SpecDiagnostics(path, text);
    }

    public static SpecParseResult Parse(string path, string text, CancellationToken cancellationToken)
    {
        var parser = new SpecParser(path, text);
        return parser.Parse(cancellationToken);
    }

    private SpecParseResult Parse(CancellationToken cancellationToken)
    {
        YamlMappingNode? root;
        var scanner = new Scanner(new StringReader(_text));
        var parser = new GuardedParser(new Parser(scanner));
        try
        {
            var stream = new YamlStream();
            stream.Load(parser);
            root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode as YamlMappingNode;
            if (stream.Documents.Count > 1)
            {
                _diagnostics.Report(DiagnosticDescriptors.InvalidValue, stream.Documents[1].RootNode, "spec", "a spec file holds one YAML document; split the others into their own files");
            }
        }
        catch (YamlException ex)
        {
            // Some YamlDotNet errors (a tab in the indentation) carry no position: the scanner's is the best there is.
            var unplaced = ex.Start.Index == 0 && ex.End.Index == 0;
            var at = unplaced ? scanner.CurrentPosition : ex.Start;
            _diagnostics.Report(DiagnosticDescriptors.YamlSyntax, at, unplaced ? scanner.CurrentPosition : ex.End, ex.Message.Replace("\r", " ").Replace("\n", " ") + DocVocabulary.FlowListTypeHint(_text, at.Line));
            return Result(null, null);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (not a YamlException) for a line at the margin inside an open { or [.
            _diagnostics.Report(DiagnosticDescriptors.YamlSyntax, scanner.CurrentPosition, scanner.CurrentPosition,
                "this line is inside a '{' or '[' opened above that is not closed; close it, or indent the line");
            return Result(null, null);
        }
        catch (ArgumentException)
        {
            // YamlDotNet's loader throws this (not a YamlException) when its parser ends a mapping halfway through an entry.
            var near = parser.Previous;
            _diagnostics.Report(DiagnosticDescriptors.YamlSyntax, near?.Start ?? scanner.CurrentPosition, near?.End ?? scanner.CurrentPosition,
                "the YAML breaks off here; look for a ':' with no key before it, or a key with no value");
            return Result(null, null);
        }

        if (root is null)
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidValue, new Mark(), new Mark(), "spec", "the file must be a YAML mapping of spec keys");
            return Result(null, null);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var spec = new YamlMap(root, "spec", TopLevelKeys, _diagnostics);

        var specVersion = spec.String("spec_version", required: true);
        if (specVersion is not null && specVersion != "1")
        {
            _diagnostics.Report(DiagnosticDescriptors.UnsupportedSpecVersion, spec.Value("spec_version"), specVersion);
        }

        var api = ReadApi(spec);
        var title = spec.String("title", required: true) ?? string.Empty;
        var description = spec.String("description");
        var docUrl = spec.String("doc_url");
        if (docUrl is not null && !Uri.TryCreate(docUrl, UriKind.Absolute, out _))
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidValue, spec.Value("doc_url"), "doc_url", "expected an absolute URL");
            docUrl = null;
        }

        var (method, path) = ReadHttp(spec);
        var (rateLimits, specialRateLimit) = ReadRateLimits(spec);
        // true, or the page's own words on what to use instead.
        var deprecated = spec.String("deprecated") is { } deprecation && deprecation != "false" ? deprecation == "true" ? "" : deprecation : null;
        var appTypes = ReadChoices(spec, "app_types", AppTypeNames, required: false);
        var accessTokens = ReadChoices(spec, "access_tokens", TokenNames, required: true);
        var scopes = ReadScopes(spec, "scopes");
        var fieldScopes = ReadScopes(spec, "field_scopes");
        var errors = ReadErrors(spec);
        var (requestExample, responseExample) = ReadExamples(spec);

        CollectDeclaredTypes(spec);
        cancellationToken.ThrowIfCancellationRequested();

        var requestTypeName = api?.RequestTypeName ?? "Request";
        var responseTypeName = api?.ResponseTypeName ?? "Response";
        _typeNames.Reserve(requestTypeName);
        _typeNames.Reserve(responseTypeName);
        if (api is not null)
        {
            _typeNames.Reserve(api.ResourcePascal + "Api");
        }

        var requestMembers = new MemberNameSet(requestTypeName);
        var members = new List<MemberModel>();
        members.AddRange(ReadPathParams(spec, path, requestMembers, requestTypeName));
        members.AddRange(ReadFields(spec.Mapping("query"), "query", MemberLocation.Query, requestMembers, requestTypeName));
        var body = spec.Mapping("body");
        if (body is not null && method == "GET")
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidValue, spec.KeyNode("body"), "body", "a GET request sends no body; move these fields to 'query'");
        }

        members.AddRange(ReadFields(body, "body", MemberLocation.Body, requestMembers, requestTypeName));

        var responseMembers = new List<MemberModel>();
        var response = spec.Mapping("response");
        if (response is not null)
        {
            var responseMap = new YamlMap(response, "response", new[] { "data" }, _diagnostics);
            responseMembers.AddRange(ReadFields(responseMap.Mapping("data"), "response.data", MemberLocation.Response, new MemberNameSet(responseTypeName), responseTypeName));
        }

        var pagination = ReadPagination(spec, members, responseMembers);
        foreach (var extraKey in members.Where(m => m.IdempotencyKey).Skip(1))
        {
            // The runtime fills and keeps one key per call; two would leave which one Feishu honours to chance.
            _diagnostics.Report(DiagnosticDescriptors.InvalidValue, spec.Mapping("query") is { } query ? FieldKey(query, extraKey.WireName) : null,
                "query." + extraKey.WireName + ".idempotency_key", "only one query parameter may be the idempotency key");
        }

        PropagateUsage();
        var apiLocation = spec.Value("api") is { } apiNode ? _diagnostics.Locate(apiNode) : null;
        if (_diagnostics.HasErrors || api is null || method is null || path is null)
        {
            return Result(null, apiLocation);
        }

        var endpoint = new EndpointModel(
            api,
            title,
            description,
            docUrl,
            method,
            path,
            rateLimits.ToEquatableArray(),
            appTypes.ToEquatableArray(),
            accessTokens.ToEquatableArray(),
            scopes.ToEquatableArray(),
            fieldScopes.ToEquatableArray(),
            members.ToEquatableArray(),
            responseMembers.ToEquatableArray(),
            TypeFingerprint.Stamp(_objectTypeOrder.Select(t => t.Build()).ToList()).ToEquatableArray(),
            _enumTypes.ToEquatableArray(),
            errors.ToEquatableArray(),
            requestExample,
            responseExample,
            pagination,
            specialRateLimit,
            deprecated);
        return Result(endpoint, apiLocation);
    }

    private static YamlNode? FieldKey(YamlMappingNode mapping, string wireName) =>
        mapping.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: { } value } && value == wireName);

    private SpecParseResult Result(EndpointModel? endpoint, LocationInfo? apiLocation) =>
        new(_path, endpoint, _diagnostics.ToEquatableArray(), apiLocation);

    private ApiIdentity? ReadApi(YamlMap spec)
    {
        var node = spec.Mapping("api", required: true);
        if (node is null)
        {
            return null;
        }

        var api = new YamlMap(node, "api", new[] { "project", "version", "resource", "name" }, _diagnostics);
        var project = ApiPart(api, "project", allowDots: false);
        var version = ApiPart(api, "version", allowDots: false);
        var resource = ApiPart(api, "resource", allowDots: true);
        var name = ApiPart(api, "name", allowDots: false);
        return project is null || version is null || resource is null || name is null ? null : new ApiIdentity(project, version, resource, name);
    }

    private string? ApiPart(YamlMap api, string key, bool allowDots)
    {
        var value = api.String(key, required: true);
        if (value is null)
        {
            return null;
        }

        var parts = allowDots ? value.Split('.') : new[] { value };
        if (parts.All(p => ApiNamePart.IsMatch(p)))
        {
            return value;
        }

        _diagnostics.Report(DiagnosticDescriptors.InvalidName, api.Value(key), value, "api " + key,
            allowDots
                ? "use letters, digits and underscores, starting with a letter, in parts separated by dots (e.g. probation.assessment)"
                : "use letters, digits and underscores, starting with a letter (e.g. corehr, v2, create)");
        return null;
    }

    private (string? Method, string? Path) ReadHttp(YamlMap spec)
    {
        var node = spec.Mapping("http", required: true);
        if (node is null)
        {
            return (null, null);
        }

        var http = new YamlMap(node, "http", new[] { "method", "path" }, _diagnostics);
        var method = http.String("method", required: true);
        if (method is not null && Array.IndexOf(HttpMethods, method.ToUpperInvariant()) < 0)
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidHttpMethod, http.Value("method"), method);
            method = null;
        }

        var path = http.String("path", required: true);
        if (path is not null && (!path.StartsWith("/open-apis/", StringComparison.Ordinal) || path.IndexOfAny(new[] { '?', '#', ' ', '\\' }) >= 0))
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidValue, http.Value("path"), "http.path", "expected a path starting with /open-apis/ with no query, fragment or spaces (path parameters as :name)");
            path = null;
        }

        return (method?.ToUpperInvariant(), path);
    }

    /// <summary>The documented windows, or <c>special</c>: 特殊频控, a limit the doc page gives no number for.</summary>
    private (List<RateLimitModel> Limits, bool Special) ReadRateLimits(YamlMap spec)
    {
        var result = new List<RateLimitModel>();
        if (spec.Value("rate_limit") is YamlScalarNode { Value: "special" })
        {
            return (result, true);
        }

        foreach (var item in Items(spec.Sequence("rate_limit"), "rate_limit", new[] { "limit", "per" }))
        {
            var limit = item.Int("limit", required: true, minimum: 1);
            var per = item.String("per", required: true);
            if (per is not null && Array.IndexOf(RatePeriods, per) < 0)
            {
                _diagnostics.Report(DiagnosticDescriptors.InvalidValue, item.Value("per"), "rate_limit.per", "expected one of: " + string.Join(", ", RatePeriods));
                per = null;
            }

            if (limit is not null && per is not null)
            {
                result.Add(new RateLimitModel(limit.Value, per));
            }
        }

        return (result, false);
    }

    private List<string> ReadChoices(YamlMap spec, string key, string[] allowed, bool required)
    {
        var result = new List<string>();
        var values = spec.Strings(key, required);
        foreach (var (value, node) in values)
        {
            if (Array.IndexOf(allowed, value) < 0)
            {
                _diagnostics.Report(DiagnosticDescriptors.InvalidValue, node, key, "expected any of: " + string.Join(", ", allowed));
            }
            else if (!result.Contains(value))
            {
                result.Add(value);
            }
        }

        if (required && values.Count == 0 && spec.Value(key) is { } empty)
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidValue, empty, key, "list at least one of: " + string.Join(", ", allowed));
        }

        return result;
    }

    private List<ScopeModel> ReadScopes(YamlMap spec, string key)
    {
        var result = new List<ScopeModel>();
        foreach (var item in Items(spec.Sequence(key), key, new[] { "name", "title" }))
        {
            var name = item.String("name", required: true);
            if (name is not null)
            {
                result.Add(new ScopeModel(name, item.String("title")));
            }
        }

        return result;
    }

    private List<ErrorModel> ReadErrors(YamlMap spec)
    {
        var result = new List<ErrorModel>();
        foreach (var item in Items(spec.Sequence("errors"), "errors", new[] { "http_status", "code", "message", "hint" }))
        {
            var status = item.Int("http_status", required: true, minimum: 100);
            var code = item.Int("code", required: true);
            var message = item.String("message", required: true);
            if (status is not null && code is not null && message is not null)
            {
                result.Add(new ErrorModel(status.Value, code.Value, message, item.String("hint")));
            }
        }

        return result;
    }

    private (string? Request, string? Response) ReadExamples(YamlMap spec)
    {
        var node = spec.Mapping("examples");
        if (node is null)
        {
            return (null, null);
        }

        var examples = new YamlMap(node, "examples", new[] { "request", "response" }, _diagnostics);
        return (CheckedJson(examples, "request"), CheckedJson(examples, "response"));
    }

    private string? CheckedJson(YamlMap examples, string key)
    {
        var text = examples.String(key);
        if (text is not null && JsonSyntax.FindError(text) is { } error)
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidValue, examples.Value(key), "examples." + key, "not valid JSON: " + error);
        }

        return text;
    }

    private IEnumerable<YamlMap> Items(YamlSequenceNode? sequence, string context, string[] knownKeys)
    {
        if (sequence is null)
        {
            yield break;
        }

        foreach (var item in sequence.Children)
        {
            if (item is YamlMappingNode mapping)
            {
                yield return new YamlMap(mapping, context, knownKeys, _diagnostics);
            }
            else
            {
                _diagnostics.Report(DiagnosticDescriptors.InvalidValue, item, context, "expected each item to be a mapping ({" + string.Join(", ", knownKeys) + "})");
            }
        }
    }

    private IEnumerable<MemberModel> ReadPathParams(YamlMap spec, string? path, MemberNameSet names, string ownerTypeName)
    {
        var declared = spec.Mapping("path_params");
        var inPath = path is null
            ? new List<string>()
            : PathParameter.Matches(path).Cast<Match>().Select(m => m.Groups[1].Value).ToList();
        var members = ReadFields(declared, "path_params", MemberLocation.Path, names, ownerTypeName).ToList();
        if (path is null)
        {
            return members;
        }

        foreach (var missing in inPath.Where(p => members.All(m => m.WireName != p)))
        {
            _diagnostics.Report(DiagnosticDescriptors.PathParameterMismatch, spec.KeyNode("path_params") ?? spec.KeyNode("http"),
                "The path uses ':" + missing + "' but 'path_params' does not declare '" + missing + "'; declare it under path_params");
        }

        if (declared is not null)
        {
            foreach (var entry in declared.Children)
            {
                if (entry.Key is YamlScalarNode { Value: { } name } && !inPath.Contains(name))
                {
                    _diagnostics.Report(DiagnosticDescriptors.PathParameterMismatch, entry.Key,
                        "'path_params' declares '" + name + "' but the path has no ':" + name + "'; add it to http.path or remove it");
                }
            }
        }

        foreach (var member in members.Where(m => m.Type.IsArray || m.Type.Kind is ScalarKind.Object or ScalarKind.Json))
        {
            var memberKey = declared!.Children.Keys.OfType<YamlScalarNode>().FirstOrDefault(k => k.Value == member.WireName);
            _diagnostics.Report(DiagnosticDescriptors.ConstraintNotApplicable, (YamlNode?)memberKey ?? declared, "path_params." + member.WireName, "array or object", "a path parameter must be a single string or number");
        }

        return members;
    }

    /// <summary>Finds every named type declaration first, so a name may be used before the place that declares it.</summary>
    private void CollectDeclaredTypes(YamlMap spec)
    {
        if (spec.Mapping("types") is { } types)
        {
            foreach (var entry in types.Children)
            {
                if (entry.Key is not YamlScalarNode { Value: { } name } || entry.Value is not YamlMappingNode declaration)
                {
                    _diagnostics.Report(DiagnosticDescriptors.InvalidValue, entry.Key, "types", "each type is `name: { fields: { ... } }`");
                    continue;
                }

                var typeMap = new YamlMap(declaration, "types." + name, new[] { "fields", "description", "csharp_name" }, _diagnostics);
                if (typeMap.Mapping("fields", required: true) is { } fields)
                {
                    Declare(name, fields, entry.Key);
                }

                if (typeMap.String("description") is { } typeDescription)
                {
                    _typeDescriptions[name] = typeDescription;
                }

                if (typeMap.String("csharp_name") is { } csharpName)
                {
                    if (Naming.IsValidIdentifier(csharpName) && SyntaxFacts.GetKeywordKind(csharpName) == SyntaxKind.None)
                    {
                        _typeCSharpNames[name] = csharpName;
                    }
                    else
                    {
                        _diagnostics.Report(DiagnosticDescriptors.InvalidName, typeMap.Value("csharp_name"), csharpName, "types." + name + ".csharp_name", "use letters, digits and underscores, starting with a letter, and not a C# keyword");
                    }
                }
            }
        }

        foreach (var section in new[] { "path_params", "query", "body" })
        {
            ScanInlineDeclarations(spec.Mapping(section));
        }

        if (spec.Mapping("response") is { } response && response.Children.TryGetValue(new YamlScalarNode("data"), out var data) && data is YamlMappingNode dataFields)
        {
            ScanInlineDeclarations(dataFields);
        }
    }

    private void ScanInlineDeclarations(YamlMappingNode? fields)
    {
        if (fields is null)
        {
            return;
        }

        foreach (var entry in fields.Children)
        {
            if (entry.Value is not YamlMappingNode field)
            {
                continue;
            }

            var typeNode = field.Children.TryGetValue(new YamlScalarNode("type"), out var t) ? t as YamlScalarNode : null;
            var nested = field.Children.TryGetValue(new YamlScalarNode("fields"), out var f) ? f as YamlMappingNode : null;
            if (nested is null)
            {
                continue;
            }

            var typeName = typeNode?.Value is { } declared ? StripArray(declared).Name : null;
            if (typeName is not null && !IsBuiltIn(typeName))
            {
                Declare(typeName, nested, typeNode!);
            }

            ScanInlineDeclarations(nested);
        }
    }

    private void Declare(string name, YamlMappingNode fields, YamlNode at)
    {
        if (_declaredTypes.TryGetValue(name, out var earlier))
        {
            if (Canonical(earlier) != Canonical(fields))
            {
                _diagnostics.Report(DiagnosticDescriptors.ConflictingType, at, name);
            }

            return;
        }

        _declaredTypes[name] = fields;
    }

    private IEnumerable<MemberModel> ReadFields(YamlMappingNode? fields, string context, MemberLocation location, MemberNameSet names, string ownerTypeName)
    {
        if (fields is null)
        {
            yield break;
        }

        foreach (var entry in fields.Children)
        {
            if (entry.Key is not YamlScalarNode { Value: { Length: > 0 } wireName })
            {
                _diagnostics.Report(DiagnosticDescriptors.InvalidName, entry.Key, "(empty)", "field name", "a field needs its wire name as the key");
                continue;
            }

            if (entry.Value is not YamlMappingNode fieldNode)
            {
                _diagnostics.Report(DiagnosticDescriptors.InvalidValue, entry.Value, context + "." + wireName, "expected a field mapping such as { type: string, required: true }");
                continue;
            }

            var member = ReadField(wireName, entry.Key, fieldNode, context + "." + wireName, location, names, ownerTypeName);
            if (member is not null)
            {
                yield return member;
            }
        }
    }

    private MemberModel? ReadField(string wireName, YamlNode keyNode, YamlMappingNode node, string context, MemberLocation location, MemberNameSet names, string ownerTypeName)
    {
        var field = new YamlMap(node, context, FieldKeys, _diagnostics);
        var typeText = field.String("type", required: true);
        var description = field.String("description");
        var csharpNameOverride = field.String("csharp_name");
        if (csharpNameOverride is not null && !Naming.IsValidIdentifier(csharpNameOverride))
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidName, field.Value("csharp_name"), csharpNameOverride, "C# identifier", "use letters, digits and underscores, not starting with a digit");
            csharpNameOverride = null;
        }

        var csharpName = names.Claim(csharpNameOverride ?? Naming.Pascal(wireName));
        if (typeText is null)
        {
            return null;
        }

        var (baseName, isArray) = StripArray(typeText.Trim());
        var nestedFields = field.Mapping("fields");
        var enumNode = field.Value("enum");
        var kind = baseName switch
        {
            "string" => ScalarKind.String,
            "int" => ScalarKind.Int,
            "int64" => ScalarKind.Int64,
            "float" => ScalarKind.Float,
            "boolean" => ScalarKind.Boolean,
            "object" => nestedFields is null ? ScalarKind.Json : ScalarKind.Object,
            _ => ScalarKind.Object,
        };

        string? objectTypeName = null;
        if (kind == ScalarKind.Object)
        {
            if (baseName == "object")
            {
                objectTypeName = DeclareAnonymous(wireName, isArray, ownerTypeName, nestedFields!, location);
            }
            else if (!ApiNamePart.IsMatch(baseName))
            {
                _diagnostics.Report(DiagnosticDescriptors.UnknownType, field.Value("type"), typeText, DocVocabulary.TypeHint(baseName));
                return null;
            }
            else if (!_declaredTypes.ContainsKey(baseName))
            {
                _diagnostics.Report(DiagnosticDescriptors.UnknownType, field.Value("type"), typeText, DocVocabulary.TypeHint(baseName));
                return null;
            }
            else
            {
                objectTypeName = ResolveNamedType(baseName, location);
            }
        }
        else if (nestedFields is not null)
        {
            _diagnostics.Report(DiagnosticDescriptors.ConstraintNotApplicable, field.KeyNode("fields"), "fields", typeText, "only object types have fields; use `type: object` or a type name");
        }

        var constraints = ReadConstraints(field, kind, isArray, typeText);
        string? enumTypeName = null;
        var enumValues = EquatableArray<string>.Empty;
        if (enumNode is not null)
        {
            if (kind is ScalarKind.Int or ScalarKind.Int64)
            {
                enumValues = ReadIntegerEnum(kind, enumNode, context);
            }
            else if (kind != ScalarKind.String)
            {
                _diagnostics.Report(DiagnosticDescriptors.ConstraintNotApplicable, field.KeyNode("enum"), "enum", typeText, "enum applies to string, int and int64 fields (or lists of them)");
            }
            else
            {
                (enumTypeName, enumValues) = ReadEnum(wireName, ownerTypeName, enumNode, context);
            }
        }

        var defaultValue = ScalarOrSource(field.Value("default"));
        if (defaultValue is not null && !isArray)
        {
            CheckDefault(field, kind, enumValues, constraints, defaultValue);
        }

        var scopesWhen = ReadScopesWhen(field, context, enumNode);
        var idempotencyKey = field.Bool("idempotency_key");
        if (idempotencyKey && (kind != ScalarKind.String || isArray || location != MemberLocation.Query))
        {
            _diagnostics.Report(DiagnosticDescriptors.ConstraintNotApplicable, field.KeyNode("idempotency_key"), "idempotency_key", typeText, "it marks a string query parameter such as client_token");
        }

        if (location == MemberLocation.Query && (kind is ScalarKind.Object or ScalarKind.Json))
        {
            _diagnostics.Report(DiagnosticDescriptors.ConstraintNotApplicable, keyNode, "query." + wireName, typeText, "query parameters are single values or lists of single values");
        }

        return new MemberModel(
            wireName,
            csharpName,
            location,
            new TypeRef(kind, isArray, objectTypeName, enumTypeName, enumValues),
            // Path parameters are part of the URL: they can never be left out.
            location == MemberLocation.Path || field.Bool("required"),
            description,
            ScalarOrSource(field.Value("example")),
            defaultValue,
            constraints,
            idempotencyKey,
            field.Bool("deprecated"),
            scopesWhen.ToEquatableArray(),
            field.Strings("scopes").Select(s => s.Value).ToEquatableArray());
    }

    private ConstraintsModel ReadConstraints(YamlMap field, ScalarKind kind, bool isArray, string typeText)
    {
        var numeric = kind is ScalarKind.Int or ScalarKind.Int64 or ScalarKind.Float;
        var text = kind == ScalarKind.String;
        var min = Applicable(field, "min", numeric, typeText, "min and max apply to int, int64 and float") ? field.Double("min") : null;
        var max = Applicable(field, "max", numeric, typeText, "min and max apply to int, int64 and float") ? field.Double("max") : null;
        var minLength = Applicable(field, "min_length", text, typeText, "min_length and max_length apply to strings") ? field.Int("min_length", minimum: 0) : null;
        var maxLength = Applicable(field, "max_length", text, typeText, "min_length and max_length apply to strings") ? field.Int("max_length", minimum: 0) : null;
        var minItems = Applicable(field, "min_items", isArray, typeText, "min_items and max_items apply to arrays (type ending in [])") ? field.Int("min_items", minimum: 0) : null;
        var maxItems = Applicable(field, "max_items", isArray, typeText, "min_items and max_items apply to arrays (type ending in [])") ? field.Int("max_items", minimum: 0) : null;
        var pattern = Applicable(field, "pattern", text, typeText, "pattern applies to strings") ? field.String("pattern") : null;
        var format = Applicable(field, "format", text, typeText, "format applies to strings") ? field.String("format") : null;

        if (pattern is not null && PatternError(pattern) is { } patternError)
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidPattern, field.Value("pattern"), patternError);
            pattern = null;
        }

        if (format is not null && Array.IndexOf(Formats, format) < 0)
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidValue, field.Value("format"), field.Context + ".format", "expected one of: " + string.Join(", ", Formats));
            format = null;
        }

        if (min > max)
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidValue, field.Value("min"), field.Context + ".min", "min is greater than max");
        }

        if (minLength > maxLength)
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidValue, field.Value("min_length"), field.Context + ".min_length", "min_length is greater than max_length");
        }

        if (minItems > maxItems)
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidValue, field.Value("min_items"), field.Context + ".min_items", "min_items is greater than max_items");
        }

        return new ConstraintsModel(min, max, minLength, maxLength, minItems, maxItems, pattern, format);
    }

    /// <summary>
    /// A default must be a value the field accepts: query defaults are sent when the caller leaves the member unset,
    /// and a default Feishu would refuse is a spec error, not a runtime surprise.
    /// </summary>
    private void CheckDefault(YamlMap field, ScalarKind kind, EquatableArray<string> enumValues, ConstraintsModel constraints, string value)
    {
        string? problem = null;
        double? number = null;
        switch (kind)
        {
            case ScalarKind.Int or ScalarKind.Int64 when !enumValues.IsEmpty && !enumValues.Contains(value):
                problem = "'" + value + "' is not one of the field's enum values: " + string.Join(", ", enumValues);
                break;
            case ScalarKind.Int when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i):
                number = i;
                break;
            case ScalarKind.Int:
                problem = "expected a 32-bit integer";
                break;
            case ScalarKind.Int64 when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l):
                number = l;
                break;
            case ScalarKind.Int64:
                problem = "expected a 64-bit integer";
                break;
            case ScalarKind.Float when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !double.IsInfinity(d):
                number = d;
                break;
            case ScalarKind.Float:
                problem = "expected a number";
                break;
            case ScalarKind.Boolean when value is not ("true" or "false"):
                problem = "expected true or false";
                break;
            case ScalarKind.String when !enumValues.IsEmpty && !enumValues.Contains(value):
                problem = "'" + value + "' is not one of the field's enum values: " + string.Join(", ", enumValues);
                break;
            case ScalarKind.String when constraints.MinLength is { } minLength && value.Length < minLength:
                problem = "shorter than min_length";
                break;
            case ScalarKind.String when constraints.MaxLength is { } maxLength && value.Length > maxLength:
                problem = "longer than max_length";
                break;
        }

        if (number < constraints.Min || number > constraints.Max)
        {
            problem = "outside min..max";
        }

        if (problem is not null)
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidValue, field.Value("default"), field.Context + ".default", problem);
        }
    }

    /// <summary>
    /// An endpoint is paginated when its query has a string <c>page_token</c> and its response data has boolean
    /// <c>has_more</c>, string <c>page_token</c> and an items array: <c>pagination.items</c> when given, else the member
    /// <c>items</c>, else the only array.
    /// </summary>
    private PaginationModel? ReadPagination(YamlMap spec, List<MemberModel> request, List<MemberModel> response)
    {
        const string Requirement = "pagination needs a string query parameter page_token, and in response.data a boolean has_more, a string page_token and an array of items";
        string? itemsWire = null;
        var node = spec.Mapping("pagination");
        YamlMap? declared = null;
        if (node is not null)
        {
            declared = new YamlMap(node, "pagination", new[] { "items" }, _diagnostics);
            itemsWire = declared.String("items", required: true);
        }

        var pageToken = request.FirstOrDefault(m => m.Location == MemberLocation.Query && m.WireName == "page_token" && m.Type is { Kind: ScalarKind.String, IsArray: false });
        var hasMore = response.Any(m => m.WireName == "has_more" && m.Type is { Kind: ScalarKind.Boolean, IsArray: false });
        var nextToken = response.Any(m => m.WireName == "page_token" && m.Type is { Kind: ScalarKind.String, IsArray: false });
        var arrays = response.Where(m => m.Type.IsArray).ToList();
        if (pageToken is null || !hasMore || !nextToken || arrays.Count == 0)
        {
            if (node is not null)
            {
                _diagnostics.Report(DiagnosticDescriptors.InvalidValue, spec.KeyNode("pagination"), "pagination", Requirement);
            }

            return null;
        }

        MemberModel? items;
        if (itemsWire is not null)
        {
            items = arrays.FirstOrDefault(m => m.WireName == itemsWire);
            if (items is null)
            {
                _diagnostics.Report(DiagnosticDescriptors.InvalidValue, declared!.Value("items"), "pagination.items",
                    "'" + itemsWire + "' is not an array in response.data; expected one of: " + string.Join(", ", arrays.Select(a => a.WireName)));
                return null;
            }
        }
        else
        {
            items = arrays.Count == 1 ? arrays[0] : arrays.FirstOrDefault(m => m.WireName == "items");
            if (items is null)
            {
                if (node is null)
                {
                    _diagnostics.Report(DiagnosticDescriptors.AmbiguousPageItems, spec.KeyNode("response"), string.Join(", ", arrays.Select(a => a.WireName)));
                }

                return null;
            }
        }

        return new PaginationModel(pageToken.WireName, items.WireName);
    }

    /// <summary>
    /// Why <paramref name="pattern"/> is not a .NET regular expression, or null. Remembered across runs: building a
    /// Regex costs more than the rest of a spec's parse, and the IDE re-parses specs on every edit.
    /// </summary>
    private static string? PatternError(string pattern)
    {
        if (s_patternErrors.TryGetValue(pattern, out var known))
        {
            return known;
        }

        string? error = null;
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            error = ex.Message.Replace("\r", " ").Replace("\n", " ");
        }

        if (s_patternErrors.Count > 4096)
        {
            s_patternErrors.Clear();
        }

        s_patternErrors[pattern] = error;
        return error;
    }

    private bool Applicable(YamlMap field, string key, bool applies, string typeText, string hint)
    {
        if (field.Value(key) is null)
        {
            return false;
        }

        if (!applies)
        {
            _diagnostics.Report(DiagnosticDescriptors.ConstraintNotApplicable, field.KeyNode(key), key, typeText, hint);
        }

        return applies;
    }

    /// <summary>
    /// Reads an integer field's enum (Feishu's 可选值有 on an <c>int</c>, e.g. <c>{1: 全量, 2: 增量}</c>): the values the
    /// field accepts, checked before sending. No C# enum type is made: the member stays a number.
    /// </summary>
    private EquatableArray<string> ReadIntegerEnum(ScalarKind kind, YamlNode enumNode, string context)
    {
        var values = new List<string>();
        var nodes = enumNode switch
        {
            YamlMappingNode mapping => mapping.Children.Select(entry => entry.Key),
            YamlSequenceNode sequence => sequence.Children,
            _ => null,
        };
        if (nodes is null)
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidValue, enumNode, context + ".enum", "expected a mapping of value: description, or a list of values");
            return EquatableArray<string>.Empty;
        }

        foreach (var node in nodes)
        {
            var text = (node as YamlScalarNode)?.Value;
            var valid = kind == ScalarKind.Int
                ? int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
            if (!valid)
            {
                _diagnostics.Report(DiagnosticDescriptors.InvalidValue, node, context + ".enum", "'" + text + "' is not " + (kind == ScalarKind.Int ? "a 32-bit integer" : "a 64-bit integer"));
            }
            else if (values.Contains(text!))
            {
                _diagnostics.Report(DiagnosticDescriptors.InvalidValue, node, context + ".enum", "'" + text + "' is listed twice");
            }
            else
            {
                values.Add(text!);
            }
        }

        if (!nodes.Any())
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidValue, enumNode, context + ".enum", "list at least one value");
        }

        return values.ToEquatableArray();
    }

    /// <summary>Reads a field's enum; returns the enum type's name and the values this field accepts.</summary>
    private (string TypeName, EquatableArray<string> FieldValues) ReadEnum(string wireName, string ownerTypeName, YamlNode enumNode, string context)
    {
        var values = new List<EnumValueModel>();
        var memberNames = new MemberNameSet(Naming.Pascal(wireName), "Value", "IsKnown", "AllowedValues", ownerTypeName + Naming.Pascal(wireName));
        void Add(string value, string? description, YamlNode at)
        {
            if (values.Any(v => v.WireValue == value))
            {
                _diagnostics.Report(DiagnosticDescriptors.InvalidValue, at, context + ".enum", "'" + value + "' is listed twice");
                return;
            }

            values.Add(new EnumValueModel(value, memberNames.Claim(Naming.Pascal(value)), description));
        }

        switch (enumNode)
        {
            case YamlMappingNode mapping:
                foreach (var entry in mapping.Children)
                {
                    if (entry.Key is YamlScalarNode { Value: { } value })
                    {
                        Add(value, ScalarOrSource(entry.Value), entry.Key);
                    }
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                {
                    if (item is YamlScalarNode { Value: { } value })
                    {
                        Add(value, null, item);
                    }
                }

                break;
            default:
                _diagnostics.Report(DiagnosticDescriptors.InvalidValue, enumNode, context + ".enum", "expected a mapping of value: description, or a list of values");
                break;
        }

        if (values.Count == 0)
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidValue, enumNode, context + ".enum", "list at least one value");
        }

        var fieldValues = values.Select(v => v.WireValue).ToEquatableArray();

        // Enums of one name are one type within a spec, as they are across specs: the values are unioned, and each
        // field still accepts only its own (TypeRef.EnumValues). Otherwise the same enum listed in another order would
        // get a second, prefixed type and stop the object types holding it from being shared across specs.
        var plain = Naming.TypeName(wireName);
        var index = _enumTypes.FindIndex(e => e.CSharpName == plain || e.CSharpName == ownerTypeName + plain);
        if (index >= 0)
        {
            var merged = _enumTypes[index].Values.ToList();
            var taken = new HashSet<string>(merged.Select(v => v.CSharpName), StringComparer.Ordinal) { _enumTypes[index].CSharpName, "Value", "IsKnown", "AllowedValues" };
            foreach (var value in values.Where(v => merged.All(m => m.WireValue != v.WireValue)))
            {
                var memberName = value.CSharpName;
                for (var i = 2; !taken.Add(memberName); i++)
                {
                    memberName = value.CSharpName + i.ToString(CultureInfo.InvariantCulture);
                }

                merged.Add(value with { CSharpName = memberName });
            }

            _enumTypes[index] = _enumTypes[index] with { Values = merged.ToEquatableArray() };
            return (_enumTypes[index].CSharpName, fieldValues);
        }

        var name = _typeNames.Claim(plain, ownerTypeName);
        _enumTypes.Add(new EnumTypeModel(name, values.ToEquatableArray()));
        return (name, fieldValues);
    }

    private List<ScopesWhenModel> ReadScopesWhen(YamlMap field, string context, YamlNode? enumNode)
    {
        var result = new List<ScopesWhenModel>();
        var node = field.Mapping("scopes_when");
        if (node is null)
        {
            return result;
        }

        foreach (var entry in node.Children)
        {
            if (entry.Key is not YamlScalarNode { Value: { } value })
            {
                continue;
            }

            var enumValues = enumNode switch
            {
                YamlMappingNode mapping => mapping.Children.Keys,
                YamlSequenceNode sequence => sequence.Children,
                _ => null,
            };
            if (enumValues is not null && !enumValues.OfType<YamlScalarNode>().Any(v => v.Value == value))
            {
                _diagnostics.Report(DiagnosticDescriptors.InvalidValue, entry.Key, context + ".scopes_when", "'" + value + "' is not one of the field's enum values");
            }

            var scopes = new List<string>();
            switch (entry.Value)
            {
                case YamlScalarNode { Value: { } single }:
                    scopes.Add(single);
                    break;
                case YamlSequenceNode sequence:
                    scopes.AddRange(sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty).Where(s => s.Length > 0));
                    break;
                default:
                    _diagnostics.Report(DiagnosticDescriptors.InvalidValue, entry.Value, context + ".scopes_when", "expected a list of scope names");
                    break;
            }

            result.Add(new ScopesWhenModel(value, scopes.ToEquatableArray()));
        }

        return result;
    }

    private string DeclareAnonymous(string wireName, bool isArray, string ownerTypeName, YamlMappingNode fields, MemberLocation location)
    {
        var preferred = isArray ? Naming.Pascal(wireName) + "Item" : Naming.TypeName(wireName);
        var key = "object:" + Canonical(fields);
        if (_objectTypes.TryGetValue(key, out var same))
        {
            same.MarkUsed(location);
            return same.CSharpName;
        }

        var builder = new ObjectTypeBuilder(wireName, _typeNames.Claim(preferred, ownerTypeName), null);
        _objectTypes[key] = builder;
        _objectTypeOrder.Add(builder);
        builder.MarkUsed(location);
        builder.SetMembers(ReadFields(fields, builder.CSharpName, location, new MemberNameSet(builder.CSharpName), builder.CSharpName).ToList());
        return builder.CSharpName;
    }

    private string ResolveNamedType(string name, MemberLocation location)
    {
        if (_objectTypes.TryGetValue(name, out var existing))
        {
            // Already built, or being built further up (a type that contains itself).
            existing.MarkUsed(location);
            return existing.CSharpName;
        }

        var preferred = _typeCSharpNames.TryGetValue(name, out var chosen) ? chosen : Naming.TypeName(name);
        var builder = new ObjectTypeBuilder(name, _typeNames.Claim(preferred, null), _typeDescriptions.TryGetValue(name, out var typeDescription) ? typeDescription : null);
        _objectTypes[name] = builder;
        _objectTypeOrder.Add(builder);
        builder.MarkUsed(location);
        builder.SetMembers(ReadFields(_declaredTypes[name], name, location, new MemberNameSet(builder.CSharpName), builder.CSharpName).ToList());
        return builder.CSharpName;
    }

    /// <summary>A type reachable from the request (or the response) through another type is used there too.</summary>
    private void PropagateUsage()
    {
        var byName = _objectTypeOrder.ToDictionary(t => t.CSharpName, StringComparer.Ordinal);
        bool changed;
        do
        {
            changed = false;
            foreach (var type in _objectTypeOrder)
            {
                foreach (var nested in type.NestedTypeNames)
                {
                    if (byName.TryGetValue(nested, out var target))
                    {
                        changed |= target.TakeUsageFrom(type);
                    }
                }
            }
        }
        while (changed);
    }

    private static bool IsBuiltIn(string name) => name is "string" or "int" or "int64" or "float" or "boolean" or "object";

    private static (string Name, bool IsArray) StripArray(string type) =>
        type.EndsWith("[]", StringComparison.Ordinal) ? (type.Substring(0, type.Length - 2).Trim(), true) : (type, false);

    private string? ScalarOrSource(YamlNode? node) => node switch
    {
        null => null,
        YamlScalarNode scalar => scalar.Value,
        _ => _text.Substring(Clamp(node.Start.Index), Math.Max(0, Clamp(node.End.Index) - Clamp(node.Start.Index))).Trim(),
    };

    private int Clamp(long index) => (int)Math.Max(0, Math.Min(index, _text.Length));

    /// <summary>A structural fingerprint of a YAML subtree, to tell identical declarations from conflicting ones.</summary>
    private static string Canonical(YamlNode node) => node switch
    {
        YamlScalarNode scalar => "s:" + scalar.Value,
        YamlSequenceNode sequence => "[" + string.Join(",", sequence.Children.Select(Canonical)) + "]",
        YamlMappingNode mapping => "{" + string.Join(",", mapping.Children.Select(e => Canonical(e.Key) + "=" + Canonical(e.Value))) + "}",
        _ => "?",
    };

    /// <summary>Hands out type names unique within one spec.</summary>
    private sealed class TypeNameRegistry
    {
        private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

        public void Reserve(string name) => _taken.Add(name);

        /// <summary>The preferred name, else the owner-qualified one, else a numbered one.</summary>
        public string Claim(string preferred, string? ownerTypeName)
        {
            if (_taken.Add(preferred))
            {
                return preferred;
            }

            if (ownerTypeName is not null && _taken.Add(ownerTypeName + preferred))
            {
                return ownerTypeName + preferred;
            }

            for (var i = 2; ; i++)
            {
                var candidate = preferred + i.ToString(CultureInfo.InvariantCulture);
                if (_taken.Add(candidate))
                {
                    return candidate;
                }
            }
        }
    }

    /// <summary>Member names unique within one C# type, avoiding the type's own name and our reserved members.</summary>
    private sealed class MemberNameSet
    {
        private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

        public MemberNameSet(string? typeName, params string[] reserved)
        {
            if (typeName is not null)
            {
                _taken.Add(typeName);
            }

            foreach (var name in ReservedMemberNames.Concat(reserved))
            {
                _taken.Add(name);
            }
        }

        public string Claim(string preferred)
        {
            if (_taken.Add(preferred))
            {
                return preferred;
            }

            if (_taken.Add(preferred + "Value"))
            {
                return preferred + "Value";
            }

            for (var i = 2; ; i++)
            {
                var candidate = preferred + i.ToString(CultureInfo.InvariantCulture);
                if (_taken.Add(candidate))
                {
                    return candidate;
                }
            }
        }
    }

    private sealed class ObjectTypeBuilder
    {
        private readonly string _wireName;
        private List<MemberModel> _members = new();
        private bool _usedInRequest;
        private bool _usedInResponse;

        private readonly string? _description;

        public ObjectTypeBuilder(string wireName, string csharpName, string? description)
        {
            _wireName = wireName;
            CSharpName = csharpName;
            _description = description;
        }

        public string CSharpName { get; }

        public void SetMembers(List<MemberModel> members) => _members = members;

        public void MarkUsed(MemberLocation location)
        {
            if (location == MemberLocation.Response)
            {
                _usedInResponse = true;
            }
            else
            {
                _usedInRequest = true;
            }
        }

        public IEnumerable<string> NestedTypeNames => _members.Select(m => m.Type.ObjectTypeName).Where(n => n is not null)!;

        /// <summary>Adds the other type's usage to this one; true when that changed anything.</summary>
        public bool TakeUsageFrom(ObjectTypeBuilder other)
        {
            var before = (_usedInRequest, _usedInResponse);
            _usedInRequest |= other._usedInRequest;
            _usedInResponse |= other._usedInResponse;
            return before != (_usedInRequest, _usedInResponse);
        }

        public ObjectTypeModel Build() => new(_wireName, CSharpName, _members.ToEquatableArray(), _usedInRequest, _usedInResponse, Description: _description);
    }
}
