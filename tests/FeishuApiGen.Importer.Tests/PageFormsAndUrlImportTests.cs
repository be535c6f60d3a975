using System.Net;
using System.Text;
using System.Text.Json;
using FeishuApiGen.Importer.Emit;
using FeishuApiGen.Importer.Parsing;

namespace FeishuApiGen.Importer.Tests;

/// <summary>
/// The other page forms: Feishu's raw doc source (the <c>:::html</c> blocks its doc portal serves) and the flat <c>.md</c>
/// export each import to the same spec as the page's └ Markdown form, and a page is imported by its doc URL from a doc
/// portal served on loopback.
/// </summary>
public sealed class PageFormsAndUrlImportTests
{
    private const string PagePath = "/uAjLw4CM/ukTMukTMukTM/corehr-v2/approval-record/query";

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    private static string SpecOf(string treeMarkdown)
    {
        var page = TreeMarkdownReader.Read(treeMarkdown);
        return SpecWriter.Write(page, new List<string>(page.Problems));
    }

    [Fact]
    public void The_raw_doc_source_of_a_page_imports_to_the_same_spec_as_its_markdown_form()
    {
        var raw = Fixture("raw-page-notes.md");
        Assert.True(RawSourceConverter.Recognizes(raw));
        Assert.False(RawSourceConverter.Recognizes(Fixture("tree-page-notes.md")));

        var converted = RawSourceConverter.ToTreeMarkdown(raw);

        Assert.Equal(SpecOf(Fixture("tree-page-notes.md")), SpecOf(converted));
        // Spot checks of what the tags stand for: a level-3 row, an enum, a scope and the app types.
        Assert.Contains("| &nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;└ `zh_cn` | `string` |", converted, StringComparison.Ordinal);
        Assert.Contains("**可选值有**：<br>- `pending`: 审批中 - `approved`: 已通过", converted, StringComparison.Ordinal);
        Assert.Contains("`corehr:approval:read` 查看审批记录", converted, StringComparison.Ordinal);
        Assert.Contains("| 支持的应用类型 | custom,isv |", converted, StringComparison.Ordinal);
    }

