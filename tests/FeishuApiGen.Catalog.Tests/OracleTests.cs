using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FeishuApiGen.Testing;

namespace FeishuApiGen.Catalog.Tests;

/// <summary>
/// The doc is the test oracle, for every endpoint of the catalogue. This project compiling at all (warnings are errors)
/// proves every spec generates and compiles; then, per endpoint: the page's request example, read into the typed
/// request, passes validation and writes back the same JSON; the page's response example, served by the loopback
/// stand-in, comes back typed with every member in a typed member; and the one call made checks method, path, query
/// and body on the wire.
/// </summary>
public sealed class OracleTests(LoopbackFeishu feishu) : IClassFixture<LoopbackFeishu>
{
    private const string UserAccessToken = "u-oracle-user-token";

    public static TheoryData<string> Endpoints() => new(CatalogueSpec.All.Select(spec => spec.ApiId));

    /// <summary>The endpoints whose page has a request example (a GET, or a page without one, has none).</summary>
    public static TheoryData<string> EndpointsWithRequestExamples() => new(CatalogueSpec.All.Where(spec => spec.RequestExample is not null).Select(spec => spec.ApiId));

    [Fact]
    public void Every_catalogue_spec_generated_a_request_type_here()
    {
        Assert.True(CatalogueSpec.All.Count >= 290, $"the catalogue holds {CatalogueSpec.All.Count} endpoints");
        var missing = CatalogueSpec.All.Where(spec => !GeneratedEndpoints.Requests.ContainsKey(spec.ApiId)).Select(spec => spec.ApiId).ToList();
        Assert.True(missing.Count == 0, "no generated request type for: " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(EndpointsWithRequestExamples))]
    public void The_request_example_reads_into_the_typed_request_passes_validation_and_writes_back_the_same_json(string apiId)
    {
        var spec = CatalogueSpec.All.Single(s => s.ApiId == apiId);
        Assert.NotNull(spec.RequestExample);
        var problems = new List<string>();
        var request = BuildRequest(spec, problems);
        Assert.True(problems.Count == 0, $"{apiId}: the request example does not fit the typed request:\n" + string.Join("\n", problems));

        var errors = ((dynamic)request).Validate() as IReadOnlyList<FeishuValidationError>;
        Assert.True(errors is { Count: 0 }, $"{apiId}: the doc's request example fails validation:\n" + string.Join("\n", errors!.Select(e => e.Path + ": " + e.Message)));

        var written = WriteBody((IFeishuRequest)request);
        Assert.True(
            TypedJson.Equivalent(JsonNode.Parse(spec.RequestExample!), JsonNode.Parse(written)),
            $"{apiId}: the typed request writes other JSON than the doc's example.\n doc:  {JsonNode.Parse(spec.RequestExample)!.ToJsonString()}\n ours: {written}");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task One_call_sends_the_documented_method_path_query_and_body_and_reads_the_documented_answer_typed(string apiId)
    {
        var spec = CatalogueSpec.All.Single(s => s.ApiId == apiId);
        var requestType = GeneratedEndpoints.Requests[apiId];
        var endpoint = GeneratedEndpoints.EndpointOf(requestType);
        var responseType = GeneratedEndpoints.ResponseOf(requestType);

        var problems = new List<string>();
        var request = BuildRequest(spec, problems);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // Every endpoint is called: one whose required members the page gives no example for would need one first.
        var errors = (IReadOnlyList<FeishuValidationError>)((dynamic)request).Validate();
        Assert.True(errors.Count == 0, $"{apiId}: the page's examples make no valid request:\n" + string.Join("\n", errors.Select(e => e.Path + ": " + e.Message)));

        var answer = spec.ResponseExample is { } example && JsonNode.Parse(example) is JsonObject envelope && (int?)envelope["code"] == 0
            ? example
            : """{"code": 0, "msg": "success", "data": {}}""";
        var path = ExpectedPath(spec);
        feishu.Server.Map(spec.Method, path, _ => FakeAnswer.Json(200, answer, logId: "oracle-" + apiId));
        feishu.Server.ClearRequests();

        var send = typeof(FeishuConnection).GetMethods()
            .Single(m => m.Name == nameof(FeishuConnection.SendAsync) && m.GetParameters().Length == 4)
            .MakeGenericMethod(requestType, responseType);
        var options = spec.AccessTokens.SequenceEqual(["user"]) ? new FeishuRequestOptions { UserAccessToken = UserAccessToken } : null;
        var task = (Task)send.Invoke(feishu.Connection, [endpoint, request, options, CancellationToken.None])!;
        await task;
        var response = task.GetType().GetProperty("Result")!.GetValue(task);

        var sent = Assert.Single(feishu.Server.ApiRequests);
        Assert.Equal(spec.Method, sent.Method);
        Assert.Equal(path, sent.Path);
        foreach (var parameter in spec.Query.Where(p => p.Example is not null))
        {
            Assert.Equal(ExpectedQueryValues(parameter), sent.Query(parameter.Name));
        }

        if (spec.RequestExample is { } body)
        {
            Assert.True(TypedJson.Equivalent(JsonNode.Parse(body), JsonNode.Parse(sent.Body)), $"{apiId}: body on the wire differs from the doc's.\n doc:  {body}\n wire: {sent.Body}");
        }

        var data = JsonNode.Parse(answer)!["data"];
        var dropped = new List<string>();
        TypedJson.Compare(data, response, responseType, "data", dropped);
        Assert.True(dropped.Count == 0, $"{apiId}: the doc's response example does not come back typed:\n" + string.Join("\n", dropped));
    }

    /// <summary>The typed request: body from the page's request example, path and query parameters from their documented examples.</summary>
    private static object BuildRequest(CatalogueSpec spec, List<string> problems)
    {
        var type = GeneratedEndpoints.Requests[spec.ApiId];
        var request = Activator.CreateInstance(type)!;
        if (spec.RequestExample is { } example)
        {
            TypedJson.Fill(request, (JsonObject)JsonNode.Parse(example)!, WireNames.Of(type), "body", problems);
        }

        foreach (var (kind, parameters) in new[] { ("path", spec.PathParams), ("query", spec.Query) })
        {
            var members = WireNames.Of(type, kind);
            foreach (var parameter in parameters.Where(p => p.Example is not null || p.Required))
            {
                if (!members.TryGetValue(parameter.Name, out var property))
                {
                    problems.Add($"{kind}.{parameter.Name}: no typed member takes it");
                    continue;
                }

                property.SetValue(request, TypedJson.Build(ParameterNode(parameter, property.PropertyType), property.PropertyType, $"{kind}.{parameter.Name}", problems));
            }
        }

        return request;
    }

    /// <summary>A parameter's documented value as the JSON its property reads; a required one the page gives no value gets a stand-in.</summary>
    private static JsonNode ParameterNode(CatalogueSpec.Parameter parameter, Type propertyType)
    {
        var text = parameter.Example ?? "1";
        var target = Nullable.GetUnderlyingType(propertyType) ?? propertyType;
        if (TypedJson.ListItemType(target) is { } item)
        {
            return new JsonArray(ParameterNode(parameter with { Example = text.Split(',')[0].Trim() }, item));
        }

        return target == typeof(int) || target == typeof(long) || target == typeof(double) || target == typeof(bool)
            ? JsonNode.Parse(text)!
            : JsonValue.Create(text);
    }

    private static string ExpectedPath(CatalogueSpec spec)
    {
        var path = new StringBuilder();
        foreach (var segment in spec.PathTemplate.Split('/'))
        {
            if (path.Length > 0 || segment.Length > 0)
            {
                path.Append('/');
            }

            path.Append(segment.StartsWith(':')
                ? Uri.EscapeDataString(spec.PathParams.Single(p => p.Name == segment[1..]).Example ?? "1")
                : segment);
        }

        return path.ToString();
    }

    private static string[] ExpectedQueryValues(CatalogueSpec.Parameter parameter) =>
        parameter.Type.EndsWith("[]", StringComparison.Ordinal) ? [parameter.Example!.Split(',')[0].Trim()] : [parameter.Example!];

    private static string WriteBody(IFeishuRequest request)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            request.WriteBody(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

/// <summary>The generated endpoints of this assembly, by api id.</summary>
internal static class GeneratedEndpoints
{
    public static IReadOnlyDictionary<string, Type> Requests { get; } = typeof(GeneratedEndpoints).Assembly.GetTypes()
        .Where(t => typeof(IFeishuRequest).IsAssignableFrom(t) && t.GetProperty("FeishuEndpoint", BindingFlags.Public | BindingFlags.Static) is not null)
        .ToDictionary(t => EndpointOf(t).Id, StringComparer.Ordinal);

    public static FeishuEndpoint EndpointOf(Type requestType) =>
        (FeishuEndpoint)requestType.GetProperty("FeishuEndpoint", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    public static Type ResponseOf(Type requestType) =>
        requestType.Assembly.GetType(requestType.FullName![..^"Request".Length] + "Response", throwOnError: true)!;
}

/// <summary>One loopback stand-in and one connection for all the oracle's calls.</summary>
public sealed class LoopbackFeishu : IAsyncLifetime
{
    public FakeFeishu Server { get; private set; } = null!;

    public FeishuConnection Connection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new FakeFeishuOptions { AppId = "cli_oracle", AppSecret = "oracle_secret" };
        options.UserAccessTokens.Add("u-oracle-user-token");
        Server = await FakeFeishu.StartAsync(options);
        Connection = new FeishuConnection(new FeishuClientOptions { AppId = "cli_oracle", AppSecret = "oracle_secret", BaseAddress = Server.BaseAddress });
    }

    public async Task DisposeAsync()
    {
        Connection.Dispose();
        await Server.DisposeAsync();
    }
}
