namespace AkkaKv.Protocol;

public enum FrameStatus
{
    /// <summary>A whole frame is in the buffer; its length is reported.</summary>
    Complete,

    /// <summary>More bytes are needed; call again with the same start and more bytes appended.</summary>
    Incomplete,

    /// <summary>The client broke the protocol; reply with the framer's error and close the connection.</summary>
    Error,
}
