namespace FeishuApiGen.Importer.Coverage;

/// <summary>The kinds of fact a doc page states and a spec carries, counted alike on both sides.</summary>
internal static class Facts
{
    public const string RateLimit = "rate limit";
    public const string AppTypes = "app types";
    public const string AccessTokens = "access tokens";
    public const string Scopes = "scopes";
    public const string FieldScopes = "field scopes";
    public const string Required = "required flags";
    public const string EnumValues = "enum values";
    public const string Defaults = "defaults";
    public const string Rules = "validation rules";
    public const string NumericTypes = "numeric types";
    public const string FieldExamples = "field examples";
    public const string JsonExamples = "JSON examples";
    public const string ErrorCodes = "error codes";

    public static readonly string[] All =
        [RateLimit, AppTypes, AccessTokens, Scopes, FieldScopes, Required, EnumValues, Defaults, Rules, NumericTypes, FieldExamples, JsonExamples, ErrorCodes];

    /// <summary>Feishu's everyday objects: their members are the runtime's, so neither side counts them.</summary>
    public static readonly HashSet<string> BuiltInTypes = new(StringComparer.Ordinal) { "i18n", "enum", "custom_name", "custom_field_data", "object_field_data" };

    public static readonly HashSet<string> NumericTypeNames = new(StringComparer.Ordinal) { "int", "int64", "float", "number(float)", "number", "double", "long" };
}

/// <summary>Counts of each kind of fact.</summary>
internal sealed class FactCounts
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public int this[string fact] => _counts.GetValueOrDefault(fact);

    public void Add(string fact, int count = 1)
    {
        if (count > 0)
        {
            _counts[fact] = _counts.GetValueOrDefault(fact) + count;
        }
    }
}
