"""Hand-built pages for extractor tests: layouts the generator does not draw."""

from __future__ import annotations

from credintake.extractor.layout import Page, Word, build_lines


def page(rows: list[tuple[float, float, str]], *, size: float = 10.0, conf: float = 1.0,
         number: int = 1, file: str = "t.pdf") -> Page:
    """A page from (x, top, text) rows; each word's width follows its length."""
    words = []
    for x, top, text in rows:
        cursor = x
        for token in text.split():
            width = len(token) * size * 0.5
            words.append(Word(token, cursor, top, cursor + width, top + size, conf))
            cursor += width + size * 0.3
    return Page(file=file, number=number, width=612, height=792, words=words,
                lines=build_lines(words), ocr=conf < 1.0)
