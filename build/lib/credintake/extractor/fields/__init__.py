"""Field extractors, one module per document type; importing this package registers them all."""

import importlib
import pkgutil

from credintake.extractor.fields.registry import Extraction, extract, register, registered

for _mod in pkgutil.iter_modules(__path__):
    if _mod.name != "registry":
        importlib.import_module(f"{__name__}.{_mod.name}")

__all__ = ["Extraction", "extract", "register", "registered"]
