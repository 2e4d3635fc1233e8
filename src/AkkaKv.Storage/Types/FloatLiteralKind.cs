namespace AkkaKv.Storage;

internal enum FloatLiteralKind : byte
{
    Decimal,
    Hexadecimal,
    Infinity,
}
