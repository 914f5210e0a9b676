using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.Components.Pages.Reviews;
using AiCtiPortal.Web.Reviews;

namespace AiCtiPortal.Web.ComponentTests.Reviews;

public class VersionDiffTests : BunitContext
{
    private static ReportSnapshot Snapshot(string title, string body, Tlp tlp, params string[] techniques) =>
        new(title, "Summary", body, SupplyChainPhase.ModelArtifact, tlp, 50, ContentStatus.InReview, [], techniques, []);

    [Fact]
    public void The_line_diff_keeps_common_lines_and_marks_added_and_removed_ones_in_order()
    {
        var diff = LineDiff.Compute("a\nb\nc\nd", "a\nc\nx\nd\ne");

        Assert.Equal(
            [
                new DiffLine(DiffKind.Same, "a"), new DiffLine(DiffKind.Removed, "b"), new DiffLine(DiffKind.Same, "c"),
                new DiffLine(DiffKind.Added, "x"), new DiffLine(DiffKind.Same, "d"), new DiffLine(DiffKind.Added, "e"),
            ],
            diff);
    }

    [Fact]
    public void Identical_texts_differ_in_nothing_and_empty_texts_yield_no_lines()
    {
        Assert.All(LineDiff.Compute("one\r\ntwo\n", "one\ntwo"), l => Assert.Equal(DiffKind.Same, l.Kind));
        Assert.Empty(LineDiff.Compute(null, ""));
    }

    [Fact]
    public void The_view_lists_changed_fields_and_marks_body_lines()
    {
        var comparison = SnapshotComparison.Between(
            Snapshot("Old title", "kept\nremoved line", Tlp.Green, "AML.T0010"),
            Snapshot("New title", "kept\nadded line", Tlp.Amber, "AML.T0010", "AML.T0018"));

        var view = Render<VersionDiffView>(p => p.Add(c => c.Comparison, comparison));

        var fields = view.FindAll("[data-testid=field-change]").Select(r => r.QuerySelector("th")!.TextContent).ToList();
        Assert.Equal(["Title", "TLP", "Techniques"], fields);
        Assert.Contains("TLP:AMBER", view.Markup);
        Assert.Equal("+ added line", view.Find(".diff-added.diff-line").TextContent);
        Assert.Equal("- removed line", view.Find(".diff-removed.diff-line").TextContent);
    }

    [Fact]
    public void Unchanged_versions_say_so()
    {
        var same = Snapshot("Title", "Body", Tlp.Green);

        var view = Render<VersionDiffView>(p => p.Add(c => c.Comparison, SnapshotComparison.Between(same, same)));

        Assert.NotNull(view.Find("[data-testid=diff-unchanged]"));
        Assert.Empty(view.FindAll("[data-testid=body-diff]"));
    }
}
