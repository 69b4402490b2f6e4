"""Names from outside (file names, packet names) as a reviewer can trust them on screen.

A file name is chosen by whoever sent it. Bidirectional controls make "evil\u202efdp.jpg"
display as "eviljpg.pdf"; NFC and NFD spellings of one name look identical; a 250-character
name pushes the table off screen. So a name is shown NFC-normalised, with every invisible
format character (Unicode category Cf: bidi overrides and isolates, zero-width characters)
spelled out as ``<U+202E>``, cut to a length with an ellipsis, and the whole sanitised name
in the element's title for hover. The template engine's escaping still applies: the result
is built with ``markupsafe.escape``.
"""

from __future__ import annotations

import unicodedata

from markupsafe import Markup, escape

NAME_LIMIT = 48


def visible(name: str) -> str:
    """``name`` NFC-normalised with format characters spelled out."""
    text = unicodedata.normalize("NFC", name)
    return "".join(f"<U+{ord(ch):04X}>" if unicodedata.category(ch) in ("Cf", "Cc") else ch
                   for ch in text)


def shortened(text: str, limit: int = NAME_LIMIT) -> str:
    """At most ``limit`` characters: the start and the end (the extension) kept."""
    if len(text) <= limit:
        return text
    tail = max(limit // 3, 1)
    return text[:limit - tail - 1] + "…" + text[-tail:]


def display_name(name: object, limit: int = NAME_LIMIT) -> Markup:
    """The name for a table cell: ``<span class="name" title="full">short</span>``."""
    if name is None or name == "":
        return Markup("—")
    full = visible(str(name))
    return Markup('<span class="name" title="{}">{}</span>').format(
        escape(full), escape(shortened(full, limit)))
