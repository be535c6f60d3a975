using System.Globalization;

namespace FeishuApiGen.Runtime.Tests;

public sealed class FeishuUrlBuilderTests
{
    [Theory]
    [InlineData("../x", "..%2Fx")]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("?", "%3F")]
    [InlineData("#", "%23")]
    [InlineData("a b", "a%20b")]
    [InlineData("%2F", "%252F")]
    [InlineData("飞书", "%E9%A3%9E%E4%B9%A6")]
    [InlineData("😀", "%F0%9F%98%80")]
    [InlineData("a+b&c=d;e", "a%2Bb%26c%3Dd%3Be")]
    [InlineData("\\x", "%5Cx")]
    [InlineData("...", "...")]
    [InlineData("7140964208476371111", "7140964208476371111")]
    [InlineData("A-Z_a.z~0", "A-Z_a.z~0")]
    public void Path_parameter_is_encoded_so_it_cannot_change_the_path(string value, string expected)
    {
        var url = new FeishuUrlBuilder();
        try
        {
            url.AppendPath("/open-apis/x/");
            url.AppendPathParameter(value);
            url.AppendPath("/y");
            Assert.Equal($"/open-apis/x/{expected}/y", url.ToString());
        }
        finally
        {
            url.Dispose();
        }

        Assert.Equal(Uri.EscapeDataString(value), expected);
        var uri = new Uri("https://open.feishu.cn/open-apis/x/" + expected + "/y");
        Assert.Equal(["/", "open-apis/", "x/", expected + "/", "y"], uri.Segments);
        Assert.Equal("", uri.Query);
        Assert.Equal("", uri.Fragment);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData(".")]
    [InlineData("..")]
    public void Path_parameter_that_would_merge_or_climb_segments_is_refused(string? value)
    {
        Assert.Throws<ArgumentException>(() =>
        {
            var url = new FeishuUrlBuilder();
            url.AppendPath("/open-apis/x/");
            url.AppendPathParameter(value);
        });
    }

    [Fact]
    public void Lone_surrogate_is_encoded_as_replacement_character()
    {
        var url = new FeishuUrlBuilder();
        url.AppendPathParameter("a\ud800b");
        Assert.Equal("a%EF%BF%BDb", url.ToString());
        url.Dispose();
    }

    [Fact]
    public void Query_starts_with_question_mark_then_ampersands_and_skips_nulls()
    {
        var url = new FeishuUrlBuilder();
        url.AppendPath("/open-apis/x");
        url.AppendQuery("a", (string?)null);
        url.AppendQuery("b", "1");
        url.AppendQuery("c", (bool?)null);
        url.AppendQuery("d", (int?)null);
        url.AppendQuery("e", (long?)null);
        url.AppendQuery("f", (double?)null);
        url.AppendQuery("g", (IEnumerable<string>?)null);
        url.AppendQuery("h", "");
        url.AppendQuery("i j", "k&l=m#n");
        Assert.Equal("/open-apis/x?b=1&h=&i%20j=k%26l%3Dm%23n", url.ToString());
        url.Dispose();
    }

    [Fact]
    public void Query_arrays_repeat_the_key()
    {
        var url = new FeishuUrlBuilder();
        url.AppendPath("/p");
        url.AppendQuery("ids", ["1", null!, "a b"]);
        url.AppendQuery("n", new[] { 1, -2 });
        url.AppendQuery("l", new List<long> { 7140964208476371991 });
        url.AppendQuery("empty", Array.Empty<string>());
        Assert.Equal("/p?ids=1&ids=a%20b&n=1&n=-2&l=7140964208476371991", url.ToString());
        url.Dispose();
    }

    [Fact]
    public void Numbers_and_booleans_are_invariant_whatever_the_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var url = new FeishuUrlBuilder();
            url.AppendPath("/p");
            url.AppendQuery("t", true);
            url.AppendQuery("f", false);
            url.AppendQuery("d", 99.9);
            url.AppendQuery("small", 0.1 + 0.2);
            url.AppendQuery("big", 1e20);
            url.AppendQuery("neg", -1.5);
            url.AppendQuery("i", int.MinValue);
            url.AppendQuery("l", long.MaxValue);
            Assert.Equal(
                "/p?t=true&f=false&d=99.9&small=0.30000000000000004&big=1E%2B20&neg=-1.5&i=-2147483648&l=9223372036854775807",
                url.ToString());
            url.Dispose();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Idempotency_key_keeps_the_callers_value_or_makes_a_fresh_one()
    {
        var url = new FeishuUrlBuilder();
        url.AppendPath("/p");
        url.AppendIdempotencyKey("client_token", "6822 122");
        url.AppendIdempotencyKey("a", null);
        url.AppendIdempotencyKey("b", "");
        var text = url.ToString();
        url.Dispose();

        var match = System.Text.RegularExpressions.Regex.Match(text, "^/p\\?client_token=6822%20122&a=([0-9a-f]{32})&b=([0-9a-f]{32})$");
        Assert.True(match.Success, text);
        Assert.NotEqual(match.Groups[1].Value, match.Groups[2].Value);
    }

    [Fact]
    public async Task Idempotency_keys_made_up_are_never_repeated_across_refills_and_threads()
    {
        // Keys are drawn from per-thread batches of random bytes: many batches' worth, on several threads, all distinct.
        static List<string> MakeKeys(int count)
        {
            var keys = new List<string>(count);
            for (var i = 0; i < count; i++)
            {
                var url = new FeishuUrlBuilder();
                url.AppendPath("/p");
                url.AppendIdempotencyKey("k", null);
                keys.Add(url.ToString()["/p?k=".Length..]);
                url.Dispose();
            }

            return keys;
        }

        var perThread = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => MakeKeys(1000))));
        var all = perThread.SelectMany(k => k).ToList();

        Assert.All(all, key => Assert.Matches("^[0-9a-f]{32}$", key));
        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Path_after_query_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() =>
        {
            var url = new FeishuUrlBuilder();
            url.AppendQuery("a", "1");
            url.AppendPath("/more");
        });
    }

    [Fact]
    public void Long_urls_grow_the_buffer()
    {
        var url = new FeishuUrlBuilder(4);
        url.AppendPath("/open-apis");
        var value = new string('飞', 1000);
        url.AppendQuery("q", value);
        Assert.Equal("/open-apis?q=" + Uri.EscapeDataString(value), url.ToString());
        Assert.Equal(url.ToString().Length, url.Length);
        url.Dispose();
        Assert.Equal("", url.ToString());
    }

    [Fact]
    public void Encoding_matches_uri_escape_data_string_for_every_bmp_character()
    {
        for (var c = 0; c < 0xD800; c += 7)
        {
            var text = "x" + (char)c + "y";
            var url = new FeishuUrlBuilder();
            url.AppendPathParameter(text);
            Assert.Equal(Uri.EscapeDataString(text), url.ToString());
            url.Dispose();
        }
    }
}
