namespace AiCtiPortal.E2E.Tests;

/// <summary>
/// Cheat-sheet-style payloads against a Markdown renderer. Each tries to run <c>alert(1)</c> or set
/// <c>window.__xss</c>; the renderer must show them as text or drop the unsafe URL, never execute them.
/// </summary>
internal static class XssCorpus
{
    public const string EndMarker = "xss-corpus-end-marker";

    /// <summary>Links that are meant to stay links (and be clicked by the test).</summary>
    public const string SafeLinks = """
        [safe external link](https://example.org/safe "a title") and [relative link](/reports) and <https://example.org/autolink>
        """;

    public static readonly string[] Payloads =
    [
        // Raw HTML elements and event handlers.
        "<script>window.__xss=1;alert(1)</script>",
        "<SCRIPT SRC=https://example.org/xss.js></SCRIPT>",
        "<img src=x onerror=\"window.__xss=1;alert(1)\">",
        "<IMG SRC=\"javascript:alert(1);\">",
        "<svg onload=\"window.__xss=1;alert(1)\"></svg>",
        "<svg><script>window.__xss=1</script></svg>",
        "<svg><a xlink:href=\"javascript:window.__xss=1\"><text y=\"20\">svg link</text></a></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__xss=1\"></style></mglyph></table></mtext></math>",
        "<math href=\"javascript:window.__xss=1\">math link</math>",
        "<iframe src=\"javascript:window.__xss=1\"></iframe>",
        "<iframe srcdoc=\"<script>parent.__xss=1</script>\"></iframe>",
        "<a href=\"javascript:window.__xss=1;alert(1)\">raw html link</a>",
        "<a href=\"&#106;avascript:alert(1)\">entity raw link</a>",
        "<div style=\"background:url(javascript:window.__xss=1);width:expression(alert(1))\">styled</div>",
        "<style>body{background:url(\"javascript:alert(1)\")}</style>",
        "<body onload=alert(1)>",
        "<details open ontoggle=\"window.__xss=1\">details</details>",
        "<input autofocus onfocus=\"window.__xss=1\">",
        "<object data=\"javascript:window.__xss=1\"></object>",
        "<embed src=\"javascript:window.__xss=1\">",
        "<form action=\"javascript:window.__xss=1\"><button>go</button></form>",
        "<base href=\"javascript:alert(1)//\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__xss=1\">",
        "<!-- comment --><script>window.__xss=1</script><!-- end -->",
        "<!--<img src=x onerror=\"window.__xss=1\">-->",
        "| table | cell |\n|---|---|\n| <img src=x onerror=alert(1)> | <script>alert(1)</script> |",

        // Markdown links and images with dangerous schemes.
        "[inline js](javascript:window.__xss=1;alert(1))",
        "[mixed case](JaVaScRiPt:window.__xss=1)",
        "[vbscript](vbscript:msgbox(1))",
        "[data html](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[js comment newline](javascript://%0Awindow.__xss=1)",
        "![js image](javascript:window.__xss=1)",
        "![data svg image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "![vbscript image](vbscript:msgbox(1))",

        // Entity-encoded and whitespace-split schemes.
        "[decimal colon](javascript&#58;window.__xss=1)",
        "[hex colon](javascript&#x3A;window.__xss=1)",
        "[encoded j](&#106;avascript:window.__xss=1)",
        "[named colon](javascript&colon;window.__xss=1)",
        "[tab split](<java\tscript:window.__xss=1>)",
        "[space split](<java script:window.__xss=1>)",
        "[encoded tab](<java&#9;script:window.__xss=1>)",
        "[encoded newline](<java&#10;script:window.__xss=1>)",
        "[leading space](< javascript:window.__xss=1>)",
        "[control char](\u0001javascript:window.__xss=1)",

        // Autolinks.
        "<javascript:window.__xss=1>",
        "<JAVASCRIPT:alert(1)>",
        "<vbscript:msgbox(1)>",
        "<data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>",
        "bare javascript:window.__xss=1 and www.example.org/<script>alert(1)</script>",

        // Reference links to dangerous schemes.
        "[reference link][evil] and ![reference image][evilimage]\n\n[evil]: javascript:window.__xss=1\n[evilimage]: javascript:alert(1)",

        // Attribute breakouts from title, alt and URL.
        "[title breakout](https://example.org/t \"x\\\" onmouseover=\\\"window.__xss=1\")",
        "![alt\" onerror=\"window.__xss=1](https://example.org/img.png)",
        "[url quote](https://example.org/\"onmouseover=\"window.__xss=1)",
        "<https://example.org/\"onmouseover=\"window.__xss=1>",
        "`<script>alert(1)</script>` in a code span",
        "```html\n<script>window.__xss=1</script>\n```",
    ];

    /// <summary>The whole corpus as one Markdown document, ending in a marker that proves it rendered to the end.</summary>
    public static string Document() =>
        string.Join("\n\n", Payloads) + "\n\n" + SafeLinks + "\n\n" + EndMarker + "\n";
}
