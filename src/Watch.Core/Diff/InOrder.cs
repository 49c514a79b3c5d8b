namespace Watch.Diff;

/// <summary>Pairs two sequences without crossing: the alinéas of a changed run, the articles left between two matched ones.</summary>
internal static class InOrder
{
    /// <summary>
    /// The pairs of greatest total score that keep both sequences' order (a weighted longest common subsequence),
    /// first to last. <paramref name="score"/> is null for two items that are not to be paired at all.
    /// </summary>
    public static List<(int Old, int New, double Score)> Pairs(int oldCount, int newCount, Func<int, int, double?> score)
    {
        var scores = new double?[oldCount, newCount];
        // best[i, j]: the highest total score pairing olds[i..] with news[j..] in order.
        var best = new double[oldCount + 1, newCount + 1];
        for (var i = oldCount - 1; i >= 0; i--)
            for (var j = newCount - 1; j >= 0; j--)
            {
                scores[i, j] = score(i, j);
                best[i, j] = Math.Max(Math.Max(best[i + 1, j], best[i, j + 1]), scores[i, j] is { } s ? s + best[i + 1, j + 1] : 0);
            }

        var pairs = new List<(int Old, int New, double Score)>();
        for (int i = 0, j = 0; i < oldCount && j < newCount;)
        {
            if (scores[i, j] is { } s && best[i, j] == s + best[i + 1, j + 1])
                pairs.Add((i++, j++, s));
            else if (best[i, j] == best[i + 1, j]) i++;
            else j++;
        }
        return pairs;
    }
}
