using System.Linq;
using FeishuApiGen.Generator.Diagnostics;

namespace FeishuApiGen.Generator.Model;

/// <summary>One spec, parsed and resolved: everything the emitter needs and nothing from Roslyn's symbol world.</summary>
internal sealed record EndpointModel(
    ApiIdentity Api,
    string Title,
    string? Description,
    string? DocUrl,
    string HttpMethod,
    string Path,
    EquatableArray<RateLimitModel> RateLimits,
    EquatableArray<string> AppTypes,
    EquatableArray<string> AccessTokens,
    EquatableArray<ScopeModel> Scopes,
    EquatableArray<ScopeModel> FieldScopes,
    EquatableArray<MemberModel> RequestMembers,
    EquatableArray<MemberModel> ResponseMembers,
    EquatableArray<ObjectTypeModel> ObjectTypes,
    EquatableArray<EnumTypeModel> EnumTypes,
    EquatableArray<ErrorModel> Errors,
    string? RequestExample,
    string? ResponseExample,
    PaginationModel? Pagination = null,
    bool SpecialRateLimit = false,
    string? Deprecated = null,
    EquatableArray<SharedTypeReference> SharedReferences = default)
{
    /// <summary>POST, PUT and PATCH always send a JSON object (<c>{}</c> when empty); DELETE only when it declares body members.</summary>
    public bool HasBody => HttpMethod is "POST" or "PUT" or "PATCH" || RequestMembers.Any(m => m.Location == MemberLocation.Body);

    public string RequestTypeName => Api.RequestTypeName;

    public string ResponseTypeName => Api.ResponseTypeName;
}

/// <summary>The endpoint's identity as Feishu's API explorer names it.</summary>
internal sealed record ApiIdentity(string Project, string Version, string Resource, string Name)
{
    /// <summary>Stable id, e.g. <c>corehr.v2.probation.assessment.create</c>.</summary>
    public string Id => Project + "." + Version + "." + Resource + "." + Name;

    public string ProjectPascal => Naming.Pascal(Project);

    public string VersionPascal => Naming.Pascal(Version);

    /// <summary><c>probation.assessment</c> becomes <c>ProbationAssessment</c>, as the official SDKs group it.</summary>
    public string ResourcePascal => Naming.Pascal(Resource);

    public string MethodName => Naming.Pascal(Name) + "Async";

    /// <summary>The method that walks every page of a paginated endpoint: <c>SearchAllAsync</c> beside <c>SearchAsync</c>.</summary>
    public string PageWalkingMethodName => Naming.Pascal(Name) + "AllAsync";

    /// <summary>The method that gives each page whole, resumable from a saved token: <c>SearchPagesAsync</c>.</summary>
    public string PagesMethodName => Naming.Pascal(Name) + "PagesAsync";

    /// <summary>Name then resource, as the official SDKs name request types: <c>CreateProbationAssessment</c>.</summary>
    public string TypeNameStem => Naming.Pascal(Name) + ResourcePascal;

    public string RequestTypeName => TypeNameStem + "Request";

    public string ResponseTypeName => TypeNameStem + "Response";
}

internal sealed record RateLimitModel(int Limit, string Per);

/// <summary>
/// A paginated endpoint: the request's page token query parameter, and the response data member holding each page's
/// items (beside <c>has_more</c> and <c>page_token</c>).
/// </summary>
internal sealed record PaginationModel(string PageTokenWireName, string ItemsWireName);

internal sealed record ScopeModel(string Name, string? Title);

internal sealed record ErrorModel(int HttpStatus, int Code, string Message, string? Hint);

internal enum MemberLocation
{
    Path,
    Query,
    Body,
    Response,
}

internal enum ScalarKind
{
    String,
    Int,
    Int64,
    Float,
    Boolean,
    /// <summary>An object type with declared members (<see cref="TypeRef.ObjectTypeName"/>).</summary>
    Object,
    /// <summary>An object without declared members: any JSON, kept as a JsonElement.</summary>
    Json,
}

