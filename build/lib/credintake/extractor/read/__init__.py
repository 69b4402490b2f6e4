"""Readers: one module per file format, registered by sniffed kind; ``read_file`` dispatches."""

import importlib
import pkgutil

from credintake.extractor.read.registry import KINDS, reader_for, register, sniff

for _mod in pkgutil.iter_modules(__path__):
    if _mod.name not in ("registry", "dispatch"):
        importlib.import_module(f"{__name__}.{_mod.name}")

from credintake.extractor.read.dispatch import read_file  # noqa: E402

__all__ = ["KINDS", "read_file", "reader_for", "register", "sniff"]
