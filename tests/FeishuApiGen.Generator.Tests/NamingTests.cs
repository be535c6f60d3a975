using FeishuApiGen.Generator.Model;
using Xunit;

namespace FeishuApiGen.Generator.Tests;

/// <summary>The generator's pure naming helpers on their own: how wire names become C# names, and how clashes settle.</summary>
public sealed class NamingTests
{
    [Theory]
    [InlineData("open_id", "OpenId")]
    [InlineData("probation.assessment", "ProbationAssessment")]
    [InlineData("user-name", "UserName")]
    [InlineData("probationAssessment", "ProbationAssessment")]
    [InlineData("2fa_code", "_2faCode")]
    [InlineData("--", "_")]
    [InlineData("名称", "名称")]
    public void Pascal_turns_a_wire_name_into_a_valid_identifier(string wireName, string expected)
    {
        var name = Naming.Pascal(wireName);

        Assert.Equal(expected, name);
        Assert.True(Naming.IsValidIdentifier(name));
    }

    [Fact]
    public void A_type_name_that_would_shadow_a_framework_type_gets_Value_appended()
    {
        Assert.Equal("EnumValue", Naming.TypeName("enum"));
        Assert.Equal("TypeValue", Naming.TypeName("type"));
        Assert.Equal("ProbationInfo", Naming.TypeName("probation_info"));
    }

    [Fact]
    public void Keywords_are_escaped_and_nested_names_reduced_to_their_last_part()
    {
        Assert.Equal("@class", Naming.EscapeKeyword("class"));
        Assert.Equal("Class", Naming.EscapeKeyword("Class"));
        Assert.Equal("ProbationInfo", Naming.SimpleName("SearchProbation.ProbationInfo"));
        Assert.Equal("Plain", Naming.SimpleName("Plain"));
    }

    [Fact]
    public void A_clash_takes_the_alternative_then_numbers_the_preferred_name_from_2()
    {
        var names = new UniqueNames(["Validate"]);

        Assert.Equal("ValidateValue", names.Claim("Validate", "ValidateValue"));
        Assert.Equal("Validate2", names.Claim("Validate", "ValidateValue"));
        Assert.Equal("Validate3", names.Claim("Validate"));
        Assert.Equal("Status", names.Claim("Status"));
    }

    [Fact]
    public void Every_name_the_generated_types_declare_is_reserved_against_spec_members()
    {
        var onObjects = new UniqueNames(GeneratedMemberNames.OnObjectTypes);
        var onEnums = new UniqueNames(GeneratedMemberNames.OnObjectTypes.Concat(GeneratedMemberNames.OnEnumTypes));

        Assert.Equal("FeishuEndpoint2", onObjects.Claim(GeneratedMemberNames.Endpoint));
        Assert.Equal("Validate2", onObjects.Claim(GeneratedMemberNames.Validate));
        Assert.Equal("IsKnownValue", onEnums.Claim(GeneratedMemberNames.EnumIsKnown, GeneratedMemberNames.EnumIsKnown + "Value"));
        Assert.Equal("Value2", onEnums.Claim(GeneratedMemberNames.EnumValue));
    }
}
