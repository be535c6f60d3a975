using System.Text.Json.Nodes;
using Feishu.Kitchen.V1;
using FeishuApiGen.Testing;

namespace FeishuApiGen.Runtime.Tests.Generated;

/// <summary>
/// The generated page-walking method of <c>tests/Specs/kitchen-pages.yaml</c> (a GET with <c>page_token</c>, answering
/// <c>items</c>, <c>has_more</c> and <c>page_token</c>) against the loopback stand-in, and the query defaults it declares.
/// </summary>
public sealed class PaginationTests : LoopbackClientTest
{
    private const string ListPath = "/open-apis/kitchen/v1/kitchen_sinks";

    [Fact]
    public async Task Every_item_of_every_page_comes_back_in_order_and_each_page_is_asked_for_with_the_previous_token()
    {
        MapPages(("", ["a", "b"], true, "t2"), ("t2", ["c"], true, "t3"), ("t3", ["d", "e"], false, ""));
        var request = new ListTestKitchenSinkRequest { PageSize = 2 };

        var values = await ValuesAsync(Feishu.Kitchen.V1.TestKitchenSink.ListAllAsync(request));

        Assert.Equal(["a", "b", "c", "d", "e"], values);
        Assert.Equal([[], ["t2"], ["t3"]], Server.ApiRequests.Select(r => r.Query("page_token")));
        Assert.All(Server.ApiRequests, r => Assert.Equal(["2"], r.Query("page_size")));
        // The caller's request is never changed: walking again starts from the first page.
        Assert.Null(request.PageToken);
    }

    [Fact]
    public async Task Walking_starts_at_the_callers_own_page_token()
    {
        MapPages(("t2", ["c"], true, "t3"), ("t3", ["d"], false, ""));

        var values = await ValuesAsync(Feishu.Kitchen.V1.TestKitchenSink.ListAllAsync(new ListTestKitchenSinkRequest { PageToken = "t2" }));

        Assert.Equal(["c", "d"], values);
        Assert.Equal([["t2"], ["t3"]], Server.ApiRequests.Select(r => r.Query("page_token")));
    }

    [Fact]
    public async Task Walking_stops_when_has_more_is_true_but_no_next_token_is_given()
    {
        MapPages(("", ["a"], true, "t2"), ("t2", ["b"], true, ""));

        var values = await ValuesAsync(Feishu.Kitchen.V1.TestKitchenSink.ListAllAsync(new ListTestKitchenSinkRequest()));

        Assert.Equal(["a", "b"], values);
        Assert.Equal(2, Server.ApiRequests.Count);
    }

    [Fact]
    public async Task A_page_token_Feishu_repeats_ends_the_walk_with_a_protocol_error_instead_of_looping_forever()
    {
        MapPages(("", ["a"], true, "t2"), ("t2", ["b"], true, "t3"), ("t3", ["c"], true, "t2"));
        var seen = new List<string>();

        var error = await Assert.ThrowsAsync<FeishuProtocolException>(async () =>
        {
            await foreach (var item in Feishu.Kitchen.V1.TestKitchenSink.ListAllAsync(new ListTestKitchenSinkRequest()))
            {
                seen.Add(item.Value!);
            }
        });

        Assert.Equal(["a", "b", "c"], seen);
        Assert.Equal(3, Server.ApiRequests.Count);
        Assert.Contains("page_token already seen", error.Message, StringComparison.Ordinal);
        Assert.Equal("kitchen.v1.test.kitchen_sink.list", error.EndpointId);
    }

