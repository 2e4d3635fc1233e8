namespace AkkaKv.Storage;

/// <summary>
/// How Redis would have encoded a string value, where its content alone does not decide it: APPEND and
/// SETRANGE always leave a "raw" string, INCRBYFLOAT never an "int".
/// </summary>
internal enum StringEncodingHint : byte
{
    FromContent,
    NotInteger,
    Raw,
}
