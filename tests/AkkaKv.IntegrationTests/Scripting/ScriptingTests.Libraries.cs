namespace AkkaKv.IntegrationTests.Scripting;

/// <summary>The libraries Redis gives scripts: cjson, cmsgpack, bit and struct, with Redis's outputs and error texts.</summary>
public sealed partial class ScriptingTests
{
    private const string Hex = "local function hex(s) return (s:gsub('.', function(c) return string.format('%02x', string.byte(c)) end)) end ";

    [Fact]
    public void Cjson_encodes_as_lua_cjson_does()
    {
        AssertEval("$19\r\n[1,2,3,\"x\",{\"a\":1}]\r\n", "return cjson.encode({1,2,3,'x',{a=1}})");
        AssertEval("$14\r\n{\"a\":\"x\\/y\\\"\"}\r\n", "return cjson.encode({a='x/y\"'})");
        AssertEval("$22\r\n\"\\u0001\\u0002\\t\\u007f\"\r\n", "return cjson.encode('\\1\\2\\t\\127')");
        AssertEval("$2\r\n{}\r\n", "return cjson.encode({})");
        AssertEval("$10\r\n[1,null,3]\r\n", "return cjson.encode({[1]=1,[3]=3})");
        AssertEval("$15\r\n3.1415926535898\r\n", "return cjson.encode(3.14159265358979)");
        AssertEval("$5\r\n1e+20\r\n", "return cjson.encode(1e20)");
        AssertEval("$4\r\nnull\r\n", "return cjson.encode(cjson.null)");
        AssertEval("$9\r\n{\"1.5\":1}\r\n", "return cjson.encode({[1.5]=1})");
        AssertEval("$1\r\n3\r\n", "return cjson.encode(3.0)");
    }

    [Theory]
    [InlineData("return cjson.encode({[1]=1,[20]=3})", "Cannot serialise table: excessively sparse array")]
    [InlineData("return cjson.encode(1/0)", "Cannot serialise number: must not be NaN or Inf")]
    [InlineData("return cjson.encode(function() end)", "Cannot serialise function: type not supported")]
    [InlineData("return cjson.encode({[true]=1})", "Cannot serialise boolean: table key must be a number or string")]
    [InlineData("return cjson.encode()", "bad argument #1 to 'encode' (expected 1 argument)")]
    [InlineData("local t = {} local cur = t for i=1,1001 do cur[1] = {} cur = cur[1] end return cjson.encode(t)", "Cannot serialise, excessive nesting (1001)")]
    [InlineData("return cjson.decode('x')", "Expected value but found invalid token at character 1")]
    [InlineData("return cjson.decode('[1,2')", "Expected comma or array end but found T_END at character 5")]
    [InlineData("return cjson.decode('{\"a\" 1}')", "Expected colon but found T_NUMBER at character 6")]
    [InlineData("return cjson.decode('{1:2}')", "Expected object key string but found T_NUMBER at character 2")]
    [InlineData("return cjson.decode('[1] x')", "Expected the end but found invalid token at character 5")]
    [InlineData("return cjson.decode('\"abc')", "Expected value but found unexpected end of string at character 5")]
    [InlineData("return cjson.decode('\"a\\\\qb\"')", "Expected value but found invalid escape code at character 3")]
    [InlineData("return cjson.decode('')", "Expected value but found T_END at character 1")]
    [InlineData("return cjson.decode('[1,]')", "Expected value but found T_ARR_END at character 4")]
    [InlineData("return cjson.decode('\"\\\\ud83d\"')", "Expected value but found invalid unicode escape code at character 2")]
    [InlineData("return cjson.decode(string.rep('[', 1001))", "Found too many nested data structures (1001) at character 1001")]
    [InlineData("return cjson.decode()", "bad argument #1 to 'decode' (expected 1 argument)")]
    public void Cjson_errors_read_as_on_redis(string script, string error) =>
        AssertEval($"-ERR user_script:1: {error} script: {Sha(script)}, on @user_script:1.\r\n", script);

    [Fact]
    public void Cjson_decodes_as_lua_cjson_does()
    {
        AssertEval("*5\r\n:1\r\n:2\r\n$4\r\ntrue\r\n$4\r\ntrue\r\n$4\r\nx\u00e9\n\r\n",
            "local t = cjson.decode('[1,2,{\"a\":[true,false,null]},\"x\\\\u00e9\\\\n\"]') return {t[1], t[2], tostring(t[3].a[1]), tostring(t[3].a[3] == cjson.null), t[4]}");
        AssertEval(":16\r\n", "return cjson.decode('0x10')");
        AssertEval(":12\r\n", "return cjson.decode('012')");
        AssertEval("$3\r\n1.5\r\n", "return tostring(cjson.decode('1.5'))");
        AssertEval("$4\r\n-inf\r\n", "return tostring(cjson.decode('-inf'))");
        AssertEval(":5\r\n", "return cjson.decode(5)");
        AssertEval(":1\r\n", "return cjson.decode(' true ')");
        AssertEval("$1\r\n5\r\n", "return tostring(cjson.decode('5.0'))");
        AssertEval("$1\r\ny\r\n", "return cjson.decode(cjson.encode({x='y'})).x");
        AssertEval("*2\r\n$5\r\ncjson\r\n$5\r\n2.1.0\r\n", "return {cjson._NAME, cjson._VERSION}");
        AssertEval(":1000\r\n", "return cjson.encode_max_depth()");
    }

