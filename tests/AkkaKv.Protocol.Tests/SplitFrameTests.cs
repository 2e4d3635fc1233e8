namespace AkkaKv.Protocol.Tests;

/// <summary>However the bytes of a pipeline are cut into reads, the same commands come out.</summary>
public class SplitFrameTests
{
    private const string Pipeline =
        "*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n"
        + "*2\r\n$3\r\nGET\r\n$3\r\nkey\r\n"
        + "PING\r\n"
        + "*0\r\n"
        + "SET \"a b\" 'c d' \"\\x41\\n\"\n"
        + "\r\n"
        + "*1\r\n$0\r\n\r\n"
        + "*2\r\n$4\r\nECHO\r\n$8\r\n\r\n*1\r\n$\0\r\n"
        + "*-1\r\n"
        + "   \r\n"
        + "*2\r\n$4\r\nECHO\r\n$12\r\n0123456789ab\r\n"
        + "QUIT\n";

    private static readonly string[] Expected =
    [
        "SET|key|value",
        "GET|key",
        "PING",
        "(empty)",
        "SET|a b|c d|A\n",
        "(empty)",
        "",
        "ECHO|\r\n*1\r\n$\0",
        "(empty)",
        "(empty)",
        "ECHO|0123456789ab",
        "QUIT",
    ];

    [Fact]
    public void The_whole_pipeline_at_once_gives_every_command()
    {
        Assert.Equal(Expected, FrameDriver.Run(TestBytes.Of(Pipeline)));
    }

    [Fact]
    public void Every_split_into_two_reads_gives_the_same_commands()
    {
        byte[] input = TestBytes.Of(Pipeline);
        for (int cut = 0; cut <= input.Length; cut++)
        {
            var driver = new FrameDriver();
            driver.Receive(input.AsSpan(0, cut));
            driver.Receive(input.AsSpan(cut));

            Assert.True(Expected.SequenceEqual(driver.Commands), $"cut at {cut}: {string.Join(" ; ", driver.Commands)}");
            Assert.Equal(0, driver.PendingBytes);
        }
    }

    [Fact]
    public void Every_split_into_three_reads_gives_the_same_commands()
    {
        byte[] input = TestBytes.Of(Pipeline);
        for (int first = 0; first <= input.Length; first += 3)
        {
            for (int second = first; second <= input.Length; second += 2)
            {
                var driver = new FrameDriver();
                driver.Receive(input.AsSpan(0, first));
                driver.Receive(input.AsSpan(first, second - first));
                driver.Receive(input.AsSpan(second));

                Assert.True(Expected.SequenceEqual(driver.Commands), $"cuts at {first} and {second}");
            }
        }
    }

    [Fact]
    public void One_byte_reads_give_the_same_commands()
    {
        var driver = new FrameDriver();
        foreach (byte b in TestBytes.Of(Pipeline))
        {
            driver.Receive([b]);
        }

        Assert.Equal(Expected, driver.Commands);
    }

    [Fact]
    public void One_byte_segments_give_the_same_commands()
    {
        var driver = new FrameDriver(input: FrameInput.Segments);

        driver.Receive(TestBytes.Of(Pipeline));

        Assert.Equal(Expected, driver.Commands);
    }

    [Fact]
    public void Every_split_into_two_segments_gives_the_same_commands()
    {
        byte[] input = TestBytes.Of(Pipeline);
        for (int cut = 1; cut < input.Length; cut++)
        {
            var framer = new RequestFramer(ProtocolLimits.Default);
            var args = new RequestArgs();
            var commands = new List<string>();
            var buffer = TestBytes.Segmented(input, cut);
            while (buffer.Length > 0)
            {
                Assert.Equal(FrameStatus.Complete, framer.TryFrame(buffer, out long length, out FrameKind kind));
                Assert.True(RequestReader.TryRead(buffer.Slice(0, length), kind, args, out _));
                commands.Add(kind == FrameKind.Empty || args.Count == 0
                    ? "(empty)"
                    : string.Join("|", Enumerable.Range(0, args.Count).Select(i => TestBytes.Text(args[i]))));
                buffer = buffer.Slice(length);
            }

            Assert.True(Expected.SequenceEqual(commands), $"segment cut at {cut}");
        }
    }

    [Fact]
    public void An_error_comes_at_the_same_place_whatever_the_split()
    {
        byte[] input = TestBytes.Of("*1\r\n$4\r\nPING\r\nGET k\r\n*1\r\nX\r\n*1\r\n$4\r\nPING\r\n");
        string[] expected = ["PING", "GET|k", "-ERR Protocol error: expected '$', got 'X'"];
        for (int cut = 0; cut <= input.Length; cut++)
        {
            var driver = new FrameDriver();
            driver.Receive(input.AsSpan(0, cut));
            driver.Receive(input.AsSpan(cut));

            Assert.True(expected.SequenceEqual(driver.Commands), $"cut at {cut}: {string.Join(" ; ", driver.Commands)}");
        }
    }

    [Fact]
    public void A_too_long_line_is_refused_whatever_the_split()
    {
        byte[] input = TestBytes.Of(new string('a', 70_000) + "\n");
        foreach (int cut in new[] { 1, 1000, 16 * 1024, 65_536, 65_537, 69_999, 70_000 })
        {
            var driver = new FrameDriver();
            driver.Receive(input.AsSpan(0, cut));
            driver.Receive(input.AsSpan(cut));

            Assert.Equal(["-" + ProtocolErrors.TooBigInlineRequest], driver.Commands);
        }
    }

    [Fact]
    public void Mutated_pipelines_give_the_same_outcome_however_they_are_cut()
    {
        byte[] original = TestBytes.Of(Pipeline);
        byte[] interesting = TestBytes.Of("*$\r\n0123456789-+\0 \"'\\x");
        var random = new Random(12345);
        for (int round = 0; round < 3000; round++)
        {
            List<byte> mutated = [.. original];
            for (int edits = random.Next(1, 4); edits > 0; edits--)
            {
                int at = random.Next(mutated.Count);
                byte value = interesting[random.Next(interesting.Length)];
                switch (random.Next(3))
                {
                    case 0:
                        mutated[at] = value;
                        break;
                    case 1:
                        mutated.Insert(at, value);
                        break;
                    default:
                        mutated.RemoveAt(at);
                        break;
                }
            }

            byte[] input = [.. mutated];
            var whole = new FrameDriver();
            whole.Receive(input);
            var framedThenRead = new FrameDriver(input: FrameInput.Sequence);
            framedThenRead.Receive(input);
            var segmented = new FrameDriver(input: FrameInput.Segments);
            segmented.Receive(input);
            int cut = random.Next(input.Length + 1);
            var split = new FrameDriver();
            split.Receive(input.AsSpan(0, cut));
            split.Receive(input.AsSpan(cut));

            string expected = string.Join(" ; ", whole.Commands);
            Assert.Equal(expected, string.Join(" ; ", framedThenRead.Commands));
            Assert.Equal(expected, string.Join(" ; ", segmented.Commands));
            Assert.Equal(expected, string.Join(" ; ", split.Commands));
        }
    }
}
