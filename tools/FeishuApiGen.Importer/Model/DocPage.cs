namespace FeishuApiGen.Importer.Model;

/// <summary>
/// Every fact one Feishu server-API doc page states, as read from the page and before it becomes a spec. Plain data:
/// the readers of each page form build it, the spec writer reads it.
/// </summary>
internal sealed record DocPage
{
    public required string Title { get; init; }

    /// <summary>The first paragraph under the title.</summary>
    public string? Description { get; init; }

    /// <summary>The page's address on Feishu's doc site, when the page names it.</summary>
    public string? DocUrl { get; init; }

    /// <summary>When Feishu last updated the page.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    public required string HttpMethod { get; init; }

    /// <summary>The path, from <c>/open-apis/</c> on, with path parameters as <c>:name</c>.</summary>
    public required string HttpPath { get; init; }

    /// <summary>Every documented window (接口频率限制), e.g. 1000 per minute and 50 per second.</summary>
    public IReadOnlyList<DocRateLimit> RateLimits { get; init; } = [];

    /// <summary>The page says 特殊频控: a limit exists but has no number on the page.</summary>
    public bool SpecialRateLimit { get; init; }

    /// <summary><c>custom</c> (自建应用) and/or <c>store</c> (商店应用).</summary>
    public IReadOnlyList<string> AppTypes { get; init; } = [];

    /// <summary><c>tenant</c>, <c>user</c> and/or <c>app</c>, from the Authorization row.</summary>
    public IReadOnlyList<string> AccessTokens { get; init; } = [];

    /// <summary>权限要求: any one suffices.</summary>
    public IReadOnlyList<DocScope> Scopes { get; init; } = [];

    /// <summary>字段权限要求: sensitive response fields come back only with these.</summary>
    public IReadOnlyList<DocScope> FieldScopes { get; init; } = [];

    public IReadOnlyList<DocField> PathParams { get; init; } = [];

    public IReadOnlyList<DocField> Query { get; init; } = [];

    public IReadOnlyList<DocField> Body { get; init; } = [];

    /// <summary>The members of the answer's <c>data</c>.</summary>
    public IReadOnlyList<DocField> ResponseData { get; init; } = [];

    /// <summary>错误码: the codes the page lists, in page order.</summary>
    public IReadOnlyList<DocError> Errors { get; init; } = [];

    public string? RequestExample { get; init; }

    public string? ResponseExample { get; init; }

    /// <summary>The page is one of Feishu's historic versions (历史版本); the importer is told so (<c>--deprecated</c>).</summary>
    public bool Deprecated { get; init; }

    /// <summary>What the reader could not map, each with where it stands on the page.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];
}

/// <summary>One documented window: <see cref="Limit"/> calls per <see cref="Per"/> (<c>second</c>, <c>minute</c>, <c>hour</c>, <c>day</c>).</summary>
internal sealed record DocRateLimit(int Limit, string Per);

/// <summary>One row of the 错误码 table: HTTP status, Feishu's code, its message (描述) and what to do (排查建议).</summary>
internal sealed record DocError(int HttpStatus, int Code, string Message, string? Hint);

/// <summary>A permission scope and its title on the page.</summary>
internal sealed record DocScope(string Name, string Title);

/// <summary>One row of a parameter or body table, with the rows nested under it.</summary>
internal sealed class DocField
{
    /// <summary>The wire name; the reader corrects it where the page itself says the JSON key differs from the table's.</summary>
    public required string Name { get; set; }

    /// <summary>The type as the page writes it: <c>string</c>, <c>int</c>, <c>number(float)</c>, <c>assessment_for_create[]</c>…</summary>
    public required string Type { get; init; }

    public bool Required { get; init; }

    public string? Description { get; set; }

    public string? Example { get; set; }

    public string? Default { get; set; }

    /// <summary>可选值有: wire value and its text, in page order.</summary>
    public List<KeyValuePair<string, string>> Enum { get; } = [];

    /// <summary>字段权限要求 on the field itself: a response member comes back, or a request member may be sent, only with one of these.</summary>
    public List<string> Scopes { get; } = [];

    /// <summary>当值为 X，字段权限要求: the scopes a value needs.</summary>
    public List<KeyValuePair<string, List<string>>> ScopesWhen { get; } = [];

    /// <summary>数据校验规则 长度范围 / 最大长度: characters on a string, items on a list.</summary>
    public long? MinLength { get; set; }

    public long? MaxLength { get; set; }

    /// <summary>数据校验规则 取值范围.</summary>
    public decimal? Min { get; set; }

    public decimal? Max { get; set; }

    /// <summary>数据校验规则 正则校验.</summary>
    public string? Pattern { get; set; }

    public List<DocField> Children { get; } = [];
}
