"""`promptflow.core`: the names flow code imports from it (tool, ToolProvider, log_metric)."""

from promptflow._core.metric_logger import log_metric
from promptflow._core.tool import ToolProvider, tool
from promptflow._version import __version__

log_flow_metric = log_metric

__all__ = ["log_metric", "log_flow_metric", "tool", "ToolProvider", "__version__"]
