namespace FeishuApiGen.Testing;

/// <summary>An endpoint the fake answers as its spec says: its contract and the path template requests are matched on.</summary>
internal sealed record ServedEndpoint(FeishuEndpointContract Contract, PathTemplate Template);
