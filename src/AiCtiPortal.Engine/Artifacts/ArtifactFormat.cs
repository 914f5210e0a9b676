namespace AiCtiPortal.Engine.Artifacts;

/// <summary>A file format recognised by content (magic bytes and structure), never by extension.</summary>
public enum ArtifactFormat
{
    Unknown,
    Pickle,
    PyTorchZip,
    PyTorchLegacy,
    PyTorchTar,
    Joblib,
    NumPy,
    NumPyZip,
    Safetensors,
    Gguf,
    KerasV3,
    Onnx,
    Hdf5,
    Zip,
    Tar,
}
