using FeishuApiGen.Runtime.Tests.HandWritten;

namespace FeishuApiGen.Runtime.Tests;

public sealed class FeishuEndpointTests
{
    [Fact]
    public void Seed_endpoint_exposes_its_facts()
    {
        var endpoint = CreateProbationAssessmentRequest.Endpoint;
        Assert.Equal("corehr.v2.probation.assessment.create", endpoint.Id);
        Assert.Equal(HttpMethod.Post, endpoint.Method);
        Assert.Equal("/open-apis/corehr/v2/probation/assessments", endpoint.PathTemplate);
        Assert.True(endpoint.HasBody);
        Assert.Equal(FeishuAccessTokenTypes.Tenant, endpoint.AccessTokens);
        Assert.Equal(["corehr:probation.assessment:write"], endpoint.Scopes);
        Assert.Equal([new FeishuRateLimit(100, TimeSpan.FromMinutes(1))], endpoint.RateLimits);
        Assert.Equal("POST /open-apis/corehr/v2/probation/assessments (corehr.v2.probation.assessment.create)", endpoint.ToString());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("post")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public void Methods_are_parsed(string method)
        => Assert.Equal(method.ToUpperInvariant(), new FeishuEndpoint("a.v1.b.c", method, "/p", false, FeishuAccessTokenTypes.Tenant, [], []).Method.Method);

    [Fact]
    public void Unknown_method_is_refused()
        => Assert.Throws<ArgumentException>(() => new FeishuEndpoint("a.v1.b.c", "TRACE", "/p", false, FeishuAccessTokenTypes.Tenant, [], []));

    [Fact]
    public void Scopes_are_copied()
    {
        string[] scopes = ["a:b"];
        var endpoint = new FeishuEndpoint("a.v1.b.c", "GET", "/p", false, FeishuAccessTokenTypes.Tenant, scopes, []);
        scopes[0] = "changed";
        Assert.Equal(["a:b"], endpoint.Scopes);
    }
}
