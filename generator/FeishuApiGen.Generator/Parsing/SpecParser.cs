using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using FeishuApiGen.Generator.Diagnostics;
using FeishuApiGen.Generator.Model;
using YamlDotNet.RepresentationModel;

namespace FeishuApiGen.Generator.Parsing;

/// <summary>
/// Reads one spec file into an <see cref="EndpointModel"/> (or, for a file with <c>shared_types</c>, hands it to
/// <see cref="SharedTypesParser"/>), reporting every problem it finds with its place in the YAML. A spec with any error
/// yields no model (and so no code). Fields and types are read by <see cref="TypeReader"/>.
/// </summary>
internal sealed class SpecParser
{
    private static readonly string[] TopLevelKeys =
    {
        "spec_version", "api", "title", "description", "doc_url", "http", "rate_limit", "app_types", "access_tokens",
        "scopes", "field_scopes", "path_params", "query", "body", "response", "errors", "examples", "types", "pagination", "deprecated",
    };

    private static readonly string[] HttpMethods = { "GET", "POST", "PUT", "PATCH", "DELETE" };
    private static readonly string[] RatePeriods = { "second", "minute", "hour", "day" };
    private static readonly string[] AppTypeNames = { "custom", "store" };
    private static readonly string[] TokenNames = { "tenant", "user", "app" };
    private static readonly Regex ApiNamePart = new("^[A-Za-z][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);
    private static readonly Regex PathParameter = new(":([A-Za-z_][A-Za-z0-9_]*)", RegexOptions.CultureInvariant);

    private readonly string _path;
    private readonly string _text;
    private readonly SpecDiagnostics _diagnostics;
    private TypeReader? _types;

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
        var root = YamlDocument.Load(_text, _diagnostics);
        if (root is null)
        {
            return Result(null, null);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (root.Children.ContainsKey(new YamlScalarNode(SharedTypesParser.Key)))
        {
            return SharedTypesParser.Parse(_path, _text, root, _diagnostics);
        }

        var spec = new YamlMap(root, "spec", TopLevelKeys, _diagnostics);
        SpecVersion.Check(spec, _diagnostics);

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

        var requestTypeName = api?.RequestTypeName ?? "Request";
        var responseTypeName = api?.ResponseTypeName ?? "Response";
        var types = _types = new TypeReader(_diagnostics, _text, api?.TypeNameStem ?? string.Empty,
            new[] { requestTypeName, responseTypeName, api is null ? "Api" : api.ResourcePascal + "Api" });
        var response = spec.Mapping("response");
        var responseData = response is not null && response.Children.TryGetValue(new YamlScalarNode("data"), out var data) ? data as YamlMappingNode : null;
        types.CollectDeclarations(spec.Mapping("types"), new[] { spec.Mapping("path_params"), spec.Mapping("query"), spec.Mapping("body"), responseData });
        cancellationToken.ThrowIfCancellationRequested();

        var requestMembers = TypeReader.MemberNamesFor(requestTypeName);
        var members = new List<MemberModel>();
        members.AddRange(ReadPathParams(spec, path, requestMembers, requestTypeName));
        members.AddRange(types.ReadFields(spec.Mapping("query"), "query", MemberLocation.Query, requestMembers, requestTypeName));
        var body = spec.Mapping("body");
        if (body is not null && method == "GET")
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidValue, spec.KeyNode("body"), "body", "a GET request sends no body; move these fields to 'query'");
        }

        members.AddRange(types.ReadFields(body, "body", MemberLocation.Body, requestMembers, requestTypeName));

        var responseMembers = new List<MemberModel>();
        if (response is not null)
        {
            var responseMap = new YamlMap(response, "response", new[] { "data" }, _diagnostics);
            responseMembers.AddRange(types.ReadFields(responseMap.Mapping("data"), "response.data", MemberLocation.Response, TypeReader.MemberNamesFor(responseTypeName), responseTypeName));
        }

