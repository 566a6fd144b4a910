using System.Text.Json;
using RedPajama.Tests.Support;
using RedPajama.Udfs.Code.Licenses;

namespace RedPajama.Tests.Code;

/// <summary>
/// Repository licences against <c>licensee detect</c> (9.15.2) on the synthetic layouts of
/// <c>fixtures/licenses/projects</c>: licence files that agree or disagree, LICENSE beside COPYING, the LGPL beside the
/// GPL, COPYRIGHT notices, README-only licences, no licence, and a licence only in a subfolder.
/// </summary>
public sealed class LicenseProjectTests
{
    public static TheoryData<string> Projects()
    {
        var data = new TheoryData<string>();
        foreach (JsonElement project in LicenseDetectorTests.Lines("golden-projects.jsonl"))
        {
            data.Add(project.GetProperty("project").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void A_layout_gets_the_licence_licensee_detect_reports(string project)
    {
        JsonElement golden = LicenseDetectorTests.Lines("golden-projects.jsonl").Single(p => p.GetProperty("project").GetString() == project);
        string root = TestData.Fixture(Path.Combine("licenses", "projects", project));
        var matches = new List<LicenseFileMatch>();
        foreach (string file in Directory.GetFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string path = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (LicenseDetector.CandidateScore(path) > 0)
            {
                matches.Add(LicenseDetectorTests.Detector.Match(path, File.ReadAllBytes(file)));
            }
        }

        (string? key, double confidence, string? decidingPath) = LicenseProject.Decide(matches);

        string? expected = golden.GetProperty("key") is { ValueKind: JsonValueKind.String } k ? k.GetString() : null;
        key.Should().Be(expected, project);

        // Licensee's matched files, in its order, with their answers; the command line reported the same licences.
        var matched = golden.GetProperty("matched_files").EnumerateArray().ToList();
        var cliLicenses = golden.GetProperty("cli").GetProperty("licenses").EnumerateArray().Select(l => l.GetProperty("key").GetString()).ToList();
        cliLicenses.Should().Equal(golden.GetProperty("licenses").EnumerateArray().Select(l => l.GetString()));
        foreach (JsonElement file in matched)
        {
            LicenseFileMatch mine = matches.Single(m => m.Path == file.GetProperty("filename").GetString());
            mine.Key.Should().Be(file.GetProperty("key").GetString());
            mine.Matcher.Should().Be(file.GetProperty("matcher") is { ValueKind: JsonValueKind.String } m ? m.GetString() : null);
        }

        if (expected is null || (expected == "other" && golden.GetProperty("licenses").GetArrayLength() > 1))
        {
            decidingPath.Should().BeNull();
            confidence.Should().Be(0);
        }
        else
        {
            JsonElement decider = matched.First(file => file.GetProperty("key").GetString() == expected
                && !(file.GetProperty("matcher").ValueKind == JsonValueKind.String && file.GetProperty("matcher").GetString() == "copyright"
                     && file.GetProperty("filename").GetString()!.StartsWith("COPYRIGHT", StringComparison.OrdinalIgnoreCase)));
            decidingPath.Should().Be(decider.GetProperty("filename").GetString());
            confidence.Should().Be(decider.GetProperty("confidence") is { ValueKind: JsonValueKind.Number } c ? c.GetDouble() : 0);
        }
    }

    [Fact]
    public void The_order_of_the_files_given_does_not_matter()
    {
        var files = new List<LicenseFileMatch>
        {
            new("LICENSE.txt", "mit", 99.5, "dice"),
            new("README.md", "mit", 90, "reference"),
            new("LICENSE", "mit", 100, "exact"),
            new("docs/LICENSE", "gpl-3.0", 100, "exact"),
            new("main.c", null, 0, null),
        };
        LicenseProject.Decide(files).Should().Be(("mit", 100.0, "LICENSE"));
        files.Reverse();
        LicenseProject.Decide(files).Should().Be(("mit", 100.0, "LICENSE"));
    }

    [Fact]
    public void A_better_ranked_readme_without_a_section_hides_a_lesser_one()
    {
        LicenseProject.Decide([new("README.md", "mit", 90, "reference"), new("README", null, 0, null)]).Should().Be(((string?)null, 0.0, (string?)null));
        LicenseProject.Decide([new("README.md", "mit", 90, "reference"), new("README.txt", null, 0, null)]).Should().Be(("mit", 90.0, "README.md"));
    }

    [Fact]
    public void The_lesser_gpl_beside_the_gpl_is_the_lgpl_but_not_with_a_third_licence()
    {
        LicenseFileMatch gpl = new("COPYING", "gpl-3.0", 100, "exact");
        LicenseFileMatch lesser = new("COPYING.LESSER", "lgpl-3.0", 99.9, "dice");
        LicenseProject.Decide([gpl, lesser]).Should().Be(("lgpl-3.0", 99.9, "COPYING.LESSER"));
        LicenseProject.Decide([gpl, lesser, new("LICENSE", "mit", 100, "exact")]).Should().Be(("other", 0.0, (string?)null));
        LicenseProject.Decide([gpl, new("LICENSE.LESSER", "lgpl-3.0", 100, "exact")]).Should().Be(("other", 0.0, (string?)null));
    }

    [Fact]
    public void Nothing_is_no_licence()
    {
        LicenseProject.Decide([]).Should().Be(((string?)null, 0.0, (string?)null));
        LicenseProject.Decide([new("src/LICENSE", "mit", 100, "exact")]).Should().Be(((string?)null, 0.0, (string?)null));
    }
}
