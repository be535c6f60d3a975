using System.Text;

namespace FeishuApiGen;

/// <summary>The request breaks its spec. Nothing was sent, not even the token request.</summary>
public sealed class FeishuValidationException : FeishuException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="endpointId">The endpoint the request was for.</param>
    /// <param name="errors">Every violation found.</param>
    public FeishuValidationException(string endpointId, IReadOnlyList<FeishuValidationError> errors)
        : base(endpointId, BuildMessage(endpointId, errors ?? []))
    {
        Errors = errors ?? [];
    }

    /// <summary>Every violation found, in the order the request's members were checked.</summary>
    public IReadOnlyList<FeishuValidationError> Errors { get; }

    private static string BuildMessage(string endpointId, IReadOnlyList<FeishuValidationError> errors)
    {
        var text = new StringBuilder()
            .Append("The request for ").Append(endpointId).Append(" is invalid (")
            .Append(errors.Count).Append(errors.Count == 1 ? " problem" : " problems").Append("); nothing was sent:");
        foreach (var error in errors)
        {
            text.Append('\n').Append("  ").Append(error);
        }

        return text.ToString();
    }
}
