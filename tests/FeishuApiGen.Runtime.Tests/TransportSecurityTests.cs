using FeishuApiGen.Runtime.Tests.HandWritten;
using FeishuApiGen.Runtime.Tests.Support;
using FeishuApiGen.Testing;

namespace FeishuApiGen.Runtime.Tests;

/// <summary>The app secret travels only over https, or plain http to this machine.</summary>
public sealed class TransportSecurityTests
{
    [Theory]
    [InlineData("http://open.feishu.cn")]
    [InlineData("http://10.0.0.5:8080")]
    [InlineData("http://localhost.example.com")]
    [InlineData("http://127.0.0.1.nip.io")]
    public void Plain_http_to_a_host_that_is_not_loopback_is_refused_before_anything_is_sent(string address)
    {
        var handler = new RecordingHandler();
        var options = new FeishuClientOptions { AppId = "cli_a", AppSecret = LoopbackHarness.AppSecret, BaseAddress = new Uri(address) };

        var ex = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Equal("BaseAddress", ex.ParamName);
        Assert.Contains("plain http to a host that is not loopback", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(LoopbackHarness.AppSecret, ex.ToString(), StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => new FeishuConnection(options, new HttpClient(handler)));
        Assert.Equal(0, handler.Sent);
    }

    [Theory]
    [InlineData("https://open.feishu.cn")]
    [InlineData("https://open.larksuite.com")]
    [InlineData("http://localhost:5000")]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("http://127.8.9.10")]
    [InlineData("http://[::1]:5000")]
    public void Https_anywhere_or_http_to_loopback_is_accepted(string address)
        => new FeishuClientOptions { AppId = "cli_a", AppSecret = "secret_x", BaseAddress = new Uri(address) }.Validate();

    [Fact]
    public async Task A_redirect_from_the_token_endpoint_is_not_followed_so_the_secret_goes_nowhere_else()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        var elsewhere = new Uri(harness.Server.BaseAddress, "/collect-secrets");
        harness.Server.Map("POST", FakeFeishu.TokenPath, _ => FakeAnswer.Empty(307).WithHeader("Location", elsewhere.ToString()));

        var ex = await Assert.ThrowsAsync<FeishuProtocolException>(() => harness.CreateAsync());

        Assert.Equal(System.Net.HttpStatusCode.TemporaryRedirect, ex.HttpStatus);
        Assert.DoesNotContain(harness.Server.Requests, r => r.Path == "/collect-secrets");
        Assert.Single(harness.Server.Requests);
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public int Sent;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Sent);
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        }
    }
}
