using FeishuApiGen.Testing;

namespace FeishuApiGen.Runtime.Tests.Support;

/// <summary>Asserts that no credential leaks into what an exception shows.</summary>
public static class SecretScan
{
    /// <summary>
    /// Checks the message and ToString (which includes inner exceptions and their messages) of <paramref name="exception"/>
    /// for both test secrets and every token <paramref name="server"/> issued.
    /// </summary>
    public static void AssertClean(Exception exception, FakeFeishu server)
    {
        AssertClean(exception, [LoopbackHarness.AppSecret, LoopbackHarness.WrongSecret, .. server.IssuedTokens]);
    }

    /// <summary>Checks everything <paramref name="exception"/> and its inner exceptions show for each of <paramref name="secrets"/>.</summary>
    public static void AssertClean(Exception exception, IEnumerable<string> secrets)
    {
        var texts = new List<string> { exception.ToString() };
        for (var current = exception; current is not null; current = current.InnerException)
        {
            texts.Add(current.Message);
            if (current is FeishuApiException api)
            {
                texts.Add(api.Msg);
                texts.Add(api.Troubleshooter ?? "");
            }

            if (current is FeishuProtocolException protocol)
            {
                texts.Add(protocol.BodyExcerpt ?? "");
            }
        }

        foreach (var text in texts)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }
}
