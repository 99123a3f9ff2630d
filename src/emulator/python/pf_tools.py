"""Turning each node of a flow into something the line runner can call (promptflow-core `_tool_resolver.py`).

- python nodes: the node's `.py` file is loaded as module `__pf_main__`; its one `@tool` function (or the
  node's `function:`), or the `@tool` method of a class built once from the node's init inputs. Parameters
  annotated with a connection class get the connection the input names; literal inputs are converted to
  the annotated type. A flow's own exception becomes `ToolExecutionError`.
- prompt and llm nodes: their Jinja2 template (pf_chat).
- other package tools: the node fails, since the emulator does not carry them.
A problem found here (a file that does not load, an unknown connection) stops the run before any line, as
tool resolution does in prompt flow.
"""

import asyncio
import collections.abc
import importlib.util
import inspect
import os
import sys
import typing
from typing import Any, Dict, List, Optional, Tuple

import pf_chat
import promptflow.connections as pf_connections
from pf_dag import Node, parse_typed
from pf_errors import (
    PF_MAIN_MODULE,
    ConnectionNotFound,
    GetConnectionError,
    InvalidConnectionType,
    InvalidRequest,
    InvalidSource,
    MultipleToolsDefined,
    NodeInputValidationError,
    NoToolDefined,
    PackageToolNotFoundError,
    PythonLoaderNotFound,
    PythonLoadError,
    ResolveToolError,
    ToolExecutionError,
    ToolLoadError,
)
from promptflow._core.tool import is_tool
from promptflow.exceptions import ErrorTarget, PromptflowException

# The llm tool's home modules: the second part of an llm error's `referenceCode`.
LLM_MODULES = {"AzureOpenAI": "promptflow.tools.aoai", "OpenAI": "promptflow.tools.openai"}
PROMPT_MODULE = "promptflow.tools.template_rendering"
# Annotations that literal inputs are converted to, with prompt flow's value type names.
LITERAL_TYPES = {int: "int", float: "double", bool: "bool", str: "string", list: "list", dict: "object"}


class Connections:
    """The run's connections (job.json) as prompt flow's connection objects."""

    def __init__(self, data: Dict[str, dict]):
        self._data = data or {}

    def raw(self, name: str) -> dict:
        if name not in self._data:
            raise ConnectionNotFound(message=f"Connection {name!r} is not found.")
        return self._data[name]

    def get(self, name: str, wanted: Optional[type] = None):
        raw = self.raw(name)
        kind = raw.get("type", "Custom")
        fields = {k: v for k, v in raw.items() if k not in ("type", "configs", "secrets")}
        if wanted is not None and issubclass(wanted, pf_connections.CustomStrongTypeConnection):
            obj = wanted(secrets=raw.get("secrets") or {}, configs=raw.get("configs") or {})
        elif kind == "Custom":
            obj = pf_connections.CustomConnection(secrets=raw.get("secrets") or {}, configs=raw.get("configs") or {})
        elif kind == "OpenAI":
            obj = pf_connections.OpenAIConnection(
                api_key=fields.get("api_key"),
                organization=fields.get("organization"),
                base_url=fields.get("base_url") or fields.get("api_base"),
            )
        else:
            cls = getattr(pf_connections, f"{kind}Connection", None)
            if cls is None:
                obj = pf_connections.CustomConnection(secrets=raw.get("secrets") or {}, configs=fields)
            else:
                accepted = inspect.signature(cls.__init__).parameters
                obj = cls(**{k: v for k, v in fields.items() if k in accepted})
        obj.name = name
        return obj


def _connection_classes(annotation) -> List[type]:
    """The connection classes a parameter's annotation names (one, or several in a Union)."""
    if isinstance(annotation, str):
        found = getattr(pf_connections, annotation.split(".")[-1], None)
        annotation = found if isinstance(found, type) else None
    if typing.get_origin(annotation) is typing.Union:
        return [c for a in typing.get_args(annotation) for c in _connection_classes(a)]
    if isinstance(annotation, type) and issubclass(annotation, pf_connections._Connection):
        return [annotation]
    return []


