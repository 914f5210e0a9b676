namespace AiCtiPortal.Domain.Atlas;

public class AtlasTechniqueTactic
{
    public string TechniqueId { get; set; } = "";

    public string TacticId { get; set; } = "";
}
