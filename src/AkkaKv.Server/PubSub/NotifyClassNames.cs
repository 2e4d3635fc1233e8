using System.Text;

namespace AkkaKv.Server.PubSub;

/// <summary>
/// notify-keyspace-events as text: Redis's class characters to <see cref="NotifyClass"/> and back, in Redis's order
/// (keyspaceEventsStringToFlags / keyspaceEventsFlagsToString), so CONFIG GET prints what Redis prints ("AKE" for "KEA").
/// </summary>
public static class NotifyClassNames
{
    /// <summary>What CONFIG SET reports for a character that names no class.</summary>
    public const string InvalidClassError = "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.";

    /// <summary>The classes a config string names; false when it has a character that names none.</summary>
    public static bool TryParse(string text, out NotifyClass classes)
    {
        classes = NotifyClass.None;
        foreach (var character in text)
        {
            var cls = Of(character);
            if (cls == NotifyClass.None) return false;
            classes |= cls;
        }
        return true;
    }

    /// <summary>
    /// The config string for <paramref name="classes"/>: "A" when every class of it is on, else the type classes one by
    /// one; then K, E and m. Redis prints n only without A, so "Anm" reads back as "Am": kept, CONFIG GET must match.
    /// </summary>
    public static string Format(NotifyClass classes)
    {
        var text = new StringBuilder(16);
        if ((classes & NotifyClass.All) == NotifyClass.All)
        {
            text.Append('A');
        }
        else
        {
            foreach (var (character, cls) in TypeClasses)
            {
                if ((classes & cls) != 0) text.Append(character);
            }
        }
        if ((classes & NotifyClass.Keyspace) != 0) text.Append('K');
        if ((classes & NotifyClass.Keyevent) != 0) text.Append('E');
        if ((classes & NotifyClass.KeyMiss) != 0) text.Append('m');
        return text.ToString();
    }

    private static readonly (char Character, NotifyClass Class)[] TypeClasses =
    [
        ('g', NotifyClass.Generic), ('$', NotifyClass.String), ('l', NotifyClass.List), ('s', NotifyClass.Set),
        ('h', NotifyClass.Hash), ('z', NotifyClass.SortedSet), ('x', NotifyClass.Expired), ('e', NotifyClass.Evicted),
        ('t', NotifyClass.Stream), ('d', NotifyClass.Module), ('n', NotifyClass.New),
    ];

    private static NotifyClass Of(char character) => character switch
    {
        'A' => NotifyClass.All,
        'K' => NotifyClass.Keyspace,
        'E' => NotifyClass.Keyevent,
        'm' => NotifyClass.KeyMiss,
        _ => Array.Find(TypeClasses, t => t.Character == character).Class,
    };
}
