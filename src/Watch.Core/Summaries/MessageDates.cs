using Watch.Domain;

namespace Watch.Summaries;

/// <summary>French dates for messages, in Paris time, without depending on the host's culture data.</summary>
internal static class MessageDates
{
    private static readonly string[] Days = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];
    private static readonly string[] Months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    /// <summary>« mardi 11 février 2025 à 21 h 30 », « mercredi 27 novembre 2024 à 9 h ».</summary>
    public static string DayAndTime(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, ParisTime.Zone);
        var time = local.Minute == 0 ? $"{local.Hour} h" : $"{local.Hour} h {local.Minute:00}";
        return $"{Day(DateOnly.FromDateTime(local.DateTime))} à {time}";
    }

    /// <summary>« mardi 11 février 2025 », « samedi 1er mars 2025 ».</summary>
    public static string Day(DateOnly date) => $"{Days[(int)date.DayOfWeek]} {Date(date)}";

    /// <summary>« 11 février 2025 », « 1er mars 2025 ».</summary>
    public static string Date(DateOnly date) => $"{(date.Day == 1 ? "1er" : date.Day.ToString())} {Months[date.Month - 1]} {date.Year}";

    /// <summary>The day of an instant in Paris (the AN writes acts' dates as local midnight): « 27 novembre 2024 ».</summary>
    public static string Date(DateTimeOffset at) => Date(ParisTime.DayOf(at));
}
