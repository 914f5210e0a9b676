namespace AiCtiPortal.Engine.Artifacts;

/// <summary>Stable finding codes: curators and the portal key rules and statistics on them, so never rename one.</summary>
public static class FindingCodes
{
    public const string FormatUnsupported = "FORMAT_UNSUPPORTED";
    public const string FormatPolyglot = "FORMAT_POLYGLOT";
    public const string ScanLimit = "SCAN_LIMIT";
    public const string ScanError = "SCAN_ERROR";

    public const string PickleDeniedGlobal = "PICKLE_DENIED_GLOBAL";
    public const string PickleUnknownGlobal = "PICKLE_UNKNOWN_GLOBAL";
    public const string PickleUnresolvedGlobal = "PICKLE_UNRESOLVED_GLOBAL";
    public const string PickleExtensionCode = "PICKLE_EXTENSION_CODE";
    public const string PickleDynamicCall = "PICKLE_DYNAMIC_CALL";
    public const string PickleBuildOnGlobal = "PICKLE_BUILD_ON_GLOBAL";
    public const string PickleDunderState = "PICKLE_DUNDER_STATE";
    public const string PickleNested = "PICKLE_NESTED";
    public const string PickleTrailingData = "PICKLE_TRAILING_DATA";
    public const string PickleConcatenated = "PICKLE_CONCATENATED";
    public const string PickleOutOfBandBuffer = "PICKLE_OUT_OF_BAND_BUFFER";
    public const string PickleMalformed = "PICKLE_MALFORMED";
    public const string PickleLimit = "PICKLE_LIMIT";

    public const string ZipNameMismatch = "ZIP_NAME_MISMATCH";
    public const string ZipPathTraversal = "ZIP_PATH_TRAVERSAL";
    public const string ZipEncrypted = "ZIP_ENCRYPTED";
    public const string ZipOddFlags = "ZIP_ODD_FLAGS";
    public const string ZipBadCrc = "ZIP_BAD_CRC";
    public const string ZipSizeMismatch = "ZIP_SIZE_MISMATCH";
    public const string ZipNestedArchive = "ZIP_NESTED_ARCHIVE";
    public const string ZipCompressionRatio = "ZIP_COMPRESSION_RATIO";
    public const string ZipUnsupportedMethod = "ZIP_UNSUPPORTED_METHOD";
    public const string ZipDuplicateName = "ZIP_DUPLICATE_NAME";
    public const string ZipUnlistedEntry = "ZIP_UNLISTED_ENTRY";
    public const string ZipPrependedData = "ZIP_PREPENDED_DATA";
    public const string ZipOverlappingEntries = "ZIP_OVERLAPPING_ENTRIES";
    public const string ZipMalformed = "ZIP_MALFORMED";

    public const string TarPathTraversal = "TAR_PATH_TRAVERSAL";
    public const string TarMalformed = "TAR_MALFORMED";

    public const string JoblibMalformed = "JOBLIB_MALFORMED";
    public const string JoblibHiddenOpcodes = "JOBLIB_HIDDEN_OPCODES";
    public const string DecompressionLimit = "DECOMPRESSION_LIMIT";
    public const string DecompressionRatio = "DECOMPRESSION_RATIO";
    public const string DecompressionCorrupt = "DECOMPRESSION_CORRUPT";

    public const string NumPyObjectArray = "NUMPY_OBJECT_ARRAY";
    public const string NumPyMalformed = "NUMPY_MALFORMED";

    public const string SafetensorsHeaderTooLarge = "SAFETENSORS_HEADER_TOO_LARGE";
    public const string SafetensorsHeaderPastEof = "SAFETENSORS_HEADER_PAST_EOF";
    public const string SafetensorsHeaderInvalidUtf8 = "SAFETENSORS_HEADER_INVALID_UTF8";
    public const string SafetensorsHeaderInvalidJson = "SAFETENSORS_HEADER_INVALID_JSON";
    public const string SafetensorsHeaderDuplicateKey = "SAFETENSORS_HEADER_DUPLICATE_KEY";
    public const string SafetensorsHeaderBadEntry = "SAFETENSORS_HEADER_BAD_ENTRY";
    public const string SafetensorsHeaderInvalidOffsets = "SAFETENSORS_HEADER_INVALID_OFFSETS";
    public const string SafetensorsHeaderHoleOrOverlap = "SAFETENSORS_HEADER_HOLE_OR_OVERLAP";
    public const string SafetensorsHeaderSizeMismatch = "SAFETENSORS_HEADER_SIZE_MISMATCH";
    public const string SafetensorsHeaderBufferEnd = "SAFETENSORS_HEADER_BUFFER_END";
    public const string SafetensorsHeaderSuspiciousMetadata = "SAFETENSORS_HEADER_SUSPICIOUS_METADATA";

    public const string GgufMalformed = "GGUF_MALFORMED";
    public const string GgufUnsupportedVersion = "GGUF_UNSUPPORTED_VERSION";
    public const string GgufClaimExceedsFile = "GGUF_CLAIM_EXCEEDS_FILE";
    public const string GgufBadType = "GGUF_BAD_TYPE";
    public const string GgufDuplicateKey = "GGUF_DUPLICATE_KEY";
    public const string GgufNestingTooDeep = "GGUF_NESTING_TOO_DEEP";
    public const string GgufTensorInfo = "GGUF_TENSOR_INFO";
    public const string GgufTemplateInjection = "GGUF_TEMPLATE_INJECTION";

    public const string KerasLambda = "KERAS_LAMBDA";
    public const string KerasModuleReference = "KERAS_MODULE_REFERENCE";
    public const string KerasMalformed = "KERAS_MALFORMED";

    public const string OnnxCustomDomain = "ONNX_CUSTOM_DOMAIN";
    public const string OnnxExternalDataPath = "ONNX_EXTERNAL_DATA_PATH";
    public const string OnnxMalformed = "ONNX_MALFORMED";

    public const string StringUrl = "STRING_URL";
    public const string StringDomain = "STRING_DOMAIN";
    public const string StringIpAddress = "STRING_IP_ADDRESS";
}