    [Fact]
    public void The_flat_export_of_a_page_imports_to_the_same_spec_as_its_markdown_form_with_the_nesting_its_examples_show()
    {
        var flat = Fixture("flat-contract-search.md");
        Assert.True(FlatMarkdownConverter.Recognizes(flat));
        Assert.False(FlatMarkdownConverter.Recognizes(Fixture("tree-contract-search.md")));
        // The twin's response example shows signer_id too, as the flat page's does: every row's place is then known.
        var tree = Fixture("tree-contract-search.md").Replace("\"salary\": \"10000\"}", "\"salary\": \"10000\", \"signer_id\": \"ou_1\"}", StringComparison.Ordinal);
        var warnings = new List<string>();

        var converted = FlatMarkdownConverter.ToTreeMarkdown(flat, warnings);

        Assert.Empty(warnings);
        Assert.Equal(SpecOf(tree), SpecOf(converted));
        Assert.Contains("| &nbsp;&nbsp;&nbsp;&nbsp;└ `months` | `int` | 是 |", converted, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flat_row_no_example_places_is_put_at_the_top_level_with_a_warning_naming_its_line()
    {
        var flat = Fixture("flat-contract-search.md").Replace(", \"signer_id\": \"ou_1\"}", "}", StringComparison.Ordinal);
        var warnings = new List<string>();

        var converted = FlatMarkdownConverter.ToTreeMarkdown(flat, warnings);

        var line = flat.Split('\n').ToList().FindIndex(l => l.StartsWith("signer_id |", StringComparison.Ordinal)) + 1;
        Assert.Equal($"line {line}: the flat page does not say where 'signer_id' is nested (no example shows it); it is placed at the top level: check it", Assert.Single(warnings));
        Assert.Contains("| &nbsp;&nbsp;└ `signer_id` |", converted, StringComparison.Ordinal);

        // The command says it on standard error, located in the file, and still writes the spec.
        var file = Path.Combine(Path.GetTempPath(), $"flat-{Guid.NewGuid():N}.md");
        File.WriteAllText(file, flat);
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            Assert.Equal(0, Cli.Run(["import", file], TextReader.Null, stdout, stderr));
            Assert.Contains($"feishu-apigen: {file}: line {line}: the flat page does not say where 'signer_id' is nested", stderr.ToString(), StringComparison.Ordinal);
            Assert.Contains("api: { project: corehr, version: v2, resource: contract.record, name: search }", stdout.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_page_is_imported_by_its_doc_url_from_the_doc_portal()
    {
        var raw = Fixture("raw-page-notes.md");
        var content = raw[(raw.IndexOf("-->", StringComparison.Ordinal) + 3)..].TrimStart('\n');
        await using var portal = await DocPortalStandIn.StartAsync(request =>
            request.Url!.AbsolutePath == "/document_portal/v1/document/get_detail" && request.QueryString["fullPath"] == PagePath
                ? (200, JsonSerializer.Serialize(new { code = 0, msg = "success", data = new { content, updateTime = "1767225600000" } }))
                : (200, JsonSerializer.Serialize(new { code = 4001, msg = "document not found" })));
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await Task.Run(() => Cli.Run(["import", "https://open.feishu.cn/document" + PagePath, "--portal", portal.BaseAddress], TextReader.Null, stdout, stderr));

        Assert.True(exit == 0, stderr.ToString());
        Assert.Equal(SpecOf(Fixture("tree-page-notes.md")), stdout.ToString());
        var asked = Assert.Single(portal.Requests);
        Assert.Equal("zh-CN", asked.Language);

        var missing = new StringWriter();
        Assert.Equal(1, Cli.Run(["import", "https://open.feishu.cn/document/uAjLw4CM/ukTMukTMukTM/corehr-v2/nowhere/get", "--portal", portal.BaseAddress], TextReader.Null, new StringWriter(), missing));
        Assert.Contains("the doc portal answered code 4001 (document not found)", missing.ToString(), StringComparison.Ordinal);

        var notAPage = new StringWriter();
        Assert.Equal(1, Cli.Run(["import", "https://open.feishu.cn/app", "--portal", portal.BaseAddress], TextReader.Null, new StringWriter(), notAPage));
        Assert.Contains("is not a doc page address", notAPage.ToString(), StringComparison.Ordinal);
    }

    /// <summary>An HTTP server on 127.0.0.1 answering as Feishu's doc portal does.</summary>
    private sealed class DocPortalStandIn : IAsyncDisposable
    {
        private readonly HttpListener _listener;
        private readonly Task _serving;

        private DocPortalStandIn(HttpListener listener, Func<HttpListenerRequest, (int Status, string Body)> answer)
        {
            _listener = listener;
            _serving = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync();
                    }
                    catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                    {
                        return;
                    }

                    lock (Requests)
                    {
                        Requests.Add((context.Request.RawUrl ?? "", context.Request.Headers["Accept-Language"] ?? ""));
                    }

                    var (status, body) = answer(context.Request);
                    var bytes = Encoding.UTF8.GetBytes(body);
                    context.Response.StatusCode = status;
                    context.Response.ContentType = "application/json; charset=utf-8";
                    await context.Response.OutputStream.WriteAsync(bytes);
                    context.Response.Close();
                }
            });
        }

        public string BaseAddress => _listener.Prefixes.Single().TrimEnd('/');

        public List<(string Url, string Language)> Requests { get; } = [];

        public static Task<DocPortalStandIn> StartAsync(Func<HttpListenerRequest, (int Status, string Body)> answer)
        {
            for (var attempt = 0; ; attempt++)
            {
                var listener = new HttpListener();
                listener.Prefixes.Add($"http://127.0.0.1:{Random.Shared.Next(20000, 60000)}/");
                try
                {
                    listener.Start();
                    return Task.FromResult(new DocPortalStandIn(listener, answer));
                }
                catch (HttpListenerException) when (attempt < 20)
                {
                    listener.Close(); // The port was taken: try another.
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            _listener.Close();
            await _serving;
        }
    }
}
