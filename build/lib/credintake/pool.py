"""A process pool for pages, started only when a packet has pages worth spreading.

Workers are safe by construction (``worker_init``): one Tesseract thread each
(``OMP_THREAD_LIMIT=1``: parallelism comes from the pool, STYLE.md anti-pattern 1), the
configured pixel limit, SIGINT ignored so Ctrl-C reaches only the parent, and the
classifier loaded once. ``map`` keeps order and turns a dead worker into an error for the
pages it lost, never a lost page.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from PIL import Image

from credintake.settings import get_settings

T = TypeVar("T")


def worker_init() -> None:
    """Idempotent: also called in a parent before forking, so workers start warm."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    if multiprocessing.parent_process() is not None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    settings = get_settings()
    Image.MAX_IMAGE_PIXELS = settings.limits.max_image_pixels
    import credintake.pipeline  # noqa: F401 - registries and rule data, imported once
    from credintake.extractor.classify import model_for

    model_for(settings.classifier)


class PagePool:
    """Lazily started ProcessPoolExecutor of ``workers`` processes."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def map(self, fn: Callable[..., T], calls: Sequence[tuple[Any, ...]],
            on_lost: Callable[[tuple[Any, ...]], T]) -> list[T]:
        """``fn(*call)`` for each call, in order; ``on_lost(call)`` where a worker died."""
        if self.workers <= 1 or len(calls) <= 1:
            return [fn(*call) for call in calls]
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.workers, initializer=worker_init)
        futures = [self._pool.submit(fn, *call) for call in calls]
        out: list[T] = []
        for call, fut in zip(calls, futures):
            try:
                out.append(fut.result())
            except BrokenProcessPool:
                out.append(on_lost(call))
        if any(isinstance(f.exception(), BrokenProcessPool) for f in futures if f.done()):
            self.close()
        return out

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> PagePool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