    [Fact]
    public void Cmsgpack_packs_as_lua_cmsgpack_does()
    {
        AssertEval("$126\r\n01ff7fcc80ccffcd0100ce00010000d0dfd1ff7fd2ffff7fffcf0000000100000000d3ffffff0000000000ca3fc00000cb3fb999999999999aa26162c3c2c0\r\n",
            Hex + "return hex(cmsgpack.pack(1, -1, 127, 128, 255, 256, 65536, -33, -129, -32769, 2^32, -2^40, 1.5, 0.1, 'ab', true, false, nil))");
        AssertEval("$28\r\n9301020381a16101908201010303\r\n", Hex + "return hex(cmsgpack.pack({1,2,3}, {a=1}, {}, {[1]=1,[3]=3}))");
        AssertEval("$34\r\n91919191919191919191919191919191c0\r\n",
            Hex + "local t = {} local c = t for i=1,20 do c[1] = {} c = c[1] end return hex(cmsgpack.pack(t))");
        AssertEval("$84\r\nd928" + string.Concat(Enumerable.Repeat("78", 40)) + "\r\n", Hex + "return hex(cmsgpack.pack(string.rep('x', 40)))");
    }

    [Fact]
    public void Cmsgpack_unpacks_as_lua_cmsgpack_does()
    {
        AssertEval("*5\r\n:1\r\n$1\r\na\r\n*2\r\n:1\r\n:2\r\n*0\r\n:1\r\n", "return {cmsgpack.unpack(cmsgpack.pack(1, 'a', {1,2}, {x='y'}, true))}");
        AssertEval("*2\r\n:1\r\n:1\r\n", "return {cmsgpack.unpack_one(cmsgpack.pack(1, 2, 3))}");
        AssertEval("*2\r\n:2\r\n:2\r\n", "return {cmsgpack.unpack_one(cmsgpack.pack(1, 2, 3), 1)}");
        AssertEval("*2\r\n:-1\r\n:3\r\n", "return {cmsgpack.unpack_one(cmsgpack.pack(1, 2, 3), 2)}");
        AssertEval("*3\r\n:2\r\n:1\r\n:2\r\n", "return {cmsgpack.unpack_limit(cmsgpack.pack(1, 2, 3), 2)}");
        AssertEval("$15\r\n3.1415926535898\r\n", "return tostring(cmsgpack.unpack('\\203\\64\\9\\33\\251\\84\\68\\45\\24'))");
        AssertEval("$2\r\n-1\r\n", "return tostring(cmsgpack.unpack('\\207\\255\\255\\255\\255\\255\\255\\255\\255'))");
        AssertEval("*2\r\n:2\r\n:4\r\n", "local t = cmsgpack.unpack('\\130\\1\\2\\3\\4') return {t[1], t[3]}");
        AssertEval("$-1\r\n", "return cmsgpack.unpack('')");
    }

    [Theory]
    [InlineData("return cmsgpack.pack()", "bad argument #0 to 'pack' (MessagePack pack needs input.)")]
    [InlineData("return cmsgpack.unpack('\\193')", "Bad data format in input.")]
    [InlineData("return cmsgpack.unpack('\\205\\1')", "Missing bytes in input.")]
    [InlineData("return cmsgpack.unpack('\\196\\2ab')", "Bad data format in input.")]
    [InlineData("return {cmsgpack.unpack('\\147\\1\\2')}", "Missing bytes in input.")]
    [InlineData("return cmsgpack.unpack_one('\\1', 5)", "Start offset 5 greater than input length 1.")]
    [InlineData("return cmsgpack.unpack_one('\\1', -1)", "Invalid request to unpack with offset of -1 and limit of 1.")]
    [InlineData("return cmsgpack.unpack()", "bad argument #1 to 'unpack' (string expected, got no value)")]
    public void Cmsgpack_errors_read_as_on_redis(string script, string error) =>
        AssertEval($"-ERR user_script:1: {error} script: {Sha(script)}, on @user_script:1.\r\n", script);

