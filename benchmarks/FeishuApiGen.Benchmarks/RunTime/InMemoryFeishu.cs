using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace FeishuApiGen.Benchmarks.RunTime;

/// <summary>
/// Feishu answered from memory: the token endpoint and one API answer, fixed in advance. It drains every request
/// body, so each client must really produce its JSON; it allocates only the response message it must return.
/// </summary>
internal sealed class InMemoryFeishu : HttpMessageHandler
{
    public const string BaseAddress = "https://open.feishu.cn";
    public const string Token = "t-g1044ebSJXOVTVKW3ZQXJQFN4JLDP6XFSV3NOA2A";

    private static readonly MediaTypeHeaderValue JsonType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
    private static readonly byte[] TokenAnswer = Encoding.UTF8.GetBytes(
        "{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"" + Token + "\",\"expire\":7200}");

    private readonly byte[] _answer;

    public InMemoryFeishu(string answer) => _answer = Encoding.UTF8.GetBytes(answer);

    public int Calls { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Calls++;
        if (request.Content is not null)
        {
            await request.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }

        var isToken = request.RequestUri!.AbsolutePath.EndsWith("/tenant_access_token/internal", StringComparison.Ordinal);
        var content = new ByteArrayContent(isToken ? TokenAnswer : _answer);
        content.Headers.ContentType = JsonType;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }
}
