"""Summarises the TRX files of one test run of AiCtiPortal.sln.

Prints each failed test with the first lines of its message, each test project that left no results (it did not build, or its test host crashed),
then one line exactly "N passed, N failed, N skipped". Exits 1 when a test failed, a test project left no results,
or no test ran at all: an empty run is a broken run, not a green one.

Usage: trx_summary.py RESULTS_DIR [SOLUTION]
"""

import pathlib
import re
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
MESSAGE_LINES = 6
SKIPPED_OUTCOMES = {"NotExecuted", "NotRunnable", "Inconclusive", "Pending"}


def expected_test_assemblies(solution: pathlib.Path) -> set[str]:
    """Assembly names of the solution's projects that reference the test SDK."""
    names = set()
    for match in re.finditer(r'"([^"]+\.csproj)"', solution.read_text(encoding="utf-8-sig")):
        project = solution.parent / match.group(1).replace("\\", "/")
        if not project.is_file():
            continue
        text = project.read_text(encoding="utf-8-sig")
        if "Microsoft.NET.Test.Sdk" not in text:
            continue
        assembly = re.search(r"<AssemblyName>([^<]+)</AssemblyName>", text)
        names.add((assembly.group(1) if assembly else project.stem).lower())
    return names


def failure_excerpt(result) -> str:
    """The first lines of a failed test's message: CI keeps only the end of its log, where this summary is printed."""
    message = result.find("t:Output/t:ErrorInfo/t:Message", NS)
    if message is None or not (message.text or "").strip():
        return ""
    lines = [line.rstrip() for line in message.text.strip().splitlines()[:MESSAGE_LINES]]
    return "".join(f"\n    {line[:400]}" for line in lines)


def summarise(results_dir: pathlib.Path):
    passed = failed = skipped = 0
    failures: list[str] = []
    seen_assemblies: set[str] = set()
    for trx in sorted(results_dir.rglob("*.trx")):
        root = ET.parse(trx).getroot()
        for test in root.iterfind(".//t:TestDefinitions/t:UnitTest", NS):
            storage = test.get("storage", "")
            # TRX stores the path lower-cased.
            seen_assemblies.add(pathlib.PurePath(storage.replace("\\", "/")).stem.lower())
        for result in root.iterfind(".//t:Results/t:UnitTestResult", NS):
            outcome = result.get("outcome", "")
            if outcome == "Passed":
                passed += 1
            elif outcome in SKIPPED_OUTCOMES:
                skipped += 1
            else:
                failed += 1
                failures.append(f"{result.get('testName', '?')} ({outcome or 'no outcome'})" + failure_excerpt(result))
    return passed, failed, skipped, failures, seen_assemblies


def main() -> int:
    results_dir = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "artifacts/test-results")
    passed, failed, skipped, failures, seen = summarise(results_dir)
    missing: list[str] = []
    if len(sys.argv) > 2:
        missing = sorted(expected_test_assemblies(pathlib.Path(sys.argv[2])) - seen)
    for failure in failures:
        print(f"FAILED {failure}")
    for assembly in missing:
        print(f"FAILED {assembly}.dll: no test results (it did not build, has no tests, or its test host crashed)")
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    if passed + failed == 0:
        print(f"no test results found under {results_dir}", file=sys.stderr)
        return 1
    return 1 if failed or missing else 0


if __name__ == "__main__":
    sys.exit(main())
