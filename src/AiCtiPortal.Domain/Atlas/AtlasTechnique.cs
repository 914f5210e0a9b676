namespace AiCtiPortal.Domain.Atlas;

public class AtlasTechnique
{
    /// <summary>The ATLAS id, such as AML.T0010 or the sub-technique AML.T0010.001.</summary>
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>The parent technique of a sub-technique; null for a technique.</summary>
    public string? ParentId { get; set; }

    public string? Maturity { get; set; }

    public List<AtlasTechniqueTactic> Tactics { get; set; } = [];
}
