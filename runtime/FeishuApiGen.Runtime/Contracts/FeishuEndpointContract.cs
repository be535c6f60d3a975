using System.Text.Json;
using FeishuApiGen.Protocol;

namespace FeishuApiGen;

/// <summary>
/// What one generated endpoint's spec says a stand-in for Feishu should do: where the endpoint is, which requests it
/// refuses and what it answers. <c>FakeFeishu</c> (package FeishuApiGen.Testing) serves every contract of a generated
/// client; the generated client lists them (<see cref="IFeishuClient{TSelf}.EndpointContracts"/>).
/// </summary>
public sealed class FeishuEndpointContract
{
    private readonly Func<FeishuWireRequest, IFeishuRequest> _readWire;

    private FeishuEndpointContract(FeishuEndpoint endpoint, ReadOnlyMemory<byte> exampleAnswer, Func<FeishuWireRequest, IFeishuRequest> readWire)
    {
        Endpoint = endpoint;
        ExampleAnswer = exampleAnswer;
        _readWire = readWire;
    }

    /// <summary>Where and how the endpoint is called.</summary>
    public FeishuEndpoint Endpoint { get; }

    /// <summary>The spec's example of a successful answer (the whole <c>{code, msg, data}</c> envelope); empty when the spec gives none.</summary>
    public ReadOnlyMemory<byte> ExampleAnswer { get; }

    /// <summary>The contract of the endpoint of <typeparamref name="TRequest"/>.</summary>
    /// <typeparam name="TRequest">A generated request type.</typeparam>
    public static FeishuEndpointContract For<TRequest>() where TRequest : class, IFeishuRequest<TRequest>
        => new(TRequest.FeishuEndpoint, TRequest.ExampleAnswer.ToArray(), static wire => TRequest.ReadWire(wire));

    /// <summary>
    /// Checks a received request against the spec with the rules the client applies before sending: a value of the wrong
    /// JSON type, a body that is not JSON, a required member missing, a value outside its enum or limits.
    /// </summary>
    /// <param name="request">The received request.</param>
    /// <returns>Every problem, each named by its path (<c>assessments[0].assessment_status</c>); empty when Feishu would accept it.</returns>
    public IReadOnlyList<FeishuValidationError> Check(FeishuWireRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        IFeishuRequest typed;
        try
        {
            typed = _readWire(request);
        }
        catch (FeishuJsonMismatchException mismatch)
        {
            var path = request.ParameterBeingRead ?? JsonPaths.PathAt(request.Body.Span, mismatch.TokenStart) ?? "";
            return [new FeishuValidationError(path == "$" ? "" : path, $"expected {mismatch.Expected}, found {mismatch.Found}")];
        }
        catch (JsonException)
        {
            return [new FeishuValidationError(request.ParameterBeingRead ?? "", request.ParameterBeingRead is null ? "the body is not a JSON object" : "the value cannot be read")];
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader's answer to a string that is not valid UTF-8 or a number out of its type's range.
            return [new FeishuValidationError(request.ParameterBeingRead ?? "", "a value cannot be read (invalid UTF-8 or out of range)")];
        }

        return FeishuValidator.Validate(typed);
    }

    /// <summary>Returns the endpoint's <c>METHOD path (id)</c>.</summary>
    public override string ToString() => Endpoint.ToString();
}
