namespace FeishuApiGen.Validation;

/// <summary>The check every call makes before anything is sent.</summary>
internal static class RequestValidation
{
    /// <summary>Throws, naming every problem, when <paramref name="request"/> breaks its spec.</summary>
    /// <exception cref="FeishuValidationException">The request breaks its spec.</exception>
    public static void ThrowIfInvalid<TRequest>(FeishuEndpoint endpoint, TRequest request)
        where TRequest : IFeishuRequest
    {
        var validator = new FeishuValidator();
        request.Validate(ref validator);
        if (validator.HasErrors)
        {
            throw new FeishuValidationException(endpoint.Id, validator.ToErrors());
        }
    }
}
