"""Randomised field layouts and browser print frames for the real-geometry templates.

Real verification printouts show the same facts in many arrangements: a two-column table
of shaded label cells, "Label: value" lines, a horizontal grid (labels in a header row,
values under them), labels stacked above values in cards, two label/value columns side by
side. ``field_block`` draws a list of (label, value) pairs in one of these, chosen by the
template's rng, so a model cannot learn one page's positions. ``print_frame`` adds what a
browser prints around a web page (Chrome- or Firefox-style header and footer: print date,
title, URL, page count), whose dates are never the credential's.
"""

from __future__ import annotations

import random
from datetime import timedelta

from credintake.sample_docs.persona import Persona
from credintake.sample_docs.render import Doc

MODES = ("cells", "colon", "rightlabel", "stacked", "grid", "pairs2")


def print_frame(doc: Doc, rng: random.Random, persona: Persona, title: str, url: str, pages: str = "1/1") -> None:
    """Browser header/footer; Chrome puts date-title / URL-pages, Firefox title-URL / pages-date."""
    printed = persona.as_of - timedelta(days=rng.randrange(0, 25))
    hh, mm = rng.randrange(1, 13), rng.randrange(60)
    ampm = rng.choice(("AM", "PM"))
    size = rng.choice((7.0, 7.5, 8.0))
    if rng.random() < 0.6:  # Chrome-like
        stamp = f"{printed.month}/{printed.day}/{printed.year % 100:02d}, {hh}:{mm:02d} {ampm}"
        doc.text(24, 20, stamp, "Helvetica", size)
        doc.text(doc.W / 2 + 30, 20, title[:90], "Helvetica", size, "c")
        doc.text(24, doc.H - 16, url, "Helvetica", size)
        doc.text(doc.W - 24, doc.H - 16, pages, "Helvetica", size, "r")
    else:  # Firefox-like
        stamp = f"{printed.month}/{printed.day}/{printed.year}, {hh}:{mm:02d}:{rng.randrange(60):02d} {ampm}"
        doc.text(24, 20, title[:70], "Helvetica", size)
        doc.text(doc.W - 24, 20, url if len(url) < 70 else url[:67] + "...", "Helvetica", size, "r")
        doc.text(24, doc.H - 16, pages.replace("/", " of "), "Helvetica", size)
        doc.text(doc.W - 24, doc.H - 16, stamp, "Helvetica", size, "r")


def field_block(doc: Doc, pairs: list[tuple[str, str]], x: float, y: float, width: float, rng: random.Random,
                mode: str | None = None, *, regular: str = "Helvetica", bold: str = "Helvetica-Bold",
                size: float | None = None, colon: bool | None = None) -> float:
    """Draw label/value pairs in ``mode`` (random when None) from (x, y); returns the y below them."""
    mode = mode or rng.choice(MODES)
    size = size or rng.choice((8.5, 9.0, 9.5, 10.0))
    colon = rng.random() < 0.5 if colon is None else colon
    lab = [(f"{a}:" if colon and mode in ("colon", "rightlabel", "pairs2") else a) for a, _ in pairs]
    vals = [v for _, v in pairs]
    if mode == "cells":
        lw = max(doc.width(s, bold, size) for s in lab) + 14
        h = size * 2.1
        shade = rng.choice((0.9, 0.94, None))
        for a, v in zip(lab, vals):
            doc.rect(x, y, lw, h, 0.5, fill=shade)
            doc.rect(x + lw, y, width - lw, h, 0.5)
            doc.text(x + 5, y + h * 0.68, a, bold, size)
            doc.text(x + lw + 6, y + h * 0.68, v, regular, size)
            y += h
        return y + 10
    if mode in ("colon", "rightlabel"):
        lw = max(doc.width(s, bold, size) for s in lab) + rng.choice((10, 18, 30))
        lead = size * rng.choice((1.6, 1.9, 2.2))
        rule = rng.random() < 0.4
        for a, v in zip(lab, vals):
            if mode == "colon":
                doc.text(x, y, a, bold, size)
            else:
                doc.text(x + lw - 8, y, a, bold, size, "r")
            doc.text(x + lw, y, v, regular, size)
            if rule:
                doc.line(x, y + size * 0.5, x + width, y + size * 0.5, 0.3, gray=0.7)
            y += lead
        return y + 6
    if mode == "pairs2":
        half = (len(pairs) + 1) // 2
        colw = width / 2
        lead = size * 2.0
        for col, chunk in enumerate((list(zip(lab, vals))[:half], list(zip(lab, vals))[half:])):
            cx = x + col * colw
            lw = max((doc.width(a, bold, size) for a, _ in chunk), default=0) + 8
            if lw + max((doc.width(v, regular, size) for _, v in chunk), default=0) > colw - 6:
                return field_block(doc, pairs, x, y, width, rng, "colon", regular=regular, bold=bold, size=size,
                                   colon=colon)
            for i, (a, v) in enumerate(chunk):
                doc.text(cx, y + i * lead, a, bold, size)
                doc.text(cx + lw, y + i * lead, v, regular, size)
        return y + half * lead + 6
    if mode == "stacked":
        ncol = rng.choice((2, 3))
        colw = width / ncol
        if any(doc.width(v, bold, size) > colw - 8 for v in vals):
            ncol, colw = 1, width
        lsize = size - 2
        for i, (a, v) in enumerate(zip(lab, vals)):
            cx = x + (i % ncol) * colw
            cy = y + (i // ncol) * (size + lsize + 14)
            doc.text(cx, cy, a.upper() if rng.random() < 0.3 else a, regular, lsize, gray=0.35)
            doc.text(cx, cy + size + 3, v, bold, size)
        rows = (len(pairs) + ncol - 1) // ncol
        return y + rows * (size + lsize + 14) + 4
    # grid: header row of labels over one row of values, in bands that fit the width
    gsize = size - 1
    band: list[tuple[str, str, float]] = []
    bands: list[list[tuple[str, str, float]]] = []
    used = 0.0
    for a, v in zip(lab, vals):
        w = max(doc.width(a, bold, gsize), doc.width(v, regular, gsize)) + 24
        if band and used + w > width:
            bands.append(band)
            band, used = [], 0.0
        band.append((a, v, w))
        used += w
    if band:
        bands.append(band)
    for band in bands:
        total = sum(w for _, _, w in band)
        spare = (width - total) / len(band)
        doc.rect(x, y, width, gsize * 2.0, 0.4, fill=0.88)
        doc.rect(x, y + gsize * 2.0, width, gsize * 2.2, 0.4)
        cx = x
        for a, v, w in band:
            doc.text(cx + 4, y + gsize * 1.4, a, bold, gsize)
            doc.text(cx + 4, y + gsize * 3.5, v, regular, gsize)
            cx += w + spare
        y += gsize * 4.2 + 8
    return y + 4
