namespace AkkaKv.Hocon.Model;

internal enum ScalarKind
{
    String,
    Number,
    Boolean,
    Null,
}
