using System.Buffers;
using System.Text.Json;

namespace FeishuApiGen;

/// <summary>
/// A request as it arrived on the wire at a stand-in for Feishu: its path parameters (decoded), its query parameters and
/// its body. A generated request type reads itself back from one (<see cref="IFeishuRequest{TSelf}.ReadWire"/>), so a
/// stand-in can check what it received against the spec with the very rules the client checks before sending.
/// </summary>
public sealed class FeishuWireRequest
{
    private static readonly byte[] s_emptyObject = "{}"u8.ToArray();

    private readonly IReadOnlyDictionary<string, string> _pathValues;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _query;

    /// <summary>Describes a received request.</summary>
    /// <param name="pathValues">The path parameters by name, percent-decoded (<c>employment_id</c> → <c>7140964208476371111</c>).</param>
    /// <param name="query">The query parameters in order, decoded; a repeated name (<c>ids=1&amp;ids=2</c>) appears once per value.</param>
    /// <param name="body">The body as received; empty when there was none.</param>
    public FeishuWireRequest(IReadOnlyDictionary<string, string> pathValues, IReadOnlyList<KeyValuePair<string, string>> query, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(pathValues);
        ArgumentNullException.ThrowIfNull(query);
        _pathValues = pathValues;
        _query = query;
        Body = body;
    }

    /// <summary>The body as received.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>
    /// The parameter being read when reading failed: a path or query parameter's name, or null while the body is read.
    /// Set by the readers above, which the generated <c>ReadWire</c> calls one after another, so
    /// <see cref="FeishuEndpointContract.Check"/> can name where reading stopped.
    /// </summary>
    internal string? ParameterBeingRead { get; private set; }

    /// <summary>
    /// A path parameter as a JSON value for the generated readers: its decoded text as a JSON string, or <c>null</c> when
    /// the path has none of that name. A number or boolean sent as text is then read as the drift rules read an answer's.
    /// </summary>
    /// <param name="name">The parameter's wire name.</param>
    public Utf8JsonReader PathParameter(string name) => Scalar(name, _pathValues.TryGetValue(name, out var value) ? value : null);

    /// <summary>A query parameter as a JSON value: its first value's text as a JSON string, or <c>null</c> when it was not sent.</summary>
    /// <param name="name">The parameter's wire name.</param>
    public Utf8JsonReader QueryParameter(string name) => Scalar(name, _query.FirstOrDefault(pair => pair.Key == name).Value);

    private Utf8JsonReader Scalar(string name, string? value)
    {
        ParameterBeingRead = name;
        return Json(writer =>
        {
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteStringValue(value);
            }
        });
    }

    /// <summary>A repeated query parameter as a JSON array of its values' texts, or <c>null</c> when it was not sent.</summary>
    /// <param name="name">The parameter's wire name.</param>
    public Utf8JsonReader QueryParameterList(string name)
    {
        ParameterBeingRead = name;
        var values = _query.Where(pair => pair.Key == name).Select(pair => pair.Value).ToList();
        return Json(writer =>
        {
            if (values.Count == 0)
            {
                writer.WriteNullValue();
                return;
            }

            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        });
    }

    /// <summary>A reader over the body (an empty body reads as <c>{}</c>), before its first token.</summary>
    public Utf8JsonReader BodyReader()
    {
        ParameterBeingRead = null;
        return new Utf8JsonReader(Body.IsEmpty ? s_emptyObject : Body.Span);
    }

    private static Utf8JsonReader Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return new Utf8JsonReader(buffer.WrittenSpan);
    }
}
