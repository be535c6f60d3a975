using FeishuApiGen.Loopback;
using FeishuCorpus;

namespace FeishuApiGen.Corpus.Tests.Infrastructure;

/// <summary>One loopback Feishu and one generated corpus client for a whole test class: 229 calls need not start 229 servers.</summary>
public sealed class CorpusLoopback : IAsyncLifetime
{
    private const string AppId = "cli_corpus_tests";
    private const string AppSecret = "sec_C0rpu5T35t5_q7";

    public FeishuLoopbackServer Server { get; private set; } = null!;

    public FeishuClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await FeishuLoopbackServer.StartAsync(new FeishuLoopbackOptions { AppId = AppId, AppSecret = AppSecret });
        Client = new FeishuClient(new FeishuClientOptions { AppId = AppId, AppSecret = AppSecret, BaseAddress = Server.BaseAddress });
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
