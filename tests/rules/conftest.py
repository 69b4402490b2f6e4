"""Make ``factories.py`` importable as ``rules_factories`` (a unique name: test folders
have no __init__.py, so a plain ``factories`` could collide with another folder's)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_NAME = "rules_factories"
if _NAME not in sys.modules:
    _spec = importlib.util.spec_from_file_location(_NAME, Path(__file__).with_name("factories.py"))
    assert _spec is not None and _spec.loader is not None
    _module = importlib.util.module_from_spec(_spec)
    sys.modules[_NAME] = _module
    _spec.loader.exec_module(_module)
