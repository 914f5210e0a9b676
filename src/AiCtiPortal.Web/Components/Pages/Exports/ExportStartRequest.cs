using AiCtiPortal.Domain.Exports.Runs;

namespace AiCtiPortal.Web.Components.Pages.Exports;

/// <summary>A curator's request to export one set.</summary>
public sealed record ExportStartRequest(Guid SetId, ExportFormat Format, ExportKind Kind);
