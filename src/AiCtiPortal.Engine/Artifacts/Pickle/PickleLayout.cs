namespace AiCtiPortal.Engine.Artifacts.Pickle;

/// <summary>What surrounds a pickle stream, which decides whether data after STOP is expected.</summary>
internal enum PickleLayout
{
    /// <summary>A standalone pickle: a second pickle or trailing bytes after STOP are reported.</summary>
    Plain,

    /// <summary>Legacy torch.save: several pickles (magic, protocol, sys info, model, storage keys), then raw storages.</summary>
    TorchLegacy,

    /// <summary>A pickle carried by another format (npy object array, tar member) whose framing we already checked.</summary>
    Embedded,
}
