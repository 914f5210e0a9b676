using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace AiCtiPortal.Web.Markdown;

/// <summary>
/// Renders contributor Markdown to HTML that is safe to put on the page. No HTML sanitizer is available here, so the
/// safety comes from the parser: raw HTML is disabled (it is rendered as text), no extension that injects attributes
/// is enabled, and every link and image whose URL is not http/https/mailto/relative is replaced by its plain text.
/// Images from other hosts become links: an image loads as the page opens, so a remote one would tell its author
/// who read the report and when (a tracking beacon, and a leak for TLP-restricted reports).
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
            if (!SafeUrl.IsAllowed(link.Url))
            {
                link.ReplaceBy(new LiteralInline(PlainText(link)));
            }
            else if (link.IsImage && !SafeUrl.IsSiteRelative(link.Url))
            {
                LinkInstead(link);
            }
            else if (!link.IsImage)
            {
                link.GetAttributes().AddPropertyIfNotExist("rel", "nofollow noopener noreferrer");
            }
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!SafeUrl.IsAllowed(autolink.Url))
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            }
        }
    }

    /// <summary>Turns a remote image into a plain link, so the reader decides whether to fetch it.</summary>
    private static void LinkInstead(LinkInline image)
    {
        var alt = PlainText(image);
        // Only a real web URL has a host worth showing; on Linux Uri also reads "//x" and "/\\x" as file paths.
        var host = Uri.TryCreate(image.Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.Host : image.Url;
        while (image.FirstChild is { } child)
        {
            child.Remove();
        }

        image.IsImage = false;
        image.AppendChild(new LiteralInline($"Image: {(alt.Length > 0 ? alt : "untitled")} (from {host})"));
        image.GetAttributes().AddPropertyIfNotExist("rel", "nofollow noopener noreferrer");
    }

    /// <summary>What a reader would see of the link: its text, or for an image its alt text.</summary>
    private static string PlainText(ContainerInline container)
    {
        var parts = container.Descendants<LiteralInline>().Select(l => l.Content.ToString())
            .Concat(container.Descendants<CodeInline>().Select(c => c.Content));
        return string.Concat(parts);
    }
}
