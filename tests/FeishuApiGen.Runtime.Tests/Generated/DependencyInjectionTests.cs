using Feishu;
using FeishuApiGen.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FeishuApiGen.Runtime.Tests.Generated;

/// <summary><c>services.AddFeishu&lt;FeishuClient&gt;()</c> in a real host: configuration, start-up validation, several apps.</summary>
public sealed class DependencyInjectionTests
{
    private const string AppId = "cli_di_tests";
    private const string AppSecret = "sec_D1T3sts_w8Qp";

    private static HostApplicationBuilder NewHost(IDictionary<string, string?> configuration)
    {
        // The empty builder reads no files or environment: only what the test gives.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(configuration);
        return builder;
    }

    private static async Task<FakeFeishu> StartServerAsync(string appId = AppId, string appSecret = AppSecret)
    {
        var server = await FakeFeishu.StartAsync(new FakeFeishuOptions { AppId = appId, AppSecret = appSecret });
        server.Map("POST", FaultyFeishu.CreatePath, _ => FaultyFeishu.Created());
        return server;
    }

    [Fact]
    public async Task The_Feishu_section_configures_every_option_and_the_injected_client_calls_with_them()
    {
        await using var server = await StartServerAsync();
        var builder = NewHost(new Dictionary<string, string?>
        {
            ["Feishu:AppId"] = AppId,
            ["Feishu:AppSecret"] = AppSecret,
            ["Feishu:BaseAddress"] = server.BaseAddress.ToString(),
            ["Feishu:UserAgent"] = "di-test/1.0",
            ["Feishu:TokenRefreshMargin"] = "00:05:00",
            ["Feishu:AttemptTimeout"] = "00:00:07",
            ["Feishu:TotalTimeout"] = "00:00:20",
            ["Feishu:Retry:MaxAttempts"] = "4",
            ["Feishu:Retry:BaseDelay"] = "00:00:00.002",
            ["Feishu:Retry:MaxDelay"] = "00:00:00.010",
            ["Feishu:Retry:UseJitter"] = "false",
            ["Feishu:RateLimiting:Enabled"] = "true",
            ["Feishu:RateLimiting:Scale"] = "0.5",
            ["Feishu:RateLimiting:QueueLimit"] = "7",
            ["Feishu:RateLimiting:WindowGuard"] = "00:00:00.1",
        });
        builder.Services.AddFeishu<FeishuClient>();
        using var host = builder.Build();
        await host.StartAsync();

        var options = host.Services.GetRequiredService<IOptionsMonitor<FeishuClientOptions>>().Get(Options.DefaultName);
        Assert.Equal(AppId, options.AppId);
        Assert.Equal(AppSecret, options.AppSecret);
        Assert.Equal(server.BaseAddress, options.BaseAddress);
        Assert.Equal(TimeSpan.FromMinutes(5), options.TokenRefreshMargin);
        Assert.Equal(TimeSpan.FromSeconds(7), options.AttemptTimeout);
        Assert.Equal(TimeSpan.FromSeconds(20), options.TotalTimeout);
        Assert.Equal(4, options.Retry.MaxAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(2), options.Retry.BaseDelay);
        Assert.Equal(TimeSpan.FromMilliseconds(10), options.Retry.MaxDelay);
        Assert.False(options.Retry.UseJitter);
        Assert.True(options.RateLimiting.Enabled);
        Assert.Equal(0.5, options.RateLimiting.Scale);
        Assert.Equal(7, options.RateLimiting.QueueLimit);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.RateLimiting.WindowGuard);
        Assert.NotNull(options.LoggerFactory);

        var feishu = host.Services.GetRequiredService<FeishuClient>();
        Assert.Same(feishu, host.Services.GetRequiredService<FeishuClient>());
        Assert.Same(feishu.Connection, host.Services.GetRequiredService<FeishuConnection>());
        var created = await feishu.Corehr.V2.ProbationAssessment.CreateAsync(FaultyFeishu.NewRequest());

