using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace FeishuApiGen.Generator.Diagnostics;

/// <summary>A place in a spec file, kept as plain data so pipeline values stay cacheable.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}

/// <summary>A diagnostic to report, kept as plain data until it is reported.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, string[] Arguments)
{
    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, Arguments);

    public bool Equals(DiagnosticInfo? other) =>
        other is not null
        && Descriptor.Id == other.Descriptor.Id
        && Location == other.Location
        && System.Linq.Enumerable.SequenceEqual(Arguments, other.Arguments);

    public override int GetHashCode() => (Descriptor.Id, Location).GetHashCode();
}
