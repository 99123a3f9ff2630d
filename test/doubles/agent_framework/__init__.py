"""TEST DOUBLE of agent_framework (Microsoft Agent Framework), for the migration tests only.

See ../README.md for exactly what it covers. It is not Agent Framework.
"""

import inspect
import typing
from typing import Any, get_args, get_origin

__all__ = ["Executor", "Message", "Workflow", "WorkflowBuilder", "WorkflowContext", "WorkflowRunResult", "handler"]


class Message:
    def __init__(self, role, contents=None, *, author_name=None, message_id=None, additional_properties=None, raw_representation=None):
        self.role = role
        self.contents = list(contents or [])
        self.author_name = author_name

    @property
    def text(self):
        return " ".join(c for c in self.contents if isinstance(c, str))


class WorkflowContext:
    """WorkflowContext[T] sends T; WorkflowContext[T, U] also yields U."""

    def __class_getitem__(cls, params):
        params = params if isinstance(params, tuple) else (params,)
        return _ContextType(params)

    def __init__(self, runner, executor_id):
        self._runner = runner
        self._executor_id = executor_id

    async def send_message(self, message, target_id=None):
        self._runner.sent.append((self._executor_id, message))

    async def yield_output(self, output):
        self._runner.outputs.append(output)


class _ContextType:
    def __init__(self, params):
        self.params = params


def handler(func):
    func._double_handler = True
    return func


def _matches(value, annotation):
    if annotation is Any:
        return True
    origin = get_origin(annotation)
    if origin is list:
        (item,) = get_args(annotation) or (Any,)
        return isinstance(value, list) and all(_matches(v, item) for v in value)
    if origin is dict:
        return isinstance(value, dict)
    if origin in (typing.Union,) or type(annotation).__name__ == "UnionType":
        return any(_matches(value, a) for a in get_args(annotation))
    return isinstance(annotation, type) and isinstance(value, annotation)


def _compatible(source, target):
    if target is Any or source is target:
        return True
    if type(target).__name__ == "UnionType" or get_origin(target) is typing.Union:
        return any(_compatible(source, t) for t in get_args(target))
    if get_origin(source) is list and get_origin(target) is list:
        return _compatible(get_args(source)[0], get_args(target)[0])
    if get_origin(source) is list or get_origin(target) is list:
        return False
    return isinstance(source, type) and isinstance(target, type) and issubclass(source, target)


class Executor:
    def __init__(self, id, *, type=None, type_=None, defer_discovery=False, **_):
        if not id:
            raise ValueError("Executor ID must be a non-empty string.")
        self.id = id
        self._handlers = []
        for name in dir(self.__class__):
            func = getattr(self.__class__, name)
            if not getattr(func, "_double_handler", False):
                continue
            hints = typing.get_type_hints(func)
            params = list(inspect.signature(func).parameters)
            if len(params) != 3:
                raise TypeError(f"handler {name} of {id} must take (self, message, ctx)")
            ctx = hints.get(params[2])
            if not isinstance(ctx, _ContextType):
                raise TypeError(f"handler {name} of {id}: ctx must be annotated WorkflowContext[...]")
            self._handlers.append((hints[params[1]], ctx.params, getattr(self, name)))
        if not self._handlers:
            raise ValueError(f"Executor {id} has no @handler")

    @property
    def input_types(self):
        return [h[0] for h in self._handlers]

    @property
    def output_types(self):
        return [h[1][0] for h in self._handlers if h[1] and h[1][0] is not typing.Never]


class _Edge:
    def __init__(self, kind, sources, targets, condition=None):
        self.kind = kind
        self.sources = sources
        self.targets = targets
        self.condition = condition


class WorkflowRunResult(list):
    def get_outputs(self):
        return list(self)


class _Run:
    def __init__(self):
        self.sent = []
        self.outputs = []


class Workflow:
    def __init__(self, start, executors, edges, max_iterations, name, description):
        self.start = start
        self.executors = executors
        self.edges = edges
        self.max_iterations = max_iterations
        self.name = name
        self.description = description

    async def _deliver(self, run, executor, message):
        for annotation, _, method in executor._handlers:
            if _matches(message, annotation):
                await method(message, WorkflowContext(run, executor.id))
                return
        raise TypeError(f"{executor.id} has no handler for {type(message).__name__}")

    async def run(self, message=None, **_):
        run = _Run()
        fan_in = {id(e): {} for e in self.edges if e.kind == "fan_in"}
        pending = [(self.start, message)]
        for _step in range(self.max_iterations):
            if not pending:
                return WorkflowRunResult(run.outputs)
            run.sent = []
            for executor, msg in pending:
                await self._deliver(run, executor, msg)
            pending = []
            for source_id, msg in run.sent:
                for edge in self.edges:
                    if source_id not in [s.id for s in edge.sources]:
                        continue
                    if edge.kind == "fan_in":
                        buffer = fan_in[id(edge)]
                        buffer[source_id] = msg
                        if len(buffer) == len(edge.sources):
                            pending.append((edge.targets[0], [buffer[s.id] for s in edge.sources]))
                            fan_in[id(edge)] = {}
                        continue
                    if edge.condition is not None:
                        verdict = edge.condition(msg)
                        if inspect.isawaitable(verdict):
                            verdict = await verdict
                        if not verdict:
                            continue
                    for target in edge.targets:
                        pending.append((target, msg))
        raise RuntimeError("The workflow did not converge within max_iterations supersteps.")


class WorkflowBuilder:
    def __init__(self, max_iterations=100, name=None, description=None, *, start_executor, checkpoint_storage=None, output_from=None, intermediate_output_from=None, output_executors=None):
        self._max_iterations = max_iterations
        self._name = name
        self._description = description
        self._start = start_executor
        self._executors = {}
        self._edges = []
        self._pairs = set()
        self._add(start_executor)

    def _add(self, executor):
        if not isinstance(executor, Executor):
            raise TypeError(f"WorkflowBuilder expected an Executor; got {type(executor).__name__}.")
        known = self._executors.get(executor.id)
        if known is not None and known is not executor:
            raise ValueError(f"Duplicate executor ID '{executor.id}' detected in workflow.")
        self._executors[executor.id] = executor

    def _edge(self, kind, sources, targets, condition=None):
        for s in sources:
            self._add(s)
        for t in targets:
            self._add(t)
        for s in sources:
            for t in targets:
                if (s.id, t.id) in self._pairs:
                    raise ValueError(f"Edge {s.id} -> {t.id} added twice.")
                self._pairs.add((s.id, t.id))
        self._edges.append(_Edge(kind, list(sources), list(targets), condition))
        return self

    def add_edge(self, source, target, condition=None):
        return self._edge("edge", [source], [target], condition)

    def add_fan_out_edges(self, source, targets):
        return self._edge("fan_out", [source], list(targets))

    def add_fan_in_edges(self, sources, target):
        return self._edge("fan_in", list(sources), [target])

    def add_chain(self, executors):
        for a, b in zip(executors, executors[1:]):
            self.add_edge(a, b)
        return self

    def build(self):
        for edge in self._edges:
            for s in edge.sources:
                for t in edge.targets:
                    outs = [typing.List[o] if edge.kind == "fan_in" else o for o in s.output_types]
                    outs = [list[get_args(o)[0]] if get_origin(o) is list else o for o in outs]
                    if not any(_compatible(o, i) for o in outs for i in t.input_types):
                        raise TypeError(f"Edge {s.id} -> {t.id}: {outs} does not fit {t.input_types}")
        return Workflow(self._start, self._executors, self._edges, self._max_iterations, self._name, self._description)
