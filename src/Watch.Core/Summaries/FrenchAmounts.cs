using System.Globalization;

namespace Watch.Summaries;

/// <summary>
/// Sums of money as French typography writes them: digits grouped by three with a narrow no-break space, a no-break
/// space before « € », a true minus sign. The parsers read these spaces as spaces (<c>HtmlText</c>, <c>TextClean</c>);
/// nothing wrote them yet.
/// </summary>
internal static class FrenchAmounts
{
    private static readonly NumberFormatInfo Format = new()
    {
        NumberGroupSeparator = "\u202F",
        NumberGroupSizes = [3],
        NumberDecimalSeparator = ",",
        NegativeSign = "\u2212",
    };

    /// <summary>« 8 000 000 € », « −250 000 000 € ».</summary>
    public static string Euros(long euros) => euros.ToString("N0", Format) + "\u00A0€";

    /// <summary>A change: « +8 000 000 € », « −8 000 000 € », « 0 € ».</summary>
    public static string SignedEuros(long euros) => (euros > 0 ? "+" : "") + Euros(euros);
}
