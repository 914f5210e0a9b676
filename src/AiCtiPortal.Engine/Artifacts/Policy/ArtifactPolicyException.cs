namespace AiCtiPortal.Engine.Artifacts.Policy;

/// <summary>A policy document that cannot be used, with a message a curator can act on.</summary>
public sealed class ArtifactPolicyException(string message, Exception? inner = null) : Exception(message, inner);
