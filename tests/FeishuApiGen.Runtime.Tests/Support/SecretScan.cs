using FeishuApiGen.Loopback;

namespace FeishuApiGen.Runtime.Tests.Support;

/// <summary>Asserts that no credential leaks into what an exception shows.</summary>
public static class SecretScan
{
    /// <summary>
    /// Checks the message and ToString (which includes inner exceptions and their messages) of <paramref name="exception"/>
    /// for both test secrets and every token <paramref name="server"/> issued.
    /// </summary>
    public static void AssertClean(Exception exception, FeishuLoopbackServer server)
    {
        var texts = new List<string> { exception.Message, exception.ToString() };
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            texts.Add(inner.Message);
        }

        if (exception is FeishuApiException api)
        {
            texts.Add(api.Msg);
            texts.Add(api.Troubleshooter ?? "");
        }

        if (exception is FeishuProtocolException protocol)
        {
            texts.Add(protocol.BodyExcerpt ?? "");
        }

        string[] secrets = [LoopbackHarness.AppSecret, LoopbackHarness.WrongSecret, .. server.IssuedTokens];
        foreach (var text in texts)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }
}
