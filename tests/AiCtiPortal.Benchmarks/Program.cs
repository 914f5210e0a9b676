using AiCtiPortal.Benchmarks;
using AiCtiPortal.Benchmarks.Curation;
using AiCtiPortal.Benchmarks.Load;
using AiCtiPortal.Benchmarks.Quality;
using AiCtiPortal.Benchmarks.Taxii;

// Usage: dotnet run -c Release --project tests/AiCtiPortal.Benchmarks -- <hashing|index|scan|quality|taxii|similarity|load|all> [options]
//   hashing: [--files 200] [--size-mib 256] [--repeats 3]
//   scan:    [--scan-size-mib 1024] [--pickle-mb 100] [--repeats 3]  (run under `taskset -c 0-1`, and `-c 0` for one core)
//   index:   [--count 1000000] [--queries 1000] [--threshold 50] [--tables 16] [--bits 20] [--radius 1]
//   quality: [--count 1000000] [--reports 100000] [--repeats 3]
//   quality-jobs: [--provider sqlite|postgres|both] [--reports 100000] [--indicators 1000000] [--submissions 5] [--nights 1|2] (copies the load's cached catalogue)
//   taxii, stix-export: [--provider sqlite|postgres|both] [--reports 100000] [--indicators 1000000] [--taxii-pages 25] [--slowest 3]  (copy the load's cached catalogue; not in "all")
//   similarity: [--provider sqlite|postgres] [--reports 100000] [--indicators 1000000] [--submissions 10] [--reseed]
//   load:    [--provider sqlite|postgres|both] [--reports 100000] [--indicators 1000000] [--users 20] [--duration 60]
//            [--warmup 15] [--think-ms 0] [--reseed]  (not part of "all": it seeds databases and starts the portal)
// Run under `taskset -c 0` so the engine and the reference tools (which the harness pins too) get one core each.
var arguments = new Arguments(args);
var command = arguments.Positional.FirstOrDefault() ?? "all";
var summary = new Summary();
switch (command)
{
    case "hashing":
        HashingBenchmark.Run(arguments, summary);
        break;
    case "index":
        TlshIndexBenchmark.Run(arguments, summary);
        SimilarityIndexBenchmark.Run(arguments, summary);
        break;
    case "scan":
        ScanBenchmark.Run(arguments, summary);
        break;
    case "quality":
        QualityBenchmark.Run(arguments, summary);
        break;
    case "quality-jobs":
        await QualityJobBenchmark.RunAsync(arguments, summary);
        break;
    case "taxii":
        await TaxiiPageBenchmark.RunAsync(arguments, summary);
        break;
    case "stix-export":
        await AiCtiPortal.Benchmarks.Exports.StixExportBenchmark.RunAsync(arguments, summary);
        break;
    case "similarity":
        await SimilarityCheckBenchmark.RunAsync(arguments, summary);
        break;
    case "load":
        await LoadBenchmark.RunAsync(arguments, summary);
        break;
    case "all":
        HashingBenchmark.Run(arguments, summary);
        ScanBenchmark.Run(arguments, summary);
        TlshIndexBenchmark.Run(arguments, summary);
        SimilarityIndexBenchmark.Run(arguments, summary);
        QualityBenchmark.Run(arguments, summary);
        break;
    default:
        Console.Error.WriteLine("usage: AiCtiPortal.Benchmarks <hashing|index|scan|quality|taxii|similarity|load|all> [--size-mib N] [--count N] [--queries N]");
        return 2;
}

summary.Print();
return summary.AllPassed ? 0 : 1;
