namespace FeishuApiGen.Generator.Model;

/// <summary>
/// The one catalogue of C# member names generated types declare themselves. The parser keeps a spec's fields and enum
/// values off them (<see cref="OnObjectTypes"/>, <see cref="OnEnumTypes"/>); the emitter writes the members under these
/// names. A name no longer generated stays reserved, so no spec member's C# name moves when the emitter changes.
/// </summary>
internal static class GeneratedMemberNames
{
    /// <summary>A request's static endpoint description.</summary>
    public const string Endpoint = "FeishuEndpoint";

    /// <summary>A request's check against its spec.</summary>
    public const string Validate = "Validate";

    /// <summary>A response's HTTP answer: status, headers, log id.</summary>
    public const string RawAnswer = "GetRawAnswer";

    /// <summary>A string enum's wire value.</summary>
    public const string EnumValue = "Value";

    /// <summary>Whether a string enum's value is one its spec lists.</summary>
    public const string EnumIsKnown = "IsKnown";

    /// <summary>
    /// Reserved on every request, response and object type: the members above, the plumbing the runtime calls (now
    /// explicit interface implementations, reserved since they once were public members), and what every object has.
    /// </summary>
    public static readonly string[] OnObjectTypes =
    {
        Endpoint, Validate, RawAnswer, "KeepRawAnswer", "ValidateMembers", "WriteJson", "ReadJson", "ReadData", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone",
    };

    /// <summary>Reserved on every string enum, besides <see cref="OnObjectTypes"/>: its own members, and a retired one.</summary>
    public static readonly string[] OnEnumTypes = { EnumValue, EnumIsKnown, "AllowedValues" };
}
