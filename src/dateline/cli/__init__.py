"""The `dateline` command line.

Each module in this package that defines ``register(subparsers)`` adds its own
commands, so a stage brings its commands without editing a central list.

Every error reaches the user as one line and an exit status, never a
traceback: 2 for a bad option or store, 1 for anything else (set
``DATELINE_DEBUG=1`` to see the traceback of an unexpected error), 130 after
Ctrl-C and 143 after SIGTERM, which stops a command as Ctrl-C does (a run is
marked ``interrupted``, its workers stopped).
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

DEBUG_VAR = "DATELINE_DEBUG"


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where Ctrl-C would be so that every cleanup for Ctrl-C runs for it too."""


class Parser(argparse.ArgumentParser):
    """argparse with its errors on one line (the usage is one `--help` away)."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="dateline",
        description="Turn news into event data: articles, events, quotes and times, with evidence.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register:
            register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with sigterm_interrupts():
            return int(args.func(args) or 0)
    except BrokenPipeError:
        return 0
    except Terminated:
        print("terminated; re-run the same command to finish the rest", file=sys.stderr)
        return 143
    except KeyboardInterrupt:
        print("interrupted; re-run the same command to finish the rest", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"dateline: {describe_os_error(exc)}", file=sys.stderr)
        return 1
    except Exception as exc:
        if os.environ.get(DEBUG_VAR):
            raise
        print(f"dateline: unexpected error: {one_line(exc)} (set {DEBUG_VAR}=1 for the traceback)", file=sys.stderr)
        return 1


@contextmanager
def sigterm_interrupts() -> Iterator[None]:
    """Turn the first SIGTERM into `Terminated`; a second one ends the process at once
    (what a crash costs is then bounded by the store, see docs/reliability.md)."""

    def stop(signum, frame):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        raise Terminated()

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def one_line(exc: BaseException) -> str:
    """`Type: message` on one line (the message's first line)."""
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__


def describe_os_error(exc: OSError) -> str:
    """An IO error naming the file, as a user reads it: ``cannot read /x: No such file or directory``."""
    if exc.filename is None or not exc.strerror:
        return one_line(exc)
    return f"{exc.filename}: {exc.strerror}"
