using System.Text.Json;
using System.Text.Json.Nodes;
using FeishuApiGen.Testing;
using Gen = Feishu.Kitchen.V1;

namespace FeishuApiGen.Runtime.Tests.Generated;

/// <summary>
/// Code generated from tests/Specs/kitchen-sink.yaml: path parameters, query arrays, every scalar type,
/// nested and free-form objects, and every constraint, sent to and read from the loopback stand-in.
/// </summary>
public sealed class KitchenSinkTests : LoopbackClientTest
{
    internal static Gen.UpdateTestKitchenSinkRequest Valid() => new()
    {
        SinkId = "a/b ?#../中",
        ItemNo = 42,
        Ids = ["1", "2"],
        PageSize = 10,
        Verbose = true,
        Ratio = 0.5,
        StatusFilter = [Gen.UpdateTestKitchenSink.StatusFilter.Active, Gen.UpdateTestKitchenSink.StatusFilter.Inactive],
        Name = "abc_x",
        EffectiveDate = "2026-11-26",
        EmployeeId = "7140964208476371111",
        Score = 99.5,
        Count = 4_000_000_000,
        Tags = ["a", "bb"],
        Extra = JsonDocument.Parse("""{"free": [1, "two", null]}""").RootElement,
        Address = new Gen.Address { City = "北京", Lines = ["1 Main St"] },
        Contacts = [new Gen.Contact { Kind = Gen.ContactKind.Email, Value = "a@example.com" }],
        Class = "k",
        _2fa = false,
        UserName = "hyphen",
        AB = "dot",
        UserNameValue = "case",
        Nickname = "renamed",
    };

