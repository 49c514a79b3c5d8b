using System.Text.Json;
using Watch.Cli.Commands;
using static Watch.Tests.Parsing.Texts.TextFixtures;

namespace Watch.Tests.Diff;

public class DiffCommandTests
{
    [Fact]
    public void Prints_the_alignment_without_colour_when_not_a_terminal()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = DiffCommand.Run([PathOf(Pl0269), PathOf(Pjl17063)], stdout, stderr);

        Assert.Equal(0, code);
        Assert.Equal("", stderr.ToString());
        var output = stdout.ToString();
        Assert.Contains("Ancienne version : N° 269 - Projet de loi de financement de la sécurité sociale pour 2018 [pl0269.html, 57 articles, 3 annexes]", output);
        Assert.Contains("✏️ Article 4 : modifié (10 modifications)", output);
        Assert.Contains("➕ Article 8 bis : ajouté", output);
        Assert.Contains("\"31 mars 2018\" → \"1er avril 2018\"", output);
        Assert.DoesNotContain('\u001b', output);
    }

    [Fact]
    public void Prints_json_with_the_flag()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, DiffCommand.Run([PathOf(Step1), PathOf(Step2), "--json"], stdout, new StringWriter()));
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.Equal(4, json.RootElement.GetProperty("summary").GetProperty("added").GetInt32());
    }

    [Fact]
    public void Json_counts_the_annexes_apart_and_marks_them()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, DiffCommand.Run([PathOf(Pl0269), PathOf(Pjl17063), "--json"], stdout, new StringWriter()));
        using var json = JsonDocument.Parse(stdout.ToString());

        var older = json.RootElement.GetProperty("older");
        Assert.Equal((57, 3), (older.GetProperty("articles").GetInt32(), older.GetProperty("annexes").GetInt32()));
        var entries = json.RootElement.GetProperty("articles").EnumerateArray().ToList();
        Assert.Equal(["annexe A", "annexe B", "annexe C"], entries.Where(e => e.TryGetProperty("annex", out var annex) && annex.GetBoolean()).Select(e => e.GetProperty("after").GetString()!));
    }

    [Fact]
    public void Fails_with_code_2_and_one_line_on_unreadable_files()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = DiffCommand.Run([PathOf(Pl0269), PathOf("an/textes/absent.html")], stdout, stderr);

        Assert.Equal(2, code);
        Assert.Equal("watch diff : absent.html : fichier illisible (introuvable)." + Environment.NewLine, stderr.ToString());
        Assert.Equal("", stdout.ToString());

        Assert.Equal(2, DiffCommand.Run([PathOf(Pl0269)], new StringWriter(), new StringWriter()));
    }
}
