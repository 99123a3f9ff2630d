"""`promptflow.tracing`: flow code decorates helpers with `@trace`; the emulator records no traces, so the
decorator hands the function back unchanged and `start_trace` does nothing."""

from typing import Callable, Optional


def trace(func: Optional[Callable] = None, **kwargs) -> Callable:
    """Used bare (`@trace`) or with arguments (`@trace(...)`); the function runs as written."""
    if func is None:
        return lambda f: f
    return func


def start_trace(*args, **kwargs) -> None:
    """Tracing to a collector is not part of the emulator."""


__all__ = ["trace", "start_trace"]
