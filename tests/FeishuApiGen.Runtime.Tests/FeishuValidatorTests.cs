using System.Text.RegularExpressions;
using FeishuApiGen.Runtime.Tests.HandWritten;

namespace FeishuApiGen.Runtime.Tests;

public sealed partial class FeishuValidatorTests
{
    [GeneratedRegex(@"^[a-z_]+$")]
    private static partial Regex ApiName();

    [Fact]
    public void Valid_request_allocates_nothing()
    {
        var request = SeedExamples.CreateRequest();
        request.UserIdType = "open_id";
        for (var i = 0; i < 5; i++)
        {
            ValidateSeed(request);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var errors = ValidateSeed(request);
        var after = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal(0, errors);
        Assert.Equal(0, after - before);
    }

    [Fact]
    public void Passing_checks_allocate_nothing_up_to_the_inline_depth()
    {
        for (var i = 0; i < 5; i++)
        {
            RunPassingChecks(depth: 8);
        }

        // 8 levels of member + index = 16 path segments, the inline capacity.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var errors = RunPassingChecks(depth: 8);
        var after = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal(0, errors);
        Assert.Equal(0, after - before);
    }

    [Fact]
    public void Deep_nesting_builds_the_right_path_beyond_the_inline_buffer()
    {
        var validator = new FeishuValidator();
        var expected = "";
        for (var level = 0; level < 20; level++)
        {
            validator.Enter("m" + level);
            validator.EnterIndex(level);
            expected += (level == 0 ? "" : ".") + "m" + level + "[" + level + "]";
        }

        Assert.Equal(40, validator.Depth);
        validator.Required("leaf");
        for (var i = 0; i < 39; i++)
        {
            validator.Exit();
        }

        validator.Required("top");
        validator.Exit();
        validator.Required("root");
        validator.Enter("again");
        validator.Required("x");

        var errors = validator.ToErrors();
        Assert.Equal(expected + ".leaf", errors[0].Path);
        Assert.Equal("m0.top", errors[1].Path);
        Assert.Equal("root", errors[2].Path);
        Assert.Equal("again.x", errors[3].Path);
        Assert.Equal(4, validator.ErrorCount);
    }

    [Fact]
    public void Empty_member_means_the_current_path()
    {
        var validator = new FeishuValidator();
        validator.Enter("ids");
        validator.EnterIndex(2);
        validator.InvalidEnum("", "x", "a, b");
        Assert.Equal("ids[2]: 'x' is not one of: a, b", validator.ToErrors().Single().ToString());
    }

    [Fact]
    public void Exit_without_enter_throws()
    {
        Assert.Throws<InvalidOperationException>(() =>
        {
            var validator = new FeishuValidator();
            validator.Exit();
        });
    }

    [Fact]
    public void Messages_are_clear()
    {
        var validator = new FeishuValidator();
        validator.Enter("assessments");
        validator.EnterIndex(0);
        validator.InvalidEnum("assessment_status", "done", "not_started, in_process, completed, no_need");
        validator.Range("assessment_score", 120, 0, 100);
        validator.Range("low", -1, 0, null);
        validator.Range("high", 2.5, null, 2);
        validator.Range("nan", double.NaN, 0, 1);
        validator.Length("name", "abcdef", 1, 5);
        validator.Length("short", "", 1, null);
        validator.Count("items", 0, 1, 50);
        validator.Count("many", 3, null, 2);
        validator.Pattern("api_name", "Grade-A", ApiName());
        validator.Format("date", "2024-13-01", FeishuFormat.Date);
        validator.Format("when", "yesterday", FeishuFormat.DateTime);
        validator.Format("id", "71409642084763719911", FeishuFormat.Int64String);
        validator.NotEmpty("thing_id", "");
        validator.InvalidEnum("nothing", null, "a");
        validator.InvalidEnum("multiline", "a\nb", "a");
        validator.Report("custom", "needs contact:user.employee_id:readonly");

        Assert.Equal(
            [
                "assessments[0].assessment_status: 'done' is not one of: not_started, in_process, completed, no_need",
                "assessments[0].assessment_score: 120 is out of range: must be between 0 and 100",
                "assessments[0].low: -1 is out of range: must be at least 0",
                "assessments[0].high: 2.5 is out of range: must be at most 2",
                "assessments[0].nan: NaN is out of range: must be between 0 and 1",
                "assessments[0].name: is 6 characters long: must be between 1 and 5 characters",
                "assessments[0].short: is 0 characters long: must be at least 1 characters",
                "assessments[0].items: has 0 items: must have between 1 and 50 items",
                "assessments[0].many: has 3 items: must have at most 2 items",
                "assessments[0].api_name: 'Grade-A' does not match the pattern ^[a-z_]+$",
                "assessments[0].date: '2024-13-01' is not a date in the form yyyy-MM-dd",
                "assessments[0].when: 'yesterday' is not a date and time in the form yyyy-MM-dd HH:mm:ss or ISO 8601",
                "assessments[0].id: '71409642084763719911' is not a 64-bit integer written as a decimal string",
                "assessments[0].thing_id: must not be empty",
                "assessments[0].nothing: null is not one of: a",
                "assessments[0].multiline: 'a\\u000ab' is not one of: a",
                "assessments[0].custom: needs contact:user.employee_id:readonly",
            ],
            validator.ToErrors().Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("2024-02-06 09:30:00")]
    [InlineData("2024-02-06T09:30:00")]
    [InlineData("2024-02-06T09:30:00Z")]
    [InlineData("2024-02-06T09:30:00.123+08:00")]
    public void Date_time_format_accepts_feishu_and_iso_forms(string value)
    {
        var validator = new FeishuValidator();
        validator.Format("t", value, FeishuFormat.DateTime);
        Assert.False(validator.HasErrors);
    }

    [Theory]
    [InlineData("2024-02-06", FeishuFormat.Date, true)]
    [InlineData("2024-2-6", FeishuFormat.Date, false)]
    [InlineData("2024-02-30", FeishuFormat.Date, false)]
    [InlineData("2024-02-06 25:00:00", FeishuFormat.DateTime, false)]
    [InlineData("7140964208476371111", FeishuFormat.Int64String, true)]
    [InlineData("-1", FeishuFormat.Int64String, true)]
    [InlineData(" 1", FeishuFormat.Int64String, false)]
    [InlineData("1e3", FeishuFormat.Int64String, false)]
    public void Each_format_accepts_its_forms_and_refuses_others(string value, FeishuFormat format, bool valid)
    {
        var validator = new FeishuValidator();
        validator.Format("v", value, format);
        Assert.Equal(valid, !validator.HasErrors);
    }

    [Fact]
    public void Pattern_must_match_the_whole_string()
    {
        var digits = new Regex(@"\d+");
        var validator = new FeishuValidator();
        validator.Pattern("a", "123", digits);
        validator.Pattern("b", "123x", digits);
        validator.Pattern("c", "x123", digits);
        Assert.Equal(["b", "c"], validator.ToErrors().Select(e => e.Path));
    }

    [Fact]
    public void Bounds_are_inclusive_and_null_values_are_left_to_required()
    {
        var validator = new FeishuValidator();
        validator.Range("r", 0, 0, 100);
        validator.Range("r", 100, 0, 100);
        validator.Range("r", 5, null, null);
        validator.Length("l", "abc", 3, 3);
        validator.Length("l", null!, 1, 2);
        validator.Count("c", 50, 1, 50);
        validator.Pattern("p", null!, ApiName());
        validator.Format("f", null!, FeishuFormat.Date);
        Assert.False(validator.HasErrors);
        Assert.Empty(validator.ToErrors());
    }

    private static int ValidateSeed(CreateProbationAssessmentRequest request)
    {
        var validator = new FeishuValidator();
        request.Validate(ref validator);
        return validator.ErrorCount;
    }

    private static int RunPassingChecks(int depth)
    {
        var validator = new FeishuValidator();
        for (var i = 0; i < depth; i++)
        {
            validator.Enter("level");
            validator.EnterIndex(i);
        }

        validator.Range("score", 99.9, 0, 100);
        validator.Length("name", "grade_a", 1, 64);
        validator.Count("items", 3, 1, 50);
        validator.Pattern("api_name", "grade_a", ApiName());
        validator.Format("date", "2024-02-06", FeishuFormat.Date);
        validator.Format("id", "7140964208476371111", FeishuFormat.Int64String);
        validator.Format("when", "2024-02-06 09:30:00", FeishuFormat.DateTime);
        validator.NotEmpty("thing_id", "42");
        for (var i = 0; i < depth; i++)
        {
            validator.Exit();
            validator.Exit();
        }

        return validator.ErrorCount;
    }
}