    [Fact]
    public async Task Cancelling_the_enumeration_stops_before_the_next_page_is_fetched()
    {
        MapPages(("", ["a", "b"], true, "t2"), ("t2", ["c"], false, ""));
        using var cancellation = new CancellationTokenSource();
        var seen = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var item in Feishu.Kitchen.V1.TestKitchenSink.ListAllAsync(new ListTestKitchenSinkRequest()).WithCancellation(cancellation.Token))
            {
                seen.Add(item.Value!);
                await cancellation.CancelAsync();
            }
        });

        Assert.Equal(["a", "b"], seen);
        Assert.Single(Server.ApiRequests);
    }

    [Fact]
    public async Task A_page_walk_stopped_after_a_page_resumes_from_that_pages_token_without_repeating_or_skipping_an_item()
    {
        MapPages(("", ["a", "b"], true, "t2"), ("t2", ["c"], true, "t3"), ("t3", ["d", "e"], false, ""));
        var request = new ListTestKitchenSinkRequest { PageSize = 2 };

        // The first walk stops after its first page and keeps the token that page gives: what a job saves before it stops.
        string? saved = null;
        var firstItems = new List<string>();
        await foreach (var page in Feishu.Kitchen.V1.TestKitchenSink.ListPagesAsync(request))
        {
            firstItems.AddRange(page.Items.Select(i => i.Value!));
            Assert.Equal(System.Net.HttpStatusCode.OK, page.GetRawAnswer().Status);
            saved = page.PageToken;
            break;
        }

        // A second walk, as another process would start it, resumes after that page.
        var pages = new List<ListTestKitchenSinkResponse>();
        await foreach (var page in Feishu.Kitchen.V1.TestKitchenSink.ListPagesAsync(request, saved))
        {
            pages.Add(page);
        }

        Assert.Equal(["a", "b"], firstItems);
        Assert.Equal("t2", saved);
        Assert.Equal(["c", "d", "e"], pages.SelectMany(p => p.Items).Select(i => i.Value!));
        Assert.Equal(["t3", ""], pages.Select(p => p.PageToken));
        Assert.Equal([true, false], pages.Select(p => p.HasMore == true));
        // Only the pages each walk needed were fetched: the first page once, the rest once each.
        Assert.Equal([[], ["t2"], ["t3"]], Server.ApiRequests.Select(r => r.Query("page_token")));
        Assert.Null(request.PageToken);
    }

    [Fact]
    public async Task A_resumed_walk_that_Feishu_leads_back_to_its_start_token_ends_with_a_protocol_error_before_repeating_a_page()
    {
        MapPages(("t2", ["c"], true, "t3"), ("t3", ["d"], true, "t2"));
        var seen = new List<string>();

        var error = await Assert.ThrowsAsync<FeishuProtocolException>(async () =>
        {
            await foreach (var page in Feishu.Kitchen.V1.TestKitchenSink.ListPagesAsync(new ListTestKitchenSinkRequest(), continuationToken: "t2"))
            {
                seen.AddRange(page.Items.Select(i => i.Value!));
            }
        });

        Assert.Equal(["c", "d"], seen);
        Assert.Equal(2, Server.ApiRequests.Count);
        Assert.Contains("page_token already seen", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_walk_without_a_continuation_token_starts_at_the_requests_own_page_token()
    {
        MapPages(("t2", ["c"], true, "t3"), ("t3", ["d"], false, ""));

        var pages = new List<ListTestKitchenSinkResponse>();
        await foreach (var page in Feishu.Kitchen.V1.TestKitchenSink.ListPagesAsync(new ListTestKitchenSinkRequest { PageToken = "t2" }))
        {
            pages.Add(page);
        }

        Assert.Equal(["c", "d"], pages.SelectMany(p => p.Items).Select(i => i.Value!));
        Assert.Equal([["t2"], ["t3"]], Server.ApiRequests.Select(r => r.Query("page_token")));
    }

    [Fact]
    public async Task A_request_that_breaks_the_spec_is_refused_when_the_method_is_called_with_nothing_sent()
    {
        MapPages(("", ["a"], false, ""));

        var error = Assert.Throws<FeishuValidationException>(() =>
            Feishu.Kitchen.V1.TestKitchenSink.ListAllAsync(new ListTestKitchenSinkRequest { PageSize = 500 }));

        Assert.Contains(error.Errors, e => e.Path == "page_size");
        await Task.Yield();
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task Query_defaults_are_sent_when_unset_and_the_callers_values_when_set_and_a_GET_has_no_body()
    {
        MapPages(("", [], false, ""));

        await Feishu.Kitchen.V1.TestKitchenSink.ListAsync(new ListTestKitchenSinkRequest());
        await Feishu.Kitchen.V1.TestKitchenSink.ListAsync(new ListTestKitchenSinkRequest
        {
            PageSize = 5,
            Verbose = false,
            Ratio = 1e-7,
            UserIdType = UserIdType.UnionId,
            Ids = ["1", "x y"],
        });

        var (unset, set) = (Server.ApiRequests[0], Server.ApiRequests[1]);
        Assert.Equal("?page_size=20&verbose=true&ratio=0.5&user_id_type=open_id", unset.QueryString);
        Assert.Equal("?page_size=5&ids=1&ids=x%20y&verbose=false&ratio=1E-07&user_id_type=union_id", set.QueryString);
        Assert.All(Server.ApiRequests, r =>
        {
            Assert.Equal("GET", r.Method);
            Assert.Equal(string.Empty, r.Body);
            Assert.Null(r.Header("Content-Type"));
        });
    }

    private static async Task<List<string>> ValuesAsync(IAsyncEnumerable<Contact> items)
    {
        var values = new List<string>();
        await foreach (var item in items)
        {
            Assert.Equal(ContactKind.Phone, item.Kind);
            values.Add(item.Value!);
        }

        return values;
    }

    /// <summary>Answers each page by the page token asked for ("" for none).</summary>
    private void MapPages(params (string Token, string[] Values, bool HasMore, string Next)[] pages)
    {
        Server.Map("GET", ListPath, request =>
        {
            var token = request.Query("page_token").SingleOrDefault() ?? string.Empty;
            var page = pages.Single(p => p.Token == token);
            var items = new JsonArray(page.Values.Select(v => (JsonNode)new JsonObject { ["kind"] = "phone", ["value"] = v }).ToArray());
            var data = new JsonObject { ["items"] = items, ["has_more"] = page.HasMore, ["page_token"] = page.Next };
            return FakeAnswer.Json(200, new JsonObject { ["code"] = 0, ["msg"] = "success", ["data"] = data }.ToJsonString());
        });
    }
}
