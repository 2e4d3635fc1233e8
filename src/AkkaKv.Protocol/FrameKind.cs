namespace AkkaKv.Protocol;

public enum FrameKind
{
    /// <summary>A RESP array of bulk strings: <c>*2\r\n$3\r\nGET\r\n$1\r\nk\r\n</c>.</summary>
    MultiBulk,

    /// <summary>A line of space-separated words ending at '\n', as telnet sends it.</summary>
    Inline,

    /// <summary>Consumed but holds no command: a blank inline line, <c>*0\r\n</c> or a negative count.</summary>
    Empty,
}
