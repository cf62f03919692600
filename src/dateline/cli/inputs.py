"""The input arguments shared by `ingest`, `process` and `extract`: paths and reading limits."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from dateline.cli.options import POSITIVE, number
from dateline.ingest.limits import DEFAULT_HOST_DELAY, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT
from dateline.model import RawDocument


def add_inputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="PATH", help="files, directories, URLs, or - for standard input")
    parser.add_argument(
        "--max-bytes", type=POSITIVE, default=DEFAULT_MAX_BYTES, metavar="N",
        help=f"largest document read, in bytes; larger ones are stored as errors (default {DEFAULT_MAX_BYTES})",
    )
    parser.add_argument(
        "--timeout", type=number(float, 0.1), default=DEFAULT_TIMEOUT, metavar="SECONDS",
        help=f"time limit for fetching one URL (default {DEFAULT_TIMEOUT:g})",
    )
    parser.add_argument(
        "--host-delay", type=number(float, 0), default=DEFAULT_HOST_DELAY, metavar="SECONDS",
        help=f"pause between two fetches from the same host (default {DEFAULT_HOST_DELAY:g})",
    )


def read(args: argparse.Namespace) -> Iterator[RawDocument]:
    """The documents named by the parsed input arguments, read lazily."""
    from dateline.ingest import read_inputs

    return read_inputs(args.inputs, max_bytes=args.max_bytes, timeout=args.timeout, host_delay=args.host_delay)
