using Microsoft.Extensions.Options;

namespace FeishuApiGen.DependencyInjection;

/// <summary>Runs <see cref="FeishuClientOptions.Validate"/> for one named app, so a bad option stops the host at start-up.</summary>
internal sealed class FeishuClientOptionsValidation(string optionsName, string appDescription) : IValidateOptions<FeishuClientOptions>
{
    public ValidateOptionsResult Validate(string? name, FeishuClientOptions options)
    {
        if (!string.Equals(name, optionsName, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            // The message names the option and never quotes the secret.
            return ValidateOptionsResult.Fail($"{appDescription}: {ex.Message}");
        }
    }
}
