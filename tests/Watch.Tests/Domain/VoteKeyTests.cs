using Watch.Domain;

namespace Watch.Tests.Domain;

/// <summary>The key a vote names an amendment by, read back into its parts for a message.</summary>
public class VoteKeyTests
{
    [Theory]
    [InlineData("PRJLANR5L17BTC1573", "PO838901", 1, "229")]
    [InlineData("PRJLANR5L17BTC1573", "PO838901", 2, "3")]
    [InlineData("PRJLANR5L17B0324", "PO838901", 1, "II-3199")]
    public void A_vote_key_reads_back_into_its_parts(string text, string organ, int deliberation, string number) =>
        Assert.Equal((number, text, organ, deliberation), Amendment.ReadVoteKey(Amendment.VoteKey(text, organ, deliberation, number)));

    [Theory]
    [InlineData("DLR5L17N51985")]
    [InlineData("PIONANR5L17B0134#9")]
    [InlineData("amendement n° 229 sur PRJLANR5L17BTC1573")]
    public void Another_key_is_no_vote_key(string key) => Assert.Null(Amendment.ReadVoteKey(key));
}
