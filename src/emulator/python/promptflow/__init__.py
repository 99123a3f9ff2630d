"""Stand-in of the `promptflow` package that the prompt flow base image carries (promptflow==1.17.2).

It gives flow code what the real package gives it at run time: the `tool` decorator, `ToolProvider`,
`log_metric`, the connection classes and the contract types. The emulator's executor
(../executor.py) runs the flows; nothing here talks to a service.
"""

from promptflow._core.metric_logger import log_metric
from promptflow._core.tool import ToolProvider, tool
from promptflow._version import __version__

# Older flows import the metric logger under this name.
log_flow_metric = log_metric

__all__ = ["log_metric", "log_flow_metric", "tool", "ToolProvider", "__version__"]
