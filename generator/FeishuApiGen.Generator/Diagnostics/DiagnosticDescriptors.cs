using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace FeishuApiGen.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. IDs are stable: never reuse or renumber one
/// (AnalyzerReleases.*.md tracks them; docs/diagnostics.md explains each).
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "FeishuApiGen";

    /// <summary>Where each diagnostic's entry is: docs/diagnostics.md of the repository the build names (before any descriptor).</summary>
    internal static readonly string HelpBase = RepositoryUrl() + "/blob/main/docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor YamlSyntax = Error(
        "FAG001",
        "Spec is not valid YAML",
        "The spec is not valid YAML: {0}");

    public static readonly DiagnosticDescriptor MissingKey = Error(
        "FAG002",
        "Required spec key is missing",
        "'{0}' is missing the required key '{1}'; add it (see docs/spec-format.md)");

    public static readonly DiagnosticDescriptor UnknownType = Error(
        "FAG003",
        "Unknown field type",
        "Unknown type '{0}'{1}; use string, int, int64, float, boolean, object, a built-in type (i18n, enum, custom_name, custom_field_data, object_field_data), a type declared under 'types' or with 'fields', or a shared type of the project version, optionally followed by []");

    public static readonly DiagnosticDescriptor InvalidHttpMethod = Error(
        "FAG004",
        "Unsupported HTTP method",
        "HTTP method '{0}' is not supported; use GET, POST, PUT, PATCH or DELETE");

    public static readonly DiagnosticDescriptor DuplicateEndpoint = Error(
        "FAG005",
        "Endpoint declared twice",
        "Endpoint '{0}' is already declared in '{1}'; each api (project, version, resource, name) may appear in one spec only");

    public static readonly DiagnosticDescriptor InvalidName = Error(
        "FAG006",
        "Invalid name",
        "'{0}' is not a valid {1}: {2}");

    public static readonly DiagnosticDescriptor InvalidValue = Error(
        "FAG007",
        "Invalid spec value",
        "Invalid value for '{0}': {1}");

    // FAG007's own cases, each under an ID of its own so a project can configure one on its own; the message keeps
    // FAG007's form, so it reads the same.
    public static readonly DiagnosticDescriptor ConflictingBounds = Error(
        "FAG024",
        "Bounds contradict each other",
        "Invalid value for '{0}': {1}");

    public static readonly DiagnosticDescriptor InvalidDefault = Error(
        "FAG020",
        "Default the field would refuse",
        "Invalid value for '{0}': {1}");

    public static readonly DiagnosticDescriptor InvalidEnum = Error(
        "FAG021",
        "Invalid enum",
        "Invalid value for '{0}': {1}");

    public static readonly DiagnosticDescriptor ValueNotAllowed = Error(
        "FAG022",
        "Value not among those allowed",
        "Invalid value for '{0}': {1}");

    public static readonly DiagnosticDescriptor InvalidExample = Error(
        "FAG023",
        "Example that is not JSON",
        "Invalid value for '{0}': {1}");

    public static readonly DiagnosticDescriptor UnknownKey = Warning(
        "FAG008",
        "Unknown spec key",
        "Unknown key '{0}' in {1}; it is ignored (known keys: {2})");

    public static readonly DiagnosticDescriptor PathParameterMismatch = Error(
        "FAG009",
        "Path parameters do not match the path",
        "{0}");

    public static readonly DiagnosticDescriptor ConflictingType = Error(
        "FAG010",
        "Type declared twice with different members",
        "Type '{0}' is declared twice with different fields; declare it once (under 'types') and refer to it by name");

    public static readonly DiagnosticDescriptor InvalidPattern = Error(
        "FAG011",
        "Invalid regular expression",
        "'pattern' is not a valid regular expression: {0}");

    public static readonly DiagnosticDescriptor ConstraintNotApplicable = Error(
        "FAG012",
        "Constraint does not apply to the field's type",
        "'{0}' does not apply to a field of type '{1}'; {2}");

    public static readonly DiagnosticDescriptor UnsupportedSpecVersion = Error(
        "FAG013",
        "Unsupported spec_version",
        "spec_version '{0}' is not supported by this generator; it reads spec_version 1");

    public static readonly DiagnosticDescriptor InvalidNamespace = Error(
        "FAG014",
        "Invalid FeishuApiGenNamespace",
        "FeishuApiGenNamespace '{0}' is not a valid C# namespace; the default 'Feishu' is used");

    public static readonly DiagnosticDescriptor AmbiguousPageItems = Warning(
        "FAG015",
        "Paginated endpoint with several item arrays",
        "The endpoint pages with page_token and has_more, but response.data has several arrays ({0}); name the one holding the items with 'pagination: {{ items: <name> }}' to get the iterator method");

    public static readonly DiagnosticDescriptor BuiltInTypeDeclared = Error(
        "FAG016",
        "Built-in type declared",
        "'{0}' is a built-in type ({1}); remove this declaration and use it by name, or give a type of other fields another name");

    public static readonly DiagnosticDescriptor TypeNameTaken = Error(
        "FAG017",
        "Two specs generate one type name",
        "The C# type '{0}' is generated by both {1} and {2}; give one of them another name (csharp_name, or the shared type's name)");

    public static readonly DiagnosticDescriptor CatalogSpecReplaced = Info(
        "FAG018",
        "Project spec replaces the catalogue's",
        "This spec replaces the catalogue's spec of '{0}' ({1}); remove it to use the catalogue's again");

    public static readonly DiagnosticDescriptor NoSpecReached = Warning(
        "FAG025",
        "No endpoint spec reached the generator",
        "FeishuApiGen is referenced but no endpoint spec reached it, so FeishuClient has no endpoints: choose catalogue endpoints with <FeishuApis>corehr.v2.employee.*</FeishuApis> or FeishuApi items, or add your specs as <AdditionalFiles Include=\"specs/**/*.yaml\" />");

    // Reported on C#, not on a spec: by EnumLiteralAnalyzer, on the user's code.
    public static readonly DiagnosticDescriptor UndocumentedEnumValue = Warning(
        Analysis.EnumLiteralAnalyzer.DiagnosticId,
        "Not a documented value of the enum",
        "\"{0}\" is not a documented value of {1}: {2}");

    public static readonly DiagnosticDescriptor InternalError = Error(
        "FAG999",
        "Generator failed on a spec",
        "FeishuApiGen could not generate code for this spec ({0}: {1}); other specs are unaffected. Please report this with the spec.");

    private static string RepositoryUrl() =>
        typeof(DiagnosticDescriptors).Assembly.GetCustomAttributes(typeof(AssemblyMetadataAttribute), inherit: false)
            .Cast<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "RepositoryUrl")
            .Value!
            .TrimEnd('/');

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());

    private static DiagnosticDescriptor Info(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Info, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());
}
