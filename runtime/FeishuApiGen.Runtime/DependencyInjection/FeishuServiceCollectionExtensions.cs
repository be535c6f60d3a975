using System.Diagnostics.Metrics;
using FeishuApiGen;
using FeishuApiGen.DependencyInjection;
using FeishuApiGen.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers generated Feishu clients with dependency injection: <c>services.AddFeishu&lt;FeishuClient&gt;()</c> for one
/// app, <c>services.AddFeishu&lt;FeishuClient&gt;("hr")</c> for each of several (then injected with
/// <c>[FromKeyedServices("hr")] FeishuClient hr</c>).
/// </summary>
public static class FeishuServiceCollectionExtensions
{
    /// <summary>The configuration section the default app is read from; a named app is read from <c>Feishu:&lt;name&gt;</c>.</summary>
    public const string ConfigurationSection = "Feishu";

    /// <summary>
    /// Registers the app configured in the <c>Feishu</c> configuration section: its <see cref="FeishuConnection"/> (one token
    /// cache and one set of rate limiters, over a named <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/>) and
    /// <typeparamref name="TClient"/> over it, both singletons. The options are validated when the host starts.
    /// </summary>
    /// <typeparam name="TClient">The generated client, <c>FeishuClient</c>.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adjusts the options after the configuration section is applied, e.g. to read the secret from a vault.</param>
    /// <returns>The builder of the app's <see cref="HttpClient"/>, to add a proxy or a handler. Do not add a retry handler: the connection retries already.</returns>
    public static IHttpClientBuilder AddFeishu<TClient>(this IServiceCollection services, Action<FeishuClientOptions>? configure = null)
        where TClient : class, IFeishuClient<TClient>
        => AddFeishuApp<TClient>(services, name: null, configure);

    /// <summary>
    /// Registers the app named <paramref name="name"/>, configured in the <c>Feishu:&lt;name&gt;</c> configuration section:
    /// its own <see cref="FeishuConnection"/> (its own token cache and rate limiters) and <typeparamref name="TClient"/>, both
    /// keyed singletons with key <paramref name="name"/>. Several apps can be registered side by side.
    /// </summary>
    /// <typeparam name="TClient">The generated client, <c>FeishuClient</c>.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The app's name: the service key and the configuration sub-section.</param>
    /// <param name="configure">Adjusts the options after the configuration section is applied.</param>
    /// <returns>The builder of the app's <see cref="HttpClient"/>. Do not add a retry handler: the connection retries already.</returns>
    public static IHttpClientBuilder AddFeishu<TClient>(this IServiceCollection services, string name, Action<FeishuClientOptions>? configure = null)
        where TClient : class, IFeishuClient<TClient>
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return AddFeishuApp<TClient>(services, name, configure);
    }

    /// <summary>
    /// The name of the <see cref="FeishuClientOptions"/> of the app <c>AddFeishu</c> returned <paramref name="app"/> for, so a
    /// package extending that app (e.g. FeishuApiGen.Redis's <c>WithRedisFleet</c>) configures its options and no other's.
    /// </summary>
    /// <param name="app">What <c>AddFeishu</c> returned.</param>
    /// <exception cref="ArgumentException"><paramref name="app"/> was not returned by <c>AddFeishu</c>.</exception>
    public static string OptionsName(IHttpClientBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Name.StartsWith(HttpClientNamePrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The HttpClient builder '{app.Name}' was not returned by AddFeishu.", nameof(app));
        }

        var name = app.Name[HttpClientNamePrefix.Length..];
        return name == DefaultAppName ? Options.Options.DefaultName : name;
    }

    private const string HttpClientNamePrefix = "FeishuApiGen:";
    private const string DefaultAppName = "(default)";

    private static IHttpClientBuilder AddFeishuApp<TClient>(IServiceCollection services, string? name, Action<FeishuClientOptions>? configure)
        where TClient : class, IFeishuClient<TClient>
    {
        ArgumentNullException.ThrowIfNull(services);
        var optionsName = name ?? Options.Options.DefaultName;
        var sectionPath = name is null ? ConfigurationSection : ConfigurationSection + ":" + name;
        var httpClientName = HttpClientNamePrefix + (name ?? DefaultAppName);
        var description = name is null ? $"The Feishu app (configuration section {sectionPath})" : $"Feishu app '{name}' (configuration section {sectionPath})";

        if (services.Any(d => d.ServiceType == typeof(FeishuConnection) && Equals(d.ServiceKey, name)))
        {
            throw new InvalidOperationException($"{description} is already registered.");
        }

        // Configuration first, then what the container offers, then the caller's code, which has the last word.
        services.AddOptions<FeishuClientOptions>(optionsName)
            .Configure<IServiceProvider>((options, provider) =>
            {
                if (provider.GetService<IConfiguration>() is { } configuration)
                {
                    FeishuConfigurationBinder.Bind(configuration.GetSection(sectionPath), options);
                }

                options.LoggerFactory ??= provider.GetService<ILoggerFactory>();
                options.MeterFactory ??= provider.GetService<IMeterFactory>();
                if (ReferenceEquals(options.TimeProvider, TimeProvider.System) && provider.GetService<TimeProvider>() is { } time)
                {
                    options.TimeProvider = time;
                }
            })
            .ValidateOnStart();
        if (configure is not null)
        {
            services.Configure(optionsName, configure);
        }

        services.AddSingleton<IValidateOptions<FeishuClientOptions>>(new FeishuClientOptionsValidation(optionsName, description));

        // The connection times out and retries itself; HttpClient's own timeout is switched off so it cannot cut an attempt short.
        var http = services.AddHttpClient(httpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(FeishuTransport.CreatePrimaryHandler)
            // The handler recycles its connections itself (PooledConnectionLifetime); the connection keeps one client for good.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // The factory's default loggers write request headers at Trace level; they redact the Authorization value in
            // the message but not in the structured state a JSON or OpenTelemetry sink reads, so the bearer token would
            // leak. The connection logs every call itself (FeishuLog), so they go; the redaction stays for anyone who adds
            // them back with AddDefaultLogger().
            .RemoveAllLoggers()
            .RedactLoggedHeaders(["Authorization"]);

        FeishuConnection CreateConnection(IServiceProvider provider) => new(
            provider.GetRequiredService<IOptionsMonitor<FeishuClientOptions>>().Get(optionsName),
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(httpClientName));

        if (name is null)
        {
            services.AddSingleton(CreateConnection);
            services.AddSingleton(static provider => TClient.Create(provider.GetRequiredService<FeishuConnection>()));
        }
        else
        {
            services.AddKeyedSingleton(name, (provider, _) => CreateConnection(provider));
            services.AddKeyedSingleton(name, static (provider, key) => TClient.Create(provider.GetRequiredKeyedService<FeishuConnection>(key)));
        }

        return http;
    }
}
