using System.ComponentModel;
using System.Text.Json;

namespace FeishuApiGen;

/// <summary>
/// An object type of a spec (or a built-in one such as <see cref="I18n"/>). Generated types implement it explicitly,
/// so completion on them shows their members only; <see cref="FeishuRead"/>, <see cref="FeishuWrite"/> and
/// <see cref="FeishuValidator"/> call it for members of this type.
/// </summary>
/// <typeparam name="TSelf">The object type itself.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IFeishuObject<TSelf> where TSelf : class, IFeishuObject<TSelf>
{
    /// <summary>Reports every way the members break the spec, at paths below the validator's current one.</summary>
    void ValidateMembers(ref FeishuValidator validator);

    /// <summary>Writes the object, leaving out members that are not set.</summary>
    void WriteJson(Utf8JsonWriter writer);

    /// <summary>Reads the object; the reader is on its <c>{</c> and is left on its <c>}</c>. Unknown members are skipped.</summary>
    static abstract TSelf ReadJson(ref Utf8JsonReader reader);
}

/// <summary>A string enum of a spec: a wire value that may be one no spec lists.</summary>
/// <typeparam name="TSelf">The enum type itself.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IFeishuEnum<TSelf> where TSelf : struct, IFeishuEnum<TSelf>
{
    /// <summary>The wire value.</summary>
    string Value { get; }

    /// <summary>The value for a wire text, listed in a spec or not.</summary>
    static abstract TSelf FromWire(string value);
}
