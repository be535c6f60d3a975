namespace FeishuApiGen.Runtime.Tests;

public sealed class FeishuClientOptionsTests
{
    private const string Secret = "sec_R7x2Q9pLmN4vK8wZ";

    [Fact]
    public void Defaults_follow_the_official_sdks()
    {
        var options = new FeishuClientOptions();
        Assert.Equal(new Uri("https://open.feishu.cn"), options.BaseAddress);
        Assert.Same(FeishuHosts.Feishu, options.BaseAddress);
        Assert.Equal(new Uri("https://open.larksuite.com"), FeishuHosts.Lark);
        Assert.Equal(TimeSpan.FromMinutes(3), options.TokenRefreshMargin);
        Assert.Same(TimeProvider.System, options.TimeProvider);
        Assert.Null(options.UserAgent);
    }

    [Fact]
    public void ToString_never_shows_the_secret()
    {
        var options = new FeishuClientOptions { AppId = "cli_a", AppSecret = Secret };
        var text = options.ToString();
        Assert.Contains("cli_a", text);
        Assert.Contains("AppSecret = ***", text);
        Assert.DoesNotContain(Secret, text);
    }

    [Theory]
    [InlineData(null, Secret, "https://open.feishu.cn", "AppId")]
    [InlineData("", Secret, "https://open.feishu.cn", "AppId")]
    [InlineData("  ", Secret, "https://open.feishu.cn", "AppId")]
    [InlineData("cli_a", "", "https://open.feishu.cn", "AppSecret")]
    [InlineData("cli_a", null, "https://open.feishu.cn", "AppSecret")]
    [InlineData("cli_a", Secret, "/relative", "BaseAddress")]
    [InlineData("cli_a", Secret, "ftp://open.feishu.cn", "BaseAddress")]
    [InlineData("cli_a", Secret, "https://open.feishu.cn/?x=1", "BaseAddress")]
    [InlineData("cli_a", Secret, null, "BaseAddress")]
    public void Validate_names_the_bad_option_and_never_the_secret(string? appId, string? secret, string? baseAddress, string option)
    {
        var options = new FeishuClientOptions
        {
            AppId = appId!,
            AppSecret = secret!,
            BaseAddress = baseAddress is null ? null! : new Uri(baseAddress, UriKind.RelativeOrAbsolute),
        };

        var ex = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Equal(option, ex.ParamName);
        Assert.Contains("FeishuClientOptions." + option, ex.Message);
        Assert.DoesNotContain(Secret, ex.ToString());

        var fromConstructor = Assert.Throws<ArgumentException>(() => new FeishuConnection(options));
        Assert.Equal(option, fromConstructor.ParamName);
    }

    [Fact]
    public void Validate_rejects_negative_margin_and_bad_user_agent()
    {
        var options = new FeishuClientOptions { AppId = "cli_a", AppSecret = Secret, TokenRefreshMargin = TimeSpan.FromSeconds(-1) };
        Assert.Equal("TokenRefreshMargin", Assert.Throws<ArgumentException>(options.Validate).ParamName);

        options.TokenRefreshMargin = TimeSpan.Zero;
        options.UserAgent = "a\r\nX-Injected: 1";
        Assert.Equal("UserAgent", Assert.Throws<ArgumentException>(options.Validate).ParamName);

        options.UserAgent = "my-app/1.0";
        options.Validate();
    }

    [Fact]
    public void Connection_copies_the_options()
    {
        var options = new FeishuClientOptions { AppId = "cli_a", AppSecret = Secret, BaseAddress = FeishuHosts.Lark };
        using var connection = new FeishuConnection(options);
        options.AppId = "cli_changed";
        options.BaseAddress = FeishuHosts.Feishu;

        Assert.Equal("cli_a", connection.AppId);
        Assert.Equal(new Uri("https://open.larksuite.com"), connection.BaseAddress);
        Assert.DoesNotContain(Secret, connection.ToString());
    }
}