    [Fact]
    public async Task Every_member_goes_where_the_spec_says_with_its_exact_wire_name()
    {
        Server.Map("PATCH", "/open-apis/kitchen/v1/kitchen_sinks/:sink_id/items/:item_no", _ => FakeAnswer.Success("{}"));

        await Feishu.Kitchen.V1.TestKitchenSink.UpdateAsync(Valid());

        var sent = Assert.Single(Server.ApiRequests);
        Assert.Equal("PATCH", sent.Method);
        // The hostile path parameter stays one segment: nothing in it can change the path.
        Assert.Equal("/open-apis/kitchen/v1/kitchen_sinks/a%2Fb%20%3F%23..%2F%E4%B8%AD/items/42", sent.Path);
        Assert.Equal("?ids=1&ids=2&page_size=10&verbose=true&ratio=0.5&status_filter=active&status_filter=inactive", sent.QueryString);
        var expected = JsonNode.Parse("""
            {
              "name": "abc_x", "effective_date": "2026-11-26", "employee_id": "7140964208476371111", "score": 99.5,
              "count": 4000000000, "tags": ["a", "bb"], "extra": {"free": [1, "two", null]},
              "address": {"city": "北京", "lines": ["1 Main St"]},
              "contacts": [{"kind": "email", "value": "a@example.com"}],
              "class": "k", "2fa": false, "user-name": "hyphen", "a.b": "dot", "User_Name": "case", "renamed": "renamed"
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(sent.Body)), "body: " + sent.Body);
    }

    [Fact]
    public async Task Every_constraint_is_checked_and_every_violation_named_before_anything_is_sent()
    {
        var request = Valid();
        request.SinkId = "";
        request.Ids = ["1", "2", "3", "4"];
        request.PageSize = 0;
        request.StatusFilter = [new Gen.UpdateTestKitchenSink.StatusFilter("retired")];
        request.Name = "ABC";
        request.EffectiveDate = "2026-13-01";
        request.EmployeeId = "71409x";
        request.Score = 100.5;
        request.Count = -6;
        request.Tags = ["a", "b", "c"];
        request.Address = new Gen.Address { City = null };
        request.Contacts = [new Gen.Contact { Kind = "fax", Value = "" }, null!];

        var refused = await Assert.ThrowsAsync<FeishuValidationException>(() => Feishu.Kitchen.V1.TestKitchenSink.UpdateAsync(request));

        Assert.Equal(
            [
                "sink_id", "ids", "page_size", "status_filter[0]", "name", "effective_date", "employee_id", "score", "count",
                "tags", "address.city", "contacts[0].kind", "contacts[0].value", "contacts[1]",
            ],
            refused.Errors.Select(e => e.Path));
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public void The_pattern_must_match_the_whole_value_even_with_alternatives()
    {
        var request = Valid();
        request.Name = "ab_x";
        Assert.Empty(request.Validate());

        request.Name = "ab_x!";
        Assert.Equal("name", Assert.Single(request.Validate()).Path);
    }

    [Fact]
    public async Task Integer_enums_accept_their_documented_values_and_refuse_others_before_sending()
    {
        Server.Map("PATCH", "/open-apis/kitchen/v1/kitchen_sinks/:sink_id/items/:item_no", _ => FakeAnswer.Success("{}"));
        var request = Valid();
        request.Level = 2;
        request.Levels = [-1, 5_000_000_000];
        Assert.Empty(request.Validate());

        request.Level = 3;
        request.Levels = [-1, 7];
        var refused = await Assert.ThrowsAsync<FeishuValidationException>(() => Feishu.Kitchen.V1.TestKitchenSink.UpdateAsync(request));

        Assert.Equal(["level: '3' is not one of: 1, 2", "levels[1]: '7' is not one of: -1, 5000000000"], refused.Errors.Select(e => e.ToString()));
        Assert.Empty(Server.ApiRequests);
    }

    [Fact]
    public async Task Nested_objects_arrays_numbers_and_unknown_enum_values_are_read_from_the_response()
    {
        Server.Map("PATCH", "/open-apis/kitchen/v1/kitchen_sinks/:sink_id/items/:item_no", _ => FakeAnswer.Success("""
            {
              "sink": {"id": "s1", "contacts": [{"kind": "pager", "value": "123"}], "size": "7", "created": true, "ratio": 1e-3,
                       "meta": {"any": ["thing"]}, "state": "archived", "unknown": {"deep": [[]]}},
              "items": ["9007199254740993", 2],
              "total": 3
            }
            """));

        var answer = await Feishu.Kitchen.V1.TestKitchenSink.UpdateAsync(Valid());

        Assert.NotNull(answer.Sink);
        Assert.Equal("s1", answer.Sink.Id);
        var contact = Assert.Single(answer.Sink.Contacts!);
        Assert.Equal("pager", contact.Kind!.Value.Value);
        Assert.False(contact.Kind.Value.IsKnown);
        Assert.Equal(7, answer.Sink.Size);
        Assert.True(answer.Sink.Created);
        Assert.Equal(0.001, answer.Sink.Ratio);
        Assert.Equal("thing", answer.Sink.Meta!.Value.GetProperty("any")[0].GetString());
        Assert.Equal("archived", answer.Sink.State!.Value.Value);
        Assert.Equal([9007199254740993L, 2L], answer.Items);
        Assert.Equal(3L, answer.Total);
    }

    [Fact]
    public async Task A_GET_style_absent_data_member_yields_empty_arrays_not_nulls()
    {
        Server.Map("PATCH", "/open-apis/kitchen/v1/kitchen_sinks/:sink_id/items/:item_no", _ => FakeAnswer.Json(200, """{"code": 0, "msg": "ok"}"""));

        var answer = await Feishu.Kitchen.V1.TestKitchenSink.UpdateAsync(Valid());

        Assert.Null(answer.Sink);
        Assert.Empty(answer.Items);
        Assert.Null(answer.Total);
    }

    [Fact]
    public async Task The_options_overload_calls_with_a_user_token_and_default_still_picks_the_plain_overload()
    {
        const string UserToken = "u-K1tch3nUs3r_7Hq";
        await using var server = await FakeFeishu.StartAsync(new FakeFeishuOptions { AppId = AppId, AppSecret = AppSecret, UserAccessTokens = { UserToken } });
        server.Map("PATCH", "/open-apis/kitchen/v1/kitchen_sinks/:sink_id/items/:item_no", _ => FakeAnswer.Success("{}"));
        using var feishu = new global::Feishu.FeishuClient(new FeishuClientOptions { AppId = AppId, AppSecret = AppSecret, BaseAddress = server.BaseAddress });

        await feishu.Kitchen.V1.TestKitchenSink.UpdateAsync(Valid(), new FeishuRequestOptions { UserAccessToken = UserToken }, CancellationToken.None);
        await feishu.Kitchen.V1.TestKitchenSink.UpdateAsync(Valid(), default);

        var sent = server.ApiRequests;
        Assert.Equal("Bearer " + UserToken, sent[0].Header("Authorization"));
        Assert.Equal("Bearer " + server.IssuedTokens.Single(), sent[1].Header("Authorization"));
    }
}