class Tool:
    """A resolved node: what the results call it, and how it runs."""

    tool_name = ""
    kind = "Function"

    def has_default(self, name: str) -> bool:
        return False

    def recorded_inputs(self, kwargs: Dict[str, Any]) -> Dict[str, Any]:
        return dict(kwargs)

    def invoke(self, kwargs: Dict[str, Any], flow_input_names: List[str]) -> Tuple[Any, Optional[dict]]:
        raise NotImplementedError


class PythonTool(Tool):
    def __init__(self, node: Node, func, connections: Connections):
        self.node = node
        self.func = func
        self.tool_name = getattr(func, "__name__", node.name)
        self.connections = connections
        self.params = inspect.signature(func).parameters
        hints = _annotations(func)
        self.connection_params = {k: _connection_classes(hints.get(k)) for k in self.params}
        self.connection_params = {k: v for k, v in self.connection_params.items() if v}
        self.literal_types = {k: LITERAL_TYPES[t] for k, t in hints.items() if t in LITERAL_TYPES}

    def has_default(self, name: str) -> bool:
        param = self.params.get(name)
        return param is not None and param.default is not inspect.Parameter.empty

    def recorded_inputs(self, kwargs):
        # A connection is recorded by its name, never with its keys.
        return {k: (v.name if isinstance(v, pf_connections._Connection) else v) for k, v in kwargs.items()}

    def connection_value(self, name: str, value):
        classes = self.connection_params[name]
        if not isinstance(value, str):
            return value
        try:
            obj = self.connections.get(value, classes[0] if len(classes) == 1 else None)
        except Exception as e:
            raise GetConnectionError(value, self.node.name, e) from e
        wanted = [c.__name__ for c in classes]
        if type(obj).__name__ not in wanted:
            raise NodeInputValidationError(
                message=f"Input '{name}' for node '{self.node.name}' of type {type(obj).__name__!r} is not "
                f"supported, valid types {wanted}."
            )
        return obj

    def check_literals(self) -> None:
        """Connections named by literals exist and literal values fit their annotated types."""
        for name, ref in self.node.inputs.items():
            if ref.kind != "literal" or ref.value is None:
                continue
            if name in self.connection_params:
                self.connection_value(name, ref.value)
            elif name in self.literal_types:
                try:
                    ref.value = parse_typed(ref.value, self.literal_types[name])
                except Exception as e:
                    raise NodeInputValidationError(
                        message_format="Input '{key}' for node '{node_name}' of value '{value}' is not type "
                        "{value_type}.",
                        key=name,
                        node_name=self.node.name,
                        value=ref.value,
                        value_type=self.literal_types[name],
                    ) from e

    def invoke(self, kwargs, flow_input_names):
        kwargs = {k: (self.connection_value(k, v) if k in self.connection_params else v) for k, v in kwargs.items()}
        try:
            return call_tool(self.func, kwargs), None
        except PromptflowException as e:
            e.module = PF_MAIN_MODULE
            raise
        except Exception as e:
            raise ToolExecutionError(node_name=self.node.name, module=PF_MAIN_MODULE) from e


def call_tool(func, kwargs):
    """Call a tool; await a coroutine, and join a generator's items as prompt flow joins a streamed output."""
    result = func(**kwargs)
    if inspect.iscoroutine(result):
        result = asyncio.run(result)
    if inspect.isasyncgen(result):
        result = asyncio.run(_join_async(result))
    elif isinstance(result, collections.abc.Iterator) and not isinstance(result, (str, bytes, dict, list)):
        result = "".join(str(item) for item in result)
    return result


async def _join_async(gen) -> str:
    return "".join([str(item) async for item in gen])


def _annotations(func) -> dict:
    try:
        return typing.get_type_hints(func)
    except Exception:
        # Unresolvable annotations stay as written (strings are matched by name).
        return dict(getattr(func, "__annotations__", {}))


class PromptTool(Tool):
    kind = "Prompt"
    tool_name = "render_template_jinja2"

    def __init__(self, node: Node, template: str):
        self.node = node
        self.template = template

    def invoke(self, kwargs, flow_input_names):
        try:
            return pf_chat.render_prompt(self.template, kwargs, flow_input_names), None
        except PromptflowException as e:
            e.module = PROMPT_MODULE
            raise


