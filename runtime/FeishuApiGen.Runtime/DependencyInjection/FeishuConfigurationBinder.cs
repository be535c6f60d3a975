using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace FeishuApiGen.DependencyInjection;

/// <summary>
/// Reads <see cref="FeishuClientOptions"/> from a configuration section (e.g. <c>Feishu</c> in appsettings.json) by hand:
/// no reflection, so trimming and NativeAOT keep working, and a value that does not parse is reported with its full key.
/// Keys absent from the section leave the option as it was.
/// </summary>
internal static class FeishuConfigurationBinder
{
    /// <summary>Applies the values present in <paramref name="section"/> to <paramref name="options"/>.</summary>
    /// <exception cref="InvalidOperationException">A value does not parse; the message names the key, never the value of a secret.</exception>
    public static void Bind(IConfiguration section, FeishuClientOptions options)
    {
        if (section["AppId"] is { } appId)
        {
            options.AppId = appId;
        }

        if (section["AppSecret"] is { } appSecret)
        {
            options.AppSecret = appSecret;
        }

        if (section["BaseAddress"] is { } baseAddress)
        {
            options.BaseAddress = Uri.TryCreate(baseAddress, UriKind.Absolute, out var uri)
                ? uri
                : throw Invalid(section, "BaseAddress", baseAddress, "an absolute URI such as https://open.feishu.cn");
        }

        if (section["UserAgent"] is { } userAgent)
        {
            options.UserAgent = userAgent;
        }

        Read(section, "TokenRefreshMargin", ParseTimeSpan, value => options.TokenRefreshMargin = value);
        Read(section, "AttemptTimeout", ParseTimeSpan, value => options.AttemptTimeout = value);
        Read(section, "TotalTimeout", ParseTimeSpan, value => options.TotalTimeout = value);
        Read(section, "MaxResponseSize", ParseInt, value => options.MaxResponseSize = value);

        var retry = section.GetSection("Retry");
        Read(retry, "MaxAttempts", ParseInt, value => options.Retry.MaxAttempts = value);
        Read(retry, "BaseDelay", ParseTimeSpan, value => options.Retry.BaseDelay = value);
        Read(retry, "MaxDelay", ParseTimeSpan, value => options.Retry.MaxDelay = value);
        Read(retry, "UseJitter", ParseBool, value => options.Retry.UseJitter = value);

        var rateLimiting = section.GetSection("RateLimiting");
        Read(rateLimiting, "Enabled", ParseBool, value => options.RateLimiting.Enabled = value);
        Read(rateLimiting, "Scale", ParseDouble, value => options.RateLimiting.Scale = value);
        Read(rateLimiting, "QueueLimit", ParseInt, value => options.RateLimiting.QueueLimit = value);
        Read(rateLimiting, "WindowGuard", ParseTimeSpan, value => options.RateLimiting.WindowGuard = value);
    }

    private static void Read<T>(IConfiguration section, string key, Func<string, (bool Ok, T Value, string Expected)> parse, Action<T> apply)
    {
        if (section[key] is not { } text)
        {
            return;
        }

        var (ok, value, expected) = parse(text.Trim());
        if (!ok)
        {
            throw Invalid(section, key, text, expected);
        }

        apply(value);
    }

    private static (bool, TimeSpan, string) ParseTimeSpan(string text)
        => (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value), value, "a time span such as 00:00:30");

    private static (bool, int, string) ParseInt(string text)
        => (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value), value, "a whole number");

    private static (bool, double, string) ParseDouble(string text)
        => (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value), value, "a number such as 0.5");

    private static (bool, bool, string) ParseBool(string text)
        => (bool.TryParse(text, out var value), value, "true or false");

    private static InvalidOperationException Invalid(IConfiguration section, string key, string value, string expected)
    {
        var path = section is IConfigurationSection named ? named.Path + ":" + key : key;
        return new InvalidOperationException($"Configuration value {path} = '{value}' is not {expected}.");
    }
}
