namespace AkkaKv.Hocon.Tests;

public sealed class ArrayTests
{
    [Fact]
    public void Elements_separate_by_commas_or_newlines()
    {
        var config = Config.ParseString("""
            a = [1, 2, 3]
            b = [
              x
              y,
              z,
            ]
            empty = []
            """);

        Assert.Equal(["1", "2", "3"], config.GetStringList("a"));
        Assert.Equal(["x", "y", "z"], config.GetStringList("b"));
        Assert.Empty(config.GetStringList("empty"));
    }

    [Fact]
    public void Arrays_on_one_line_concatenate()
    {
        var config = Config.ParseString("a = [1, 2] [3]");

        Assert.Equal(["1", "2", "3"], config.GetStringList("a"));
    }

    [Fact]
    public void Nested_arrays_and_objects_render_inline_in_flatten()
    {
        var config = Config.ParseString("""a = [[1, 2], { k = "v w" }, "x y"]""");

        Assert.Equal("[[1, 2], { k = \"v w\" }, \"x y\"]", config.Flatten().Single().Value);
    }

    [Fact]
    public void Array_elements_may_be_substitutions()
    {
        var config = Config.ParseString("host = h1\nhosts = [${host}, h2, ${?missing}]");

        Assert.Equal(["h1", "h2"], config.GetStringList("hosts"));
    }

    [Fact]
    public void Array_is_not_a_string()
    {
        var config = Config.ParseString("a = [1]");

        var error = Assert.Throws<ConfigException>(() => config.GetString("a"));
        Assert.Contains("'a' is an array; expected a string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void String_list_of_an_object_element_names_the_index()
    {
        var config = Config.ParseString("a = [x, {}]");

        var error = Assert.Throws<ConfigException>(() => config.GetStringList("a"));
        Assert.Contains("'a[1]' is an object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mixing_an_array_and_a_string_on_one_line_is_an_error()
    {
        var error = Assert.Throws<HoconParseException>(() => Config.ParseString("a = [1] x"));

        Assert.Equal(9, error.Column);
        Assert.Contains("expected only arrays", error.Message, StringComparison.Ordinal);
    }
}