        Assert.Equal([FaultyFeishu.CreatedId], created.AssessmentIds);
        Assert.Equal("di-test/1.0", server.ApiRequests.Single().Header("User-Agent"));
        await host.StopAsync();
    }

    public static TheoryData<string, string?, string> BadSettings => new()
    {
        { "Feishu:AppSecret", null, "FeishuClientOptions.AppSecret is required" },
        { "Feishu:BaseAddress", "http://open.feishu.cn", "plain http to a host that is not loopback" },
        { "Feishu:Retry:MaxAttempts", "0", "Retry.MaxAttempts must be between 1" },
        { "Feishu:AttemptTimeout", "00:00:00", "AttemptTimeout must be between 10 milliseconds and 24 hours" },
        { "Feishu:RateLimiting:Scale", "-1", "RateLimiting.Scale must be greater than 0" },
        { "Feishu:RateLimiting:WindowGuard", "-00:00:01", "RateLimiting.WindowGuard must be between zero and 10 seconds" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_option_stops_the_host_at_start_naming_it_and_never_the_secret(string key, string? value, string expected)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Feishu:AppId"] = AppId,
            ["Feishu:AppSecret"] = AppSecret,
            ["Feishu:BaseAddress"] = "https://open.feishu.cn",
        };
        configuration[key] = value;
        var builder = NewHost(configuration);
        builder.Services.AddFeishu<FeishuClient>();
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("configuration section Feishu", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AppSecret, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_that_does_not_parse_stops_the_host_at_start_naming_the_key()
    {
        var builder = NewHost(new Dictionary<string, string?>
        {
            ["Feishu:AppId"] = AppId,
            ["Feishu:AppSecret"] = AppSecret,
            ["Feishu:Retry:MaxAttempts"] = "lots",
        });
        builder.Services.AddFeishu<FeishuClient>();
        using var host = builder.Build();

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains("Feishu:Retry:MaxAttempts = 'lots' is not a whole number", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_named_apps_run_side_by_side_each_with_its_own_token_cache()
    {
        await using var hrServer = await StartServerAsync("cli_hr", "sec_Hr_4pp_5ecret");
        await using var payrollServer = await StartServerAsync("cli_payroll", "sec_Payr0ll_5ecret");
        var builder = NewHost(new Dictionary<string, string?>
        {
            ["Feishu:hr:AppId"] = "cli_hr",
            ["Feishu:hr:AppSecret"] = "sec_Hr_4pp_5ecret",
            ["Feishu:hr:BaseAddress"] = hrServer.BaseAddress.ToString(),
            ["Feishu:payroll:AppId"] = "cli_payroll",
            ["Feishu:payroll:AppSecret"] = "sec_Payr0ll_5ecret",
            ["Feishu:payroll:BaseAddress"] = payrollServer.BaseAddress.ToString(),
        });
        builder.Services.AddFeishu<FeishuClient>("hr");
        builder.Services.AddFeishu<FeishuClient>("payroll");
        builder.Services.AddSingleton<TwoApps>();
        using var host = builder.Build();
        await host.StartAsync();

        var apps = host.Services.GetRequiredService<TwoApps>();
        for (var i = 0; i < 3; i++)
        {
            await apps.Hr.Corehr.V2.ProbationAssessment.CreateAsync(FaultyFeishu.NewRequest());
            await apps.Payroll.Corehr.V2.ProbationAssessment.CreateAsync(FaultyFeishu.NewRequest());
        }

        Assert.Equal("cli_hr", apps.Hr.Connection.AppId);
        Assert.Equal("cli_payroll", apps.Payroll.Connection.AppId);
        Assert.NotSame(apps.Hr.Connection, apps.Payroll.Connection);
        Assert.Same(apps.Hr, host.Services.GetRequiredKeyedService<FeishuClient>("hr"));
        Assert.Equal(1, hrServer.TokenRequests);
        Assert.Equal(1, payrollServer.TokenRequests);
        Assert.Equal(3, hrServer.ApiRequests.Count);
        Assert.Equal(3, payrollServer.ApiRequests.Count);
        Assert.Null(host.Services.GetService<FeishuClient>());
        await host.StopAsync();
    }

    [Fact]
    public void Configure_has_the_last_word_over_configuration_and_the_container_clock_is_used()
    {
        var clock = new FakeTimeProvider();
        var builder = NewHost(new Dictionary<string, string?> { ["Feishu:AppId"] = "cli_from_configuration", ["Feishu:AppSecret"] = AppSecret });
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddFeishu<FeishuClient>(options => options.AppId = "cli_from_code");
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptionsMonitor<FeishuClientOptions>>().Get(Options.DefaultName);

        Assert.Equal("cli_from_code", options.AppId);
        Assert.Same(clock, options.TimeProvider);
        Assert.Equal("cli_from_code", host.Services.GetRequiredService<FeishuClient>().Connection.AppId);
    }

    [Fact]
    public void Registering_the_same_app_twice_is_refused()
    {
        var services = new ServiceCollection();
        services.AddFeishu<FeishuClient>("hr");

        var ex = Assert.Throws<InvalidOperationException>(() => services.AddFeishu<FeishuClient>("hr"));
        Assert.Contains("Feishu app 'hr'", ex.Message, StringComparison.Ordinal);
    }

    private sealed class TwoApps([FromKeyedServices("hr")] FeishuClient hr, [FromKeyedServices("payroll")] FeishuClient payroll)
    {
        public FeishuClient Hr { get; } = hr;

        public FeishuClient Payroll { get; } = payroll;
    }
}