class LlmTool(Tool):
    kind = "LLM"

    def __init__(self, node: Node, template: str, provider: str, connection: dict, ca_file: Optional[str]):
        self.node = node
        self.template = template
        self.provider = provider
        self.connection = connection
        self.ca_file = ca_file
        self.tool_name = f"{provider}.chat"

    def has_default(self, name):
        return name in pf_chat.LLM_PARAMETERS

    def recorded_inputs(self, kwargs):
        return {"prompt": self.template, "connection": self.node.spec.get("connection"), **kwargs}

    def invoke(self, kwargs, flow_input_names):
        try:
            model_key = "deployment_name" if self.provider == "AzureOpenAI" else "model"
            model = kwargs.get(model_key) or ("" if self.provider == "AzureOpenAI" else "gpt-3.5-turbo")
            params = {k: v for k, v in kwargs.items() if k in pf_chat.LLM_PARAMETERS}
            not_variables = pf_chat.LLM_PARAMETERS | pf_chat.LLM_CONTROL_INPUTS
            variables = {k: v for k, v in kwargs.items() if k not in not_variables}
            names = [n for n in flow_input_names if n in variables]
            messages = pf_chat.build_messages(self.template, variables, names)
            url, headers, body = pf_chat.chat_request(self.provider, self.connection, model, messages, params)
            answer = pf_chat.send_chat(url, headers, body, self.ca_file)
            return pf_chat.chat_output(answer, bool(params.get("tools") or params.get("functions")))
        except PromptflowException as e:
            e.module = LLM_MODULES[self.provider]
            raise


class UnavailableTool(Tool):
    """A tool the emulator does not carry: every run of the node fails, saying so."""

    def __init__(self, node: Node, tool_name: str, reason: str):
        self.node = node
        self.tool_name = tool_name
        self.reason = reason

    def invoke(self, kwargs, flow_input_names):
        try:
            raise PackageToolNotFoundError(message=self.reason, target=ErrorTarget.EXECUTOR)
        except PackageToolNotFoundError as e:
            raise ResolveToolError(node_name=self.node.name) from e


# --- resolving ----------------------------------------------------------------------------------------------
_modules: Dict[str, Any] = {}


def _missing_source(node: Node, path: Optional[str]) -> InvalidSource:
    return InvalidSource(
        message_format="Load tool failed for node '{node_name}'. Tool file '{source_path}' can not be found.",
        source_path=path,
        node_name=node.name,
    )


def load_module(node: Node, path: str):
    full = os.path.realpath(path)
    if full in _modules:
        return _modules[full]
    if not os.path.isfile(full):
        raise _missing_source(node, path)
    spec = importlib.util.spec_from_file_location(PF_MAIN_MODULE, full)
    if spec is None or spec.loader is None:
        raise PythonLoaderNotFound(
            message_format="Failed to load python file '{src_file}'. Please make sure it is a valid .py file.",
            src_file=full,
        )
    module = importlib.util.module_from_spec(spec)
    # Registered while it runs, so dataclasses and pickling in the file find their module.
    sys.modules[PF_MAIN_MODULE] = module
    try:
        spec.loader.exec_module(module)
    except Exception as e:
        raise PythonLoadError(
            message_format="Failed to load python module from file '{src_file}': {error_type_and_message}",
            src_file=full,
            error_type_and_message=f"({type(e).__name__}) {e}",
        ) from e
    _modules[full] = module
    return module


def find_tool(node: Node, module) -> Tuple[Any, Optional[type]]:
    """The node's tool in the module: (function, None) or (method, its class)."""
    wanted = node.spec.get("function")
    functions, methods = [], []
    for _, obj in inspect.getmembers(module):
        if callable(obj) and not isinstance(obj, type) and is_tool(obj) and obj.__module__ == module.__name__:
            functions.append(obj)
        elif isinstance(obj, type) and obj.__module__ == module.__name__:
            methods += [(m, obj) for _, m in inspect.getmembers(obj) if is_tool(m)]
    if wanted:
        for f in functions:
            if f.__name__ == wanted:
                return f, None
        for m, cls in methods:
            if m.__name__ == wanted:
                return m, cls
        plain = getattr(module, wanted, None)
        if callable(plain):
            return plain, None
    count = len(functions) + len(methods)
    if count == 0 or wanted:
        raise NoToolDefined(
            message_format="No tool found in the python script. Please make sure you have one and only one tool "
            "definition in your script."
        )
    if count > 1:
        raise MultipleToolsDefined(
            message_format="Expected 1 but collected {tool_count} tools: {tool_names}. Please make sure you have one "
            "and only one tool definition in your script.",
            tool_count=count,
            tool_names=", ".join(f.__name__ for f in functions + [m for m, _ in methods]),
        )
    return (functions[0], None) if functions else methods[0]


