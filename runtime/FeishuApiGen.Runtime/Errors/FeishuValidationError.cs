namespace FeishuApiGen;

/// <summary>One way a request breaks its spec.</summary>
/// <param name="Path">Where, in wire names: <c>assessments[0].assessment_status</c>.</param>
/// <param name="Message">What is wrong, without the path: <c>is required</c>.</param>
public sealed record FeishuValidationError(string Path, string Message)
{
    /// <summary>Returns <c>path: message</c>.</summary>
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}

/// <summary>String formats a spec field may declare.</summary>
public enum FeishuFormat
{
    /// <summary>A calendar date, <c>yyyy-MM-dd</c>.</summary>
    Date,

    /// <summary>A date and time: <c>yyyy-MM-dd HH:mm:ss</c>, or ISO 8601 (<c>yyyy-MM-ddTHH:mm:ss</c>, optional fraction and offset).</summary>
    DateTime,

    /// <summary>A 64-bit integer written as a decimal string, as Feishu sends most IDs.</summary>
    Int64String,
}
