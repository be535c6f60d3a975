namespace FeishuApiGen;

/// <summary>The two public hosts of the Open Platform.</summary>
public static class FeishuHosts
{
    /// <summary>Feishu (China): <c>https://open.feishu.cn</c>. The default <see cref="FeishuClientOptions.BaseAddress"/>.</summary>
    public static Uri Feishu { get; } = new("https://open.feishu.cn", UriKind.Absolute);

    /// <summary>Lark (international): <c>https://open.larksuite.com</c>.</summary>
    public static Uri Lark { get; } = new("https://open.larksuite.com", UriKind.Absolute);
}
