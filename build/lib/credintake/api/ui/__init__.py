"""The review screens: server-rendered pages under ``/ui`` (see routes.py)."""

from credintake.api.ui.routes import install

__all__ = ["install"]
