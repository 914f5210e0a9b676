"""Regenerates cpython-pickles.tsv: pickles written by CPython's own pickler, for differential tests.

Run with any CPython 3.8+: python3 generate_pickles.py > cpython-pickles.tsv
Nothing here is ever unpickled. The 'denied' samples only *describe* calls through __reduce__;
pickle.dumps does not execute them.
"""
import argparse
import collections
import datetime
import os
import pathlib
import pickle
import sys


class Payload:
    """__reduce__ names os.system; dumping it writes GLOBAL/STACK_GLOBAL os system and REDUCE."""

    def __reduce__(self):
        return (os.system, ("id",))


class NestedPayload:
    def __reduce__(self):
        return (pickle.loads, (pickle.dumps(Payload(), protocol=2),))


def benign_samples():
    shared = ["shared"]
    recursive = [1, 2]
    recursive.append(recursive)
    yield "scalars", {"int": 7, "neg": -3, "big": 2 ** 100, "float": 1.5, "none": None, "t": True, "f": False}
    yield "strings", {"ascii": "hello", "unicode": "h\u00e9llo \u2603 \U0001F600", "bytes": b"\x00\x01\xff", "long": "x" * 300}
    yield "containers", {"tuple": (1, 2, 3), "t1": (1,), "t0": (), "list": [1, [2, [3]]], "set": {1, 2}, "frozen": frozenset({3}), "ba": bytearray(b"ab")}
    yield "memo", {"a": shared, "b": shared, "c": (shared, shared)}
    yield "recursive", recursive
    yield "ordered", collections.OrderedDict([("layer.weight", [0.5, 1.5]), ("layer.bias", [0.0])])
    yield "slices", [slice(1, 10, 2), range(5), complex(1, 2)]
    yield "datetime", {"when": datetime.datetime(2026, 1, 2, 3, 4, 5), "delta": datetime.timedelta(days=1)}
    yield "checkpoint-hparams", {
        "hparams": argparse.Namespace(lr=0.001, epochs=3, data_dir=pathlib.PurePosixPath("/data/train")),
        "output": pathlib.PurePosixPath("runs/exp1"),
        "epoch": 3,
    }


def denied_samples():
    yield "reduce-os-system", Payload()
    yield "nested-pickle-loads", NestedPayload()


def main():
    print("name\tprotocol\texpectation\thex")
    for protocol in range(0, pickle.HIGHEST_PROTOCOL + 1):
        for name, value in benign_samples():
            print(f"{name}\t{protocol}\tclean\t{pickle.dumps(value, protocol=protocol).hex()}")
        for name, value in denied_samples():
            print(f"{name}\t{protocol}\tdenied\t{pickle.dumps(value, protocol=protocol).hex()}")
    # Protocol 5 out-of-band buffers: NEXT_BUFFER needs buffers the file does not hold.
    data = pickle.dumps(pickle.PickleBuffer(b"abc"), protocol=5, buffer_callback=lambda b: False)
    print(f"out-of-band\t5\toob\t{data.hex()}")


if __name__ == "__main__":
    sys.exit(main())
