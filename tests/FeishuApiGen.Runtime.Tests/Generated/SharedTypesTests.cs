using System.Text.Json.Nodes;
using FeishuApiGen.Loopback;
using Gen = Feishu.Kitchen.V1;

namespace FeishuApiGen.Runtime.Tests.Generated;

/// <summary>
/// Two specs in one namespace (tests/Specs/kitchen-sink*.yaml) that declare types of the same names:
/// an identical <c>address</c> (one shared type), different <c>contact</c>s (each qualified by its endpoint),
/// and <c>user_id_type</c> enums with different values (one enum type; each field accepts only its own spec's values).
/// </summary>
public sealed class SharedTypesTests : LoopbackClientTest
{
    [Fact]
    public async Task One_address_type_serves_both_endpoints()
    {
        Server.Map("POST", "/open-apis/kitchen/v1/kitchen_sinks", _ => LoopbackResponse.Success("""{"address": {"city": "上海", "lines": ["x"]}, "contact_ids": ["c1"]}"""));
        var address = new Gen.Address { City = "上海", Lines = ["x"] };

        var created = await Feishu.Kitchen.V1.TestKitchenSink.CreateAsync(new Gen.CreateTestKitchenSinkRequest
        {
            Address = address,
            Contacts = [new Gen.CreateTestKitchenSinkContact { Phone = "+8613800000000" }],
        });
        var update = new Gen.UpdateTestKitchenSinkRequest { Address = address };

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
    public void Differently_shaped_types_of_one_name_are_qualified_by_their_endpoints()
    {
        var update = new Gen.UpdateTestKitchenSinkContact { Kind = Gen.Kind.Phone, Value = "1" };
        var create = new Gen.CreateTestKitchenSinkContact { Phone = "not a phone" };

        Assert.NotEqual(update.GetType(), create.GetType());
        var error = Assert.Single(new Gen.CreateTestKitchenSinkRequest { Contacts = [create] }.Validate());
        Assert.Equal("contacts[0].phone", error.Path);
    }

    [Fact]
    public void An_enum_type_knows_every_spec_s_values_but_each_field_accepts_only_its_own()
    {
        Assert.True(Gen.UserIdType.UnionId.IsKnown);
        Assert.True(Gen.UserIdType.UserId.IsKnown);

        var update = new Gen.UpdateTestKitchenSinkRequest { UserIdType = Gen.UserIdType.UnionId };
        var create = new Gen.CreateTestKitchenSinkRequest { UserIdType = Gen.UserIdType.UnionId };

        Assert.DoesNotContain(update.Validate(), e => e.Path == "user_id_type");
        var refused = Assert.Single(create.Validate());
        Assert.Equal("user_id_type", refused.Path);
        Assert.Equal("'union_id' is not one of: open_id, user_id", refused.Message);
        Assert.Empty(new Gen.CreateTestKitchenSinkRequest { UserIdType = Gen.UserIdType.UserId }.Validate());
    }
}
