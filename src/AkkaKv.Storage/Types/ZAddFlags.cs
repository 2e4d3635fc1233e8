namespace AkkaKv.Storage;

/// <summary>ZADD's conditions (Redis's ZADD_IN_*); XX combines with GT or LT, the others exclude each other.</summary>
[Flags]
public enum ZAddFlags
{
    None = 0,

    /// <summary>Only add new members, never update existing ones.</summary>
    Nx = 1,

    /// <summary>Only update existing members, never add.</summary>
    Xx = 2,

    /// <summary>Update an existing member only when the new score is greater.</summary>
    Gt = 4,

    /// <summary>Update an existing member only when the new score is less.</summary>
    Lt = 8,

    /// <summary>Add the score to the current one (a missing member counts as 0).</summary>
    Incr = 16,
}