def read_template(node: Node) -> str:
    path = (node.spec.get("source") or {}).get("path")
    if not path or not os.path.isfile(path):
        raise _missing_source(node, path)
    with open(path, encoding="utf-8") as f:
        template = f.read()
    error = pf_chat.template_syntax_error(template)
    if error is not None:
        raise error
    return template


def resolve_node(node: Node, connections: Connections, ca_file: Optional[str]) -> Tool:
    """The node's tool; raises ResolveToolError when it cannot be had."""
    try:
        return _resolve(node, connections, ca_file)
    except ResolveToolError:
        raise
    except Exception as e:
        raise ResolveToolError(node_name=node.name) from e


def needs_jinja(node: Node) -> bool:
    return node.spec.get("type") in ("prompt", "llm")


def _resolve(node: Node, connections: Connections, ca_file: Optional[str]) -> Tool:
    node_type = node.spec.get("type")
    source = node.spec.get("source") or {}
    if node_type == "prompt":
        return PromptTool(node, read_template(node))
    if node_type == "llm":
        return _resolve_llm(node, connections, ca_file)
    if source.get("type", "code") == "code":
        module = load_module(node, source.get("path") or "")
        func, cls = find_tool(node, module)
        if cls is not None:
            func = _bind_method(node, func, cls, connections)
        tool = PythonTool(node, func, connections)
        tool.check_literals()
        return tool
    name = source.get("tool") or node.spec.get("tool") or node.name
    return UnavailableTool(
        node,
        name,
        f"Package tool '{name}' is not available in the emulator: it runs python, prompt and llm (chat) nodes. "
        "Run this flow on Azure, or replace the tool with a python node.",
    )


def _bind_method(node: Node, method, cls: type, connections: Connections):
    """Build the class once from the node's inputs that `__init__` takes, and return the bound method."""
    params = inspect.signature(cls.__init__).parameters
    hints = _annotations(cls.__init__)
    init_args = {}
    for name, ref in list(node.inputs.items()):
        if name == "self" or name not in params:
            continue
        value = ref.value
        classes = _connection_classes(hints.get(name))
        if classes and isinstance(value, str):
            try:
                value = connections.get(value, classes[0])
            except Exception as e:
                raise GetConnectionError(value, node.name, e) from e
        init_args[name] = value
        del node.inputs[name]  # Init inputs are not the method's.
    try:
        instance = cls(**init_args)
    except Exception as e:
        raise ToolLoadError(
            module=PF_MAIN_MODULE,
            message_format="Failed to load package tool '{tool_name}': {error_type_and_message}",
            tool_name=f"{cls.__name__}.{method.__name__}",
            error_type_and_message=f"({type(e).__name__}) {e}",
        ) from e
    return getattr(instance, method.__name__)


def _resolve_llm(node: Node, connections: Connections, ca_file: Optional[str]) -> Tool:
    name = node.spec.get("connection")
    try:
        raw = connections.raw(str(name))
    except ConnectionNotFound as e:
        raise GetConnectionError(str(name), node.name, e) from e
    kind = raw.get("type")
    if kind not in LLM_MODULES:
        raise InvalidConnectionType(
            message_format="Connection type {conn_type} is not supported for LLM.", conn_type=kind
        )
    template = read_template(node)
    api = node.spec.get("api", "chat")
    if api != "chat":
        return UnavailableTool(
            node,
            f"{kind}.{api}",
            f"The llm tool's '{api}' API is not available in the emulator: it runs llm nodes with the chat API.",
        )
    if kind == "AzureOpenAI" and "deployment_name" not in node.inputs:
        raise InvalidRequest(message=f"Required inputs ['deployment_name'] are not provided for tool '{kind}.chat'.")
    return LlmTool(node, template, kind, raw, ca_file)