        var pagination = ReadPagination(spec, members, responseMembers);
        foreach (var extraKey in members.Where(m => m.IdempotencyKey).Skip(1))
        {
            // The runtime fills and keeps one key per call; two would leave which one Feishu honours to chance.
            _diagnostics.Report(DiagnosticDescriptors.InvalidValue, spec.Mapping("query") is { } query ? FieldKey(query, extraKey.WireName) : null,
                "query." + extraKey.WireName + ".idempotency_key", "only one query parameter may be the idempotency key");
        }

        types.PropagateUsage();
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
            types.BuildObjectTypes().ToEquatableArray(),
            types.EnumTypes.ToEquatableArray(),
            errors.ToEquatableArray(),
            requestExample,
            responseExample,
            pagination,
            specialRateLimit,
            deprecated,
            types.SharedReferences.ToEquatableArray());
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
                _diagnostics.Report(DiagnosticDescriptors.ValueNotAllowed, item.Value("per"), "rate_limit.per", "expected one of: " + string.Join(", ", RatePeriods));
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
                _diagnostics.Report(DiagnosticDescriptors.ValueNotAllowed, node, key, "expected any of: " + string.Join(", ", allowed));
            }
            else if (!result.Contains(value))
            {
                result.Add(value);
            }
        }

        if (required && values.Count == 0 && spec.Value(key) is { } empty)
        {
            _diagnostics.Report(DiagnosticDescriptors.ValueNotAllowed, empty, key, "list at least one of: " + string.Join(", ", allowed));
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
        // Kept without the whitespace between tokens: the response example is emitted into the user's assembly.
        return (CheckedJson(examples, "request"), CheckedJson(examples, "response") is { } response ? JsonSyntax.CompactJson(response) : null);
    }

    private string? CheckedJson(YamlMap examples, string key)
    {
        var text = examples.String(key);
        if (text is not null && JsonSyntax.FindError(text) is { } error)
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidExample, examples.Value(key), "examples." + key, "not valid JSON: " + error);
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

    private IEnumerable<MemberModel> ReadPathParams(YamlMap spec, string? path, UniqueNames names, string ownerTypeName)
    {
        var declared = spec.Mapping("path_params");
        var inPath = path is null
            ? new List<string>()
            : PathParameter.Matches(path).Cast<Match>().Select(m => m.Groups[1].Value).ToList();
        var members = _types!.ReadFields(declared, "path_params", MemberLocation.Path, names, ownerTypeName).ToList();
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

        // A shared type is checked once it is found: an enum is a single value, an object is not (SharedTypeIndex).
        foreach (var member in members.Where(m => m.Type.IsArray || (m.Type.SharedTypeName is null && m.Type.Kind is ScalarKind.Object or ScalarKind.Json)))
        {
            var memberKey = declared!.Children.Keys.OfType<YamlScalarNode>().FirstOrDefault(k => k.Value == member.WireName);
            _diagnostics.Report(DiagnosticDescriptors.ConstraintNotApplicable, (YamlNode?)memberKey ?? declared, "path_params." + member.WireName, "array or object", "a path parameter must be a single string or number");
        }

        return members;
    }

    /// <summary>
    /// An endpoint is paginated when its query has a string <c>page_token</c> and its response data has boolean
    /// <c>has_more</c>, string <c>page_token</c> and an items array: <c>pagination.items</c> when given, else the member
    /// <c>items</c>, else the only array. <c>pagination: false</c> asks for no iterator.
    /// </summary>
    private PaginationModel? ReadPagination(YamlMap spec, List<MemberModel> request, List<MemberModel> response)
    {
        const string Requirement = "pagination needs a string query parameter page_token, and in response.data a boolean has_more, a string page_token and an array of items";
        string? itemsWire = null;
        if (spec.Value("pagination") is YamlScalarNode { Value: "false" })
        {
            // The spec says the pages are walked by hand (their items are in several arrays, e.g. changed and deleted ids).
            return null;
        }

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
}
