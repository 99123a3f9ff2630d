"""Metrics that aggregation nodes log: `log_metric` hands each value to the loggers the executor added."""

import inspect
from typing import Callable, List

_loggers: List[Callable] = []


def log_metric(key, value, variant_id=None):
    """Log a metric for the current run.

    :param key: the metric's name.
    :param value: its value, a number.
    :param variant_id: the variant the value belongs to, if any.
    """
    for logger in list(_loggers):
        # A logger takes (key, value) or (key, value, variant_id), as prompt flow's loggers do.
        if len(inspect.signature(logger).parameters) == 2:
            logger(key, value)
        else:
            logger(key, value, variant_id)


def add_metric_logger(logger: Callable) -> None:
    if callable(logger) and logger not in _loggers:
        _loggers.append(logger)


def remove_metric_logger(logger: Callable) -> None:
    if logger in _loggers:
        _loggers.remove(logger)
