using System.Reflection;
using System.Text.Json.Nodes;
using FeishuApiGen.Corpus.Tests.Infrastructure;
using FeishuApiGen.Loopback;
using FeishuCorpus;

namespace FeishuApiGen.Corpus.Tests;

/// <summary>
/// One request per CoreHR endpoint through the generated client to the loopback Feishu. What the server must see
/// (method, path, query, body) is worked out from the facts file, not from the specs or the generated code.
/// </summary>
public sealed class EndpointRequestTests(CorpusLoopback loopback) : IClassFixture<CorpusLoopback>
{
    public static TheoryData<string> Endpoints => new(FactsFile.Instance.Endpoints.Select(e => e.Key));

    [Fact]
    public void The_client_has_one_method_per_facts_endpoint_and_a_page_walking_one_per_paginated_endpoint()
    {
        var expected = FactsFile.Instance.Endpoints
            .SelectMany(e => e.IsPaginated ? new[] { e.MethodName, e.PageWalkingMethodName } : new[] { e.MethodName }, (e, method) => e.VersionProperty + "." + e.ResourceProperty + "." + method)
            .Order(StringComparer.Ordinal);

        var generated =
            from version in Children(typeof(FeishuClient).GetProperty("Corehr")!.PropertyType)
            from resource in Children(version.PropertyType)
            from method in resource.PropertyType.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            where method.Name.EndsWith("Async", StringComparison.Ordinal)
            select version.Name + "." + resource.Name + "." + method.Name;
        generated = generated.Distinct(); // each method also has an overload taking FeishuRequestOptions

        Assert.Equal(expected, generated.Order(StringComparer.Ordinal));

        static IEnumerable<PropertyInfo> Children(Type group) => group.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType.Name.EndsWith("Api", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task The_endpoint_sends_its_method_path_query_and_body(string key)
    {
        var endpoint = FactsFile.Instance[key];
        var group = GroupOf(endpoint);
        // The (request, cancellationToken) overload; the other also takes FeishuRequestOptions.
        var method = group.GetType().GetMethods().SingleOrDefault(m => m.Name == endpoint.MethodName && m.GetParameters().Length == 2)
            ?? throw new Xunit.Sdk.XunitException(group.GetType().FullName + " has no " + endpoint.MethodName);
        var built = RequestBuilder.Build(endpoint, method.GetParameters()[0].ParameterType);
        loopback.Server.Map(endpoint.Method, endpoint.Path, _ => LoopbackResponse.Success());
        loopback.Server.ClearRequests();

        Exception? failure = null;
        try
        {
            await (Task)method.Invoke(group, [built.Request, CancellationToken.None])!;
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        // What was sent is checked first: a wrong path shows up as the path, not as the 404 it causes.
        var sent = Assert.Single(loopback.Server.ApiRequests);
        Assert.Equal(endpoint.Method, sent.Method);
        Assert.Equal(built.Path, sent.Path);
        AssertQuery(built, sent);
        AssertBody(endpoint, built, sent);
        Assert.Null(failure);
    }

    private object GroupOf(FactsEndpoint endpoint)
    {
        object group = loopback.Client.Corehr;
        foreach (var name in new[] { endpoint.VersionProperty, endpoint.ResourceProperty })
        {
            group = group.GetType().GetProperty(name)?.GetValue(group) ?? throw new Xunit.Sdk.XunitException(group.GetType().FullName + " has no group " + name);
        }

        return group;
    }

    private static void AssertQuery(BuiltRequest built, LoopbackRequest sent)
    {
        var names = sent.QueryString.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => Uri.UnescapeDataString(p.Split('=')[0])).Distinct();
        Assert.Equal(built.Query.Keys.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        foreach (var (name, values) in built.Query)
        {
            if (values is null)
            {
                Assert.Matches("^[0-9a-f]{32}$", Assert.Single(sent.Query(name)));
            }
            else
            {
                Assert.Equal(values, sent.Query(name));
            }
        }
    }

    private static void AssertBody(FactsEndpoint endpoint, BuiltRequest built, LoopbackRequest sent)
    {
        if (built.Body is not null)
        {
            Assert.True(JsonNode.DeepEquals(built.Body, JsonNode.Parse(sent.Body)), "expected body " + built.Body.ToJsonString() + "\nsent body " + sent.Body);
        }
        else if (endpoint.Method is "GET" or "DELETE")
        {
            Assert.Equal(string.Empty, sent.Body);
        }
        else
        {
            // POST, PUT and PATCH without body facts: nothing, or an empty object.
            Assert.True(sent.Body is "" or "{}", "unexpected body " + sent.Body);
        }
    }
}
