namespace Watch.Domain;

/// <summary>Paris time, in which the institutions date what they publish without an offset, and readers read dates.</summary>
public static class ParisTime
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>A wall-clock time in Paris as an instant.</summary>
    public static DateTimeOffset At(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    /// <summary>The day it is in Paris at an instant.</summary>
    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime);
}
