using Watch.Relevance;
using Xunit.Abstractions;
namespace Watch.Tests.Relevance;
public class DebugTmpRelevance(ITestOutputHelper output)
{
    [Theory]
    [InlineData("AMANR5L17PO59051B0134P0D1N000120")]
    [InlineData("AMANR5L17PO59051B1839P0D1N000005")]
    [InlineData("AMANR5L17PO59051B0907P0D1N000037")]
    public void Dump(string uid)
    {
        var item = LabelledSet.Items().Single(i => i.Uid == uid);
        var a = LabelledSet.Amendment(item);
        output.WriteLine("ARTICLE " + a.Article?.Designation);
        foreach (var f in a.Fields)
        {
            var (w, s) = FrenchText.WordsAndSentences(f.Text);
            output.WriteLine("== " + f.Name);
            for (var k = 0; k <= (s.Length == 0 ? -1 : s[^1]); k++)
                output.WriteLine($"  [{k}] " + string.Join(" ", w.Where((_, i) => s[i] == k)));
        }
    }
}
public class DebugTmpRelevance2(ITestOutputHelper output)
{
    [Fact]
    public void Dump2()
    {
        var c = LabelledSet.Classifier();
        foreach (var uid in new[] { "AMANR5L17PO59051B0907P0D1N000028", "AMANR5L17PO59051B0907P0D1N000034" })
        {
            var a = LabelledSet.Amendment(LabelledSet.Items().Single(i => i.Uid == uid));
            var r = c.Classify(a);
            output.WriteLine(uid + " " + string.Join(",", r.Topics) + " " + r.Explain());
        }
    }
}