    [Fact]
    public void Bit_operations_follow_luabitop()
    {
        AssertEval("*12\r\n:15\r\n:7\r\n:6\r\n:-1\r\n:-2147483648\r\n:15\r\n:-16\r\n:3\r\n:-2147483648\r\n:2018915346\r\n:-1\r\n:5\r\n",
            "return {bit.band(0xff, 0x0f), bit.bor(1,2,4), bit.bxor(5,3), bit.bnot(0), bit.lshift(1, 31), bit.rshift(-1, 28), " +
            "bit.arshift(-256, 4), bit.rol(0x80000001, 1), bit.ror(1, 1), bit.bswap(0x12345678), bit.tobit(0xffffffff), bit.tobit(2^32+5)}");
        AssertEval("*5\r\n$8\r\n000000ff\r\n$2\r\nff\r\n$4\r\n00FF\r\n$8\r\nffffffff\r\n$8\r\n00000001\r\n",
            "return {bit.tohex(255), bit.tohex(255, 2), bit.tohex(255, -4), bit.tohex(-1), bit.tohex(1, 10)}");
        AssertEval("*5\r\n:2\r\n:2\r\n:-2\r\n:0\r\n:4\r\n", "return {bit.tobit(1.5), bit.tobit(2.5), bit.tobit(-1.5), bit.tobit(2^53), bit.tobit(-2^53-2)}");
        AssertEval(":4\r\n", "return bit.band('12', '4')");
        var text = "return bit.band('x')";
        AssertEval($"-ERR user_script:1: bad argument #1 to 'band' (number expected, got string) script: {Sha(text)}, on @user_script:1.\r\n", text);
        var none = "return bit.band()";
        AssertEval($"-ERR user_script:1: bad argument #1 to 'band' (number expected, got no value) script: {Sha(none)}, on @user_script:1.\r\n", none);
    }

    [Fact]
    public void Struct_packs_and_unpacks_as_redis_struct_does()
    {
        AssertEval("$14\r\n000000010002fd\r\n", Hex + "return hex(struct.pack('>iHb', 1, 2, -3))");
        AssertEval("$6\r\nfeffff\r\n", Hex + "return hex(struct.pack('<i3', -2))");
        AssertEval("$16\r\n0100000002000000\r\n", Hex + "return hex(struct.pack('!4 b i', 1, 2))");
        AssertEval(":7\r\n", "return struct.size('>iHb')");
        AssertEval(":16\r\n", "return struct.size('!8 b d')");
        AssertEval("*4\r\n:1\r\n:2\r\n:-3\r\n:8\r\n", "return {struct.unpack('>iHb', struct.pack('>iHb', 1, 2, -3))}");
        AssertEval("*2\r\n$3\r\nabc\r\n:5\r\n", "return {struct.unpack('s', 'abc\\0def')}");
        AssertEval("*2\r\n$3\r\nabc\r\n:5\r\n", "return {struct.unpack('Bc0', '\\3abcdef')}");
        AssertEval("*2\r\n:1633837924\r\n:9\r\n", "return {struct.unpack('>i', 'abcdabcd', 5)}");
        AssertEval("*2\r\n:-5\r\n:17\r\n", "return {struct.unpack('<i16', struct.pack('<i16', -5))}");
        AssertEval("$16\r\n0.10000000149012\r\n", "return tostring(struct.unpack('>f', struct.pack('>f', 0.1)))");
        AssertEval(":255\r\n", "return struct.pack('<B', -1):byte()");
    }

    [Theory]
    [InlineData("return struct.pack('c5', 'ab')", "bad argument #3 to 'pack' (string too short)")]
    [InlineData("return struct.pack('z', 1)", "bad argument #1 to 'pack' (invalid format option 'z')")]
    [InlineData("return struct.pack('i33', 1)", "integral size 33 is larger than limit of 32")]
    [InlineData("return struct.pack('!3 i', 1)", "alignment 3 is not a power of 2")]
    [InlineData("return struct.pack('i99999999999', 1)", "integral size overflow")]
    [InlineData("return struct.pack('b', 'x')", "bad argument #2 to 'pack' (number expected, got string)")]
    [InlineData("return {struct.unpack('>i', 'ab')}", "bad argument #2 to 'unpack' (data string too short)")]
    [InlineData("return {struct.unpack('>i', 'abcdabcd', 0)}", "bad argument #3 to 'unpack' (offset must be 1 or greater)")]
    [InlineData("return {struct.unpack('c0', 'abc')}", "format 'c0' needs a previous size")]
    [InlineData("return struct.size('s')", "bad argument #1 to 'size' (option 's' has no fixed size)")]
    [InlineData("return struct.size('c0')", "bad argument #1 to 'size' (option 'c0' has no fixed size)")]
    public void Struct_errors_read_as_on_redis(string script, string error) =>
        AssertEval($"-ERR user_script:1: {error} script: {Sha(script)}, on @user_script:1.\r\n", script);
}
