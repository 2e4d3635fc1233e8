using AkkaKv.Hocon.Model;

namespace AkkaKv.Hocon.Resolution;

/// <summary>
/// The value beneath a layer of a merge stack, computed only if something asks for it: a hidden
/// substitution must never be evaluated (it may well be unresolvable).
/// </summary>
internal sealed class BelowValue(Func<Node?> compute)
{
    private bool _computed;
    private Node? _value;

    public Node? Value
    {
        get
        {
            if (!_computed)
            {
                _value = compute();
                _computed = true;
            }

            return _value;
        }
    }
}
