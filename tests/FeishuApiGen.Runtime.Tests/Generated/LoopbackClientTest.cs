using Feishu;
using FeishuApiGen.Testing;

namespace FeishuApiGen.Runtime.Tests.Generated;

/// <summary>A loopback stand-in for Feishu and a generated <see cref="FeishuClient"/> pointed at it, per test.</summary>
public abstract class LoopbackClientTest : IAsyncLifetime
{
    protected const string AppId = "cli_generated_tests";
    protected const string AppSecret = "sec_G3n3r4t3dT35t5_x9";

    protected FakeFeishu Server { get; private set; } = null!;

    protected FeishuClient Feishu { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await FakeFeishu.StartAsync(new FakeFeishuOptions { AppId = AppId, AppSecret = AppSecret });
        Feishu = new FeishuClient(new FeishuClientOptions { AppId = AppId, AppSecret = AppSecret, BaseAddress = Server.BaseAddress });
    }

    public async Task DisposeAsync()
    {
        Feishu.Dispose();
        await Server.DisposeAsync();
    }
}
