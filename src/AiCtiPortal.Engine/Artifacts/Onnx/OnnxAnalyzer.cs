namespace AiCtiPortal.Engine.Artifacts.Onnx;

/// <summary>
/// ONNX ModelProto walked with a minimal protobuf reader: custom operator domains (NodeProto.domain, opset imports,
/// functions) need code outside the standard runtime, and external tensor data must live beside the model (a
/// relative location without ".."), or loading reads arbitrary files.
/// </summary>
internal static class OnnxAnalyzer
{
    private const int MaxDepth = 32;

    // ModelProto fields: ir_version 1, producer 2-3, domain 4, model_version 5, doc 6, graph 7, opset_import 8,
    // metadata_props 14, training_info 20, functions 25.
    private static readonly HashSet<int> ModelFields = [1, 2, 3, 4, 5, 6, 7, 8, 14, 20, 25];

    public static bool LooksLikeModel(Stream stream, ReadOnlySpan<byte> head)
    {
        if (head.Length < 4 || head[0] != 0x08 || head[1] is 0 or > 20)
        {
            return false;
        }

        try
        {
            var reader = new ProtoReader(stream);
            bool graph = false;
            foreach (var field in reader.Fields(0, stream.Length))
            {
                if (!ModelFields.Contains(field.Number))
                {
                    return false;
                }

                graph |= field.Number == 7 && field.WireType == 2;
            }

            return graph;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    public static void Analyze(ScanContext ctx, Stream stream, string? member)
    {
        var walk = new Walk(ctx, new ProtoReader(stream), member);
        try
        {
            foreach (var field in walk.Reader.Fields(0, stream.Length))
            {
                switch (field.Number)
                {
                    case 7 when field.WireType == 2:
                        walk.Graph(field, 0);
                        break;
                    case 8 when field.WireType == 2:
                        walk.OpsetImport(field);
                        break;
                    case 14 when field.WireType == 2:
                        walk.MetadataProp(field);
                        break;
                    case 25 when field.WireType == 2:
                        walk.Function(field, 0);
                        break;
                }
            }
        }
        catch (InvalidDataException e)
        {
            ctx.Add(Severity.Medium, FindingCodes.OnnxMalformed, "Malformed ONNX protobuf", e.Message, member, 0);
        }

        walk.ReportDomains();
    }

    private sealed class Walk(ScanContext ctx, ProtoReader reader, string? member)
    {
        private readonly Dictionary<string, (SortedSet<string> Ops, long Offset)> _domains = new(StringComparer.Ordinal);

        public ProtoReader Reader { get; } = reader;

        public void Graph(ProtoField graph, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new InvalidDataException($"subgraphs nested deeper than {MaxDepth} at offset {graph.Start}");
            }

            foreach (var f in Reader.Fields(graph.Start, graph.End))
            {
                switch (f.Number)
                {
                    case 1 when f.WireType == 2:
                        Node(f, depth);
                        break;
                    case 5 when f.WireType == 2:
                        Tensor(f);
                        break;
                    case 15 when f.WireType == 2:
                        foreach (var t in Reader.Fields(f.Start, f.End).Where(t => t.Number is 1 or 2 && t.WireType == 2).ToList())
                        {
                            Tensor(t);
                        }

                        break;
                }
            }
        }

        public void Function(ProtoField function, int depth)
        {
            foreach (var f in Reader.Fields(function.Start, function.End).ToList())
            {
                if (f.Number == 7 && f.WireType == 2)
                {
                    Node(f, depth);
                }
                else if (f.Number == 9 && f.WireType == 2)
                {
                    OpsetImport(f);
                }
            }
        }

        public void OpsetImport(ProtoField opset)
        {
            foreach (var f in Reader.Fields(opset.Start, opset.End).Where(f => f.Number == 1 && f.WireType == 2).ToList())
            {
                Domain(Reader.String(f, 4096), null, opset.Start);
            }
        }

        public void MetadataProp(ProtoField entry)
        {
            foreach (var f in Reader.Fields(entry.Start, entry.End).Where(f => f.Number == 2 && f.WireType == 2).ToList())
            {
                ctx.ScanText(Reader.String(f), "ONNX metadata", member, f.Start);
            }
        }

        private void Node(ProtoField node, int depth)
        {
            string domain = string.Empty;
            string op = string.Empty;
            var nested = new List<ProtoField>();
            foreach (var f in Reader.Fields(node.Start, node.End))
            {
                switch (f.Number)
                {
                    case 4 when f.WireType == 2:
                        op = Reader.String(f, 1024);
                        break;
                    case 7 when f.WireType == 2:
                        domain = Reader.String(f, 4096);
                        break;
                    case 5 when f.WireType == 2:
                        nested.Add(f);
                        break;
                }
            }

            Domain(domain, op, node.Start);
            foreach (var attribute in nested)
            {
                foreach (var f in Reader.Fields(attribute.Start, attribute.End).ToList())
                {
                    if (f.WireType != 2)
                    {
                        continue;
                    }

                    if (f.Number is 5 or 10)
                    {
                        Tensor(f);
                    }
                    else if (f.Number is 6 or 11)
                    {
                        Graph(f, depth + 1);
                    }
                }
            }
        }

        private void Tensor(ProtoField tensor)
        {
            string name = string.Empty;
            var entries = new List<ProtoField>();
            foreach (var f in Reader.Fields(tensor.Start, tensor.End))
            {
                if (f.Number == 8 && f.WireType == 2)
                {
                    name = Reader.String(f, 1024);
                }
                else if (f.Number == 13 && f.WireType == 2)
                {
                    entries.Add(f);
                }
            }

            foreach (var entry in entries)
            {
                string key = string.Empty;
                string value = string.Empty;
                foreach (var f in Reader.Fields(entry.Start, entry.End).ToList())
                {
                    if (f.Number == 1 && f.WireType == 2)
                    {
                        key = Reader.String(f, 1024);
                    }
                    else if (f.Number == 2 && f.WireType == 2)
                    {
                        value = Reader.String(f, 8192);
                    }
                }

                if (key == "location" && Zip.ZipAnalyzer.IsTraversal(value))
                {
                    ctx.Add(Severity.High, FindingCodes.OnnxExternalDataPath, "ONNX external data outside the model folder",
                        $"Tensor '{ScanContext.Clip(name, 200)}' reads its data from '{ScanContext.Clip(value, 300)}': absolute or '..' locations read arbitrary files.",
                        member, entry.Start);
                }
            }
        }

        private void Domain(string domain, string? op, long offset)
        {
            if (ctx.Policy.OnnxStandardDomains.Contains(domain))
            {
                return;
            }

            if (!_domains.TryGetValue(domain, out var seen))
            {
                seen = (new SortedSet<string>(StringComparer.Ordinal), offset);
                _domains[domain] = seen;
            }

            if (op is not null && seen.Ops.Count < 50)
            {
                seen.Ops.Add(op);
            }
        }

        public void ReportDomains()
        {
            foreach (var (domain, (ops, offset)) in _domains)
            {
                ctx.Add(Severity.Medium, FindingCodes.OnnxCustomDomain, $"ONNX custom operator domain '{ScanContext.Clip(domain, 100)}'",
                    $"Operators from '{ScanContext.Clip(domain, 200)}' ({(ops.Count == 0 ? "opset import only" : string.Join(", ", ops))}) run code from a custom operator library, not the standard runtime.",
                    member, offset);
            }
        }
    }
}
