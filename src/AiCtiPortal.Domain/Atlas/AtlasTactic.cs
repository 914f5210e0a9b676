namespace AiCtiPortal.Domain.Atlas;

public class AtlasTactic
{
    /// <summary>The ATLAS id, such as AML.TA0002.</summary>
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>Position in the ATLAS matrix, left to right.</summary>
    public int Order { get; set; }
}
