using System.Text.Json.Nodes;
using FeishuApiGen.Testing;
using Gen = Feishu.Kitchen.V1;

namespace FeishuApiGen.Runtime.Tests.Generated;

/// <summary>
/// The kitchen specs (tests/Specs/kitchen-*.yaml) in one namespace: the shared types file declares <c>address</c>,
/// <c>contact</c> and the <c>user_id_type</c> enum once, for every spec; the twin declares a <c>contact</c> of its own,
/// nested in its endpoint's class beside the shared one; each field accepts only the enum values it lists.
/// </summary>
public sealed class SharedTypesTests : LoopbackClientTest
{
    [Fact]
    public async Task One_shared_address_type_serves_both_endpoints_and_the_twin_s_own_contact_is_its_own()
    {
        Server.Map("POST", "/open-apis/kitchen/v1/kitchen_sinks", _ => FakeAnswer.Success("""{"address": {"city": "上海", "lines": ["x"]}, "contact_ids": ["c1"]}"""));
        var address = new Gen.Address { City = "上海", Lines = ["x"] };

        var created = await Feishu.Kitchen.V1.TestKitchenSink.CreateAsync(new Gen.CreateTestKitchenSinkRequest
        {
            Address = address,
            Contacts = [new Gen.CreateTestKitchenSink.Contact { Phone = "+8613800000000" }],
        });
        var update = new Gen.UpdateTestKitchenSinkRequest { SinkId = null, ItemNo = null, Name = null, Address = address };

        Assert.Same(address, update.Address);
        Assert.IsType<Gen.Address>(created.Address);
        Assert.Equal("上海", created.Address!.City);
        Assert.Equal(["c1"], created.ContactIds);
        var sent = Assert.Single(Server.ApiRequests);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"address": {"city": "上海", "lines": ["x"]}, "contacts": [{"phone": "+8613800000000"}]}"""),
            JsonNode.Parse(sent.Body)));
    }

    [Fact]
    public void A_spec_s_own_type_of_a_shared_type_s_name_is_another_type_with_its_own_rules()
    {
        var shared = new Gen.Contact { Kind = Gen.ContactKind.Phone, Value = "1" };
        var own = new Gen.CreateTestKitchenSink.Contact { Phone = "not a phone" };

        Assert.NotEqual(shared.GetType(), own.GetType());
        var error = Assert.Single(new Gen.CreateTestKitchenSinkRequest { Contacts = [own] }.Validate());
        Assert.Equal("contacts[0].phone", error.Path);
        Assert.DoesNotContain(new Gen.UpdateTestKitchenSinkRequest { SinkId = null, ItemNo = null, Name = null, Contacts = [shared] }.Validate(), e => e.Path.StartsWith("contacts", StringComparison.Ordinal));
    }

    [Fact]
    public void A_shared_enum_knows_all_its_values_but_each_field_accepts_only_those_it_lists()
    {
        Assert.True(Gen.UserIdType.UnionId.IsKnown);
        Assert.True(Gen.UserIdType.UserId.IsKnown);

        var update = new Gen.UpdateTestKitchenSinkRequest { SinkId = null, ItemNo = null, Name = null, UserIdType = Gen.UserIdType.UnionId };
        var create = new Gen.CreateTestKitchenSinkRequest { UserIdType = Gen.UserIdType.UnionId };

        Assert.DoesNotContain(update.Validate(), e => e.Path == "user_id_type");
        var refused = Assert.Single(create.Validate());
        Assert.Equal("user_id_type", refused.Path);
        Assert.Equal("'union_id' is not one of: open_id, user_id", refused.Message);
        Assert.Empty(new Gen.CreateTestKitchenSinkRequest { UserIdType = Gen.UserIdType.UserId }.Validate());
    }
}