/// <summary>
/// A field's type. <see cref="ObjectTypeName"/> and <see cref="EnumTypeName"/> are C# names within the spec's namespace,
/// or fully qualified (<c>global::FeishuApiGen.I18n</c>) for a built-in type;
/// <see cref="EnumValues"/> are the values this field accepts (an enum type may be shared with other fields that accept others).
/// <see cref="SharedTypeName"/> is set, until resolved, on a field whose type is a shared type of the project version:
/// a spec alone cannot tell whether that is an object or an enum.
/// </summary>
internal sealed record TypeRef(ScalarKind Kind, bool IsArray, string? ObjectTypeName, string? EnumTypeName, EquatableArray<string> EnumValues, string? SharedTypeName = null)
{
    /// <summary>An integer enum's value texts, beside <see cref="EnumValues"/> ("" where the spec gives none): they go into the member's docs.</summary>
    public EquatableArray<string> EnumValueTexts { get; init; }
}

/// <summary>A spec's use of a type it does not declare, to be found among the shared types of its project version.</summary>
internal sealed record SharedTypeReference(string Name, string TypeText, LocationInfo? Location);

/// <summary>
/// A shared types file: object and enum types of one project version, declared once and used by name from any of its
/// specs. Their C# names are their own (<c>department_info</c> is <c>DepartmentInfo</c>), never prefixed.
/// </summary>
internal sealed record SharedTypesModel(
    string Project,
    string Version,
    string FilePath,
    EquatableArray<ObjectTypeModel> Objects,
    EquatableArray<EnumTypeModel> Enums,
    EquatableArray<SharedTypeReference> References,
    EquatableArray<SharedTypeDeclaration> Declarations);

/// <summary>Where a shared type is declared, for the diagnostic when two files declare one name differently.</summary>
internal sealed record SharedTypeDeclaration(string Name, string CSharpName, LocationInfo? Location);

internal sealed record ConstraintsModel(
    double? Min,
    double? Max,
    int? MinLength,
    long? MaxLength,
    int? MinItems,
    long? MaxItems,
    string? Pattern,
    string? Format)
{
    public static readonly ConstraintsModel None = new(null, null, null, null, null, null, null, null);
}

internal sealed record ScopesWhenModel(string Value, EquatableArray<string> Scopes);

internal sealed record MemberModel(
    string WireName,
    string CSharpName,
    MemberLocation Location,
    TypeRef Type,
    bool Required,
    string? Description,
    string? Example,
    string? Default,
    ConstraintsModel Constraints,
    bool IdempotencyKey,
    bool Deprecated,
    EquatableArray<ScopesWhenModel> ScopesWhen,
    EquatableArray<string> Scopes)
{
    /// <summary>
    /// Whether a caller building the member's type must set it, so it is a C# <c>required</c> member: the spec requires
    /// it, Feishu has not deprecated it, and it is not an idempotency key (which the runtime fills).
    /// </summary>
    public bool CallerMustSet => Required && !Deprecated && !IdempotencyKey;
}

/// <summary>
/// An object type. <see cref="Fingerprint"/> is its shape (members, types, constraints, nested types, not its docs):
/// two specs whose types have equal fingerprints can share one C# type.
/// </summary>
internal sealed record ObjectTypeModel(string WireName, string CSharpName, EquatableArray<MemberModel> Members, bool UsedInRequest, bool UsedInResponse, string Fingerprint = "", string? Description = null);

internal sealed record EnumValueModel(string WireValue, string CSharpName, string? Description);

/// <summary>A string enum, emitted as an extensible struct that keeps values it does not know.</summary>
internal sealed record EnumTypeModel(string CSharpName, EquatableArray<EnumValueModel> Values);

/// <summary>What the parse step hands on: the model when the spec is sound, and every diagnostic either way.</summary>
internal sealed record SpecParseResult(string FilePath, EndpointModel? Endpoint, EquatableArray<DiagnosticInfo> Diagnostics, LocationInfo? ApiLocation, SharedTypesModel? SharedTypes = null)
{
    /// <summary>The spec came from the shipped catalogue (FeishuApiSource="catalog"), so a project's own spec for its endpoint replaces it.</summary>
    public bool FromCatalog { get; init; }
}
