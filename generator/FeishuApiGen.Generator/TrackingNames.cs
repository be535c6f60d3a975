namespace FeishuApiGen.Generator;

/// <summary>Names of the tracked pipeline steps, for caching tests and benchmarks.</summary>
internal static class TrackingNames
{
    public const string Options = nameof(Options);
    public const string ParsedSpecs = nameof(ParsedSpecs);
    public const string EndpointKeys = nameof(EndpointKeys);
    public const string Duplicates = nameof(Duplicates);
    public const string SharedTypeIndex = nameof(SharedTypeIndex);
    public const string EndpointOutputs = nameof(EndpointOutputs);
    public const string SharedTypeOutputs = nameof(SharedTypeOutputs);
    public const string ClientOutput = nameof(ClientOutput);
    public const string NoSpecReached = nameof(NoSpecReached);
}
