using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace AiCtiPortal.Web.Markdown;

/// <summary>
/// Renders contributor Markdown to HTML that is safe to put on the page. No HTML sanitizer is available here, so the
/// safety comes from the parser: raw HTML is disabled (it is rendered as text), no extension that injects attributes
/// is enabled, and every link and image whose URL is not http/https/mailto/relative is replaced by its plain text.
/// </summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseTaskLists()
        .UseAutoLinks()
        .Build();

    public string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        var document = Markdig.Markdown.Parse(markdown, _pipeline);
        Defuse(document);
        return document.ToHtml(_pipeline);
    }

    private static void Defuse(MarkdownDocument document)
    {
        // Materialise first: replacing inlines while enumerating the tree would skip nodes.
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (SafeUrl.IsAllowed(link.Url))
            {
                if (!link.IsImage)
                {
                    link.GetAttributes().AddPropertyIfNotExist("rel", "nofollow noopener noreferrer");
                }

                continue;
            }

            link.ReplaceBy(new LiteralInline(PlainText(link)));
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!SafeUrl.IsAllowed(autolink.Url))
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            }
        }
    }

    /// <summary>What a reader would see of the link: its text, or for an image its alt text.</summary>
    private static string PlainText(ContainerInline container)
    {
        var parts = container.Descendants<LiteralInline>().Select(l => l.Content.ToString())
            .Concat(container.Descendants<CodeInline>().Select(c => c.Content));
        return string.Concat(parts);
    }
}
