"""The `@tool` decorator and `ToolProvider`, the two ways flow code declares a tool."""

import functools
import inspect
from typing import Callable, Optional

# The attribute the decorator sets; the executor finds a file's tool by it.
TOOL_ATTRIBUTE = "__tool"


def tool(
    func: Optional[Callable] = None,
    *,
    name: Optional[str] = None,
    description: Optional[str] = None,
    type: Optional[str] = None,
    input_settings=None,
    streaming_option_parameter: Optional[str] = None,
    **kwargs,
) -> Callable:
    """Mark a function (or a method of a `ToolProvider` class) as a prompt flow tool.

    Used bare (`@tool`) or with arguments (`@tool(name="...")`); sync and async functions alike.
    """

    def decorate(f: Callable) -> Callable:
        if inspect.iscoroutinefunction(f):

            @functools.wraps(f)
            async def wrapped(*args, **kw):
                return await f(*args, **kw)

        else:

            @functools.wraps(f)
            def wrapped(*args, **kw):
                return f(*args, **kw)

        setattr(wrapped, TOOL_ATTRIBUTE, {"name": name or f.__name__, "description": description, "type": type})
        setattr(wrapped, "__original_function", f)
        return wrapped

    # `@tool` hands the function directly; `@tool(...)` hands it to the returned decorator.
    return decorate(func) if func is not None else decorate


def is_tool(f) -> bool:
    return getattr(f, TOOL_ATTRIBUTE, None) is not None


class ToolProvider:
    """Base class of class-based tools: `__init__` takes the node's init inputs, a `@tool` method runs."""

    def __init__(self):
        pass
