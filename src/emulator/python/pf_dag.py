"""The DAG flow model and one line's run, with prompt flow's semantics (promptflow-core `executor/`).

- References (`contracts/flow.py`): `${inputs.x}` / `${flow.x}` a flow input, `${node}` /
  `${node.output}` / `${node.output.key[0]['sub']}` a node output with a property path; anything else is a
  literal.
- Flow inputs (`flow_validator.py`, `contracts/tool.py` `ValueType.parse`): defaults first, then each
  declared type converts the value, and a value that does not convert fails the line.
- Order (`_ensure_nodes_order`): the file's order, each node after the nodes it references.
- Bypass (`_dag_manager.py`): `activate` decides when present; otherwise a node whose node references are
  all bypassed is bypassed; a bypassed node's output is None.
- Outputs (`flow_executor.py` `_extract_outputs`): a literal, a flow input or a node output with a property
  path; outputs of aggregation nodes are left out of a line's outputs.
"""

import json
import re
import time
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from pf_errors import (
    DuplicateNodeName,
    InputNotFound,
    InputParseError,
    InputReferenceNotFound,
    InputTypeError,
    InvalidFlowRequest,
    InvalidNodeReference,
    InvalidReferenceProperty,
    NodeCircularDependency,
    NodeReferenceNotFound,
    OutputReferenceNotFound,
    UnsupportedReference,
    error_dict,
)

FLOW_INPUT_PREFIXES = ("flow.", "inputs.")


@dataclass
class Ref:
    """One input assignment: a literal, a flow input or a node reference."""

    kind: str  # "literal" | "flow" | "node"
    value: Any
    section: str = "output"
    property: str = ""

    @staticmethod
    def parse(raw: Any) -> "Ref":
        if not (isinstance(raw, str) and raw.startswith("${") and raw.endswith("}") and len(raw) > 3):
            return Ref("literal", raw)
        body = raw[2:-1]
        for prefix in FLOW_INPUT_PREFIXES:
            if body.startswith(prefix):
                return Ref("flow", body[len(prefix) :])
        if "." not in body:
            return Ref("node", body)
        name, port = body.split(".", 1)
        if "." not in port:
            return Ref("node", name, port)
        section, prop = port.split(".", 1)
        return Ref("node", name, section, prop)

    def key(self) -> str:
        """The reference as prompt flow serializes it (the key of aggregation inputs)."""
        return "${" + ".".join(p for p in (self.value, self.section, self.property) if p) + "}"


PROPERTY_PART = r"(\w+)|(\['.*?'\])|(\[\d+\])"


def read_property(node_name: str, value: Any, prop: str) -> Any:
    """Follow a property path (`key.sub`, `[0]`, `['k']`) into a node's output."""
    try:
        for groups in re.findall(PROPERTY_PART, prop or ""):
            part = next(g for g in groups if g)
            if part.startswith("["):
                index = part[1:-1]
                value = value[index[1:-1] if index.startswith("'") else int(index)]
            elif isinstance(value, dict):
                value = value[part]
            else:
                value = getattr(value, part)
    except (KeyError, IndexError, AttributeError, TypeError) as e:
        raise InvalidReferenceProperty(
            message_format="Flow execution failed. Invalid property '{property}' when accessing the node "
            "'{node_name}'. Please check the property and try again.",
            property=prop,
            node_name=node_name,
        ) from e
    return value


def resolve(ref: Ref, flow_inputs: Dict[str, Any], outputs: Dict[str, Any]) -> Any:
    if ref.kind == "literal":
        return ref.value
    if ref.kind == "flow":
        if ref.value not in flow_inputs:
            raise InputNotFound(
                message_format="Flow execution failed. The input '{input_name}' is not found from flow inputs "
                "'{flow_input_keys}'. Please check the input name and try again.",
                input_name=ref.value,
                flow_input_keys=", ".join(flow_inputs.keys()),
            )
        return flow_inputs[ref.value]
    if ref.section != "output":
        raise UnsupportedReference(
            message_format="Flow execution failed. The section '{reference_section}' of reference is currently "
            "unsupported. Please specify the output part of the node '{reference_node_name}'.",
            reference_section=ref.section,
            reference_node_name=ref.value,
        )
    return read_property(ref.value, outputs[ref.value], ref.property)


# --- flow inputs -------------------------------------------------------------------------------------------
def parse_typed(value: Any, value_type: str) -> Any:
    """`ValueType.parse`: int, double, bool, string, list and object conversions; other types pass through."""
    if value_type == "int":
        return int(value)
    if value_type == "double":
        return float(value)
    if value_type == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        raise ValueError(f"Invalid boolean value {value!r}")
    if value_type == "string":
        return str(value)
    if value_type == "list":
        if isinstance(value, str):
            value = json.loads(value)
        if not isinstance(value, list):
            raise ValueError(f"Invalid list value {value!r}")
        return value
    if value_type == "object" and isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value  # It may really be a string.
    return value


def line_inputs(definitions: Dict[str, dict], given: Dict[str, Any], index: Optional[int]) -> Dict[str, Any]:
    """A line's flow inputs: defaults applied, every declared input present, each converted to its type."""
    values = dict(given or {})
    for name, spec in definitions.items():
        if name not in values and spec.get("default") is not None:
            values[name] = spec["default"]
    line_info = "in input data" if index is None else f"in line {index} of input data"
    for name in definitions:
        if name not in values:
            raise InputNotFound(
                message_format="The input for flow is incorrect. The value for flow input '{input_name}' is not "
                "provided {line_info}. Please review your input data or remove this input in your flow if it's no "
                "longer needed.",
                input_name=name,
                line_info=line_info,
            )
    for name, spec in definitions.items():
        values[name] = convert_input(name, values[name], spec.get("type", "string"), index)
    return values


def convert_input(name: str, value: Any, value_type: str, index: Optional[int]) -> Any:
    info = f"'{name}'" + ("" if index is None else f" in line {index} of input data")
    try:
        return parse_typed(value, value_type)
    except json.JSONDecodeError as e:
        raise InputParseError(
            message_format="Failed to parse the flow input. The value for flow input {flow_input_info} was "
            "interpreted as JSON string since its type is '{value_type}'. However, the value '{input_value}' is "
            "invalid for JSON parsing. Error details: {error_type_and_message}. Please make sure your inputs are "
            "properly formatted.",
            flow_input_info=info,
            input_value=value,
            value_type=value_type,
            error_type_and_message=f"({type(e).__name__}) {e}",
        ) from e
    except Exception as e:
        raise InputTypeError(
            message_format="The input for flow is incorrect. The value for flow input {flow_input_info} does not "
            "match the expected type '{expected_type}'. Please change flow input type or adjust the input value in "
            "your input data.",
            flow_input_info=info,
            expected_type=value_type,
        ) from e


# --- the flow ------------------------------------------------------------------------------------------------
@dataclass
class Node:
    name: str
    spec: dict
    inputs: Dict[str, Ref]
    aggregation: bool
    activate: Optional[Ref] = None
    activate_is: Any = None

    def node_refs(self) -> List[Ref]:
        refs = [r for r in self.inputs.values() if r.kind == "node"]
        if self.activate is not None and self.activate.kind == "node":
            refs.append(self.activate)
        return refs


@dataclass
class Flow:
    inputs: Dict[str, dict]
    outputs: Dict[str, Ref]
    nodes: List[Node]  # in run order
    by_name: Dict[str, Node] = field(default_factory=dict)

    @property
    def line_nodes(self) -> List[Node]:
        return [n for n in self.nodes if not n.aggregation]

    @property
    def aggregation_nodes(self) -> List[Node]:
        return [n for n in self.nodes if n.aggregation]


def _flow_error(cls, message_format: str, **params):
    return cls(message_format="Invalid node definitions found in the flow graph. " + message_format, **params)


def load_flow(data: dict) -> Flow:
    """Read and check the flow (names, references, order); a problem here stops the whole run."""
    if not isinstance(data, dict):
        raise InvalidFlowRequest(message="The flow definition is not an object.")
    for key, kind, name in (("inputs", dict, "map"), ("nodes", list, "list"), ("outputs", dict, "map")):
        if not isinstance(data.get(key) or kind(), kind):
            raise InvalidFlowRequest(message=f"The flow's {key} are not a {name}.")
    definitions = {k: (v if isinstance(v, dict) else {}) for k, v in (data.get("inputs") or {}).items()}
    nodes: List[Node] = []
    for raw in data.get("nodes") or []:
        if not isinstance(raw, dict) or not isinstance(raw.get("inputs") or {}, dict):
            raise InvalidFlowRequest(message=f"The flow's node {raw!r:.80} is not an object with a map of inputs.")
        activate = raw.get("activate") if isinstance(raw.get("activate"), dict) else {}
        nodes.append(
            Node(
                name=str(raw.get("name")),
                spec=raw,
                inputs={k: Ref.parse(v) for k, v in (raw.get("inputs") or {}).items()},
                aggregation=bool(raw.get("aggregation")),
                activate=Ref.parse(activate["when"]) if "when" in activate else None,
                activate_is=activate.get("is"),
            )
        )
    names = set()
    for node in nodes:
        if node.name in names:
            raise _flow_error(
                DuplicateNodeName,
                "Node with name '{node_name}' appears more than once in the node definitions in your flow, which "
                "is not allowed. To address this issue, please review your flow and either rename or remove nodes "
                "with identical names.",
                node_name=node.name,
            )
        names.add(node.name)
        for ref in list(node.inputs.values()) + ([node.activate] if node.activate else []):
            if ref.kind == "flow" and ref.value not in definitions:
                raise _flow_error(
                    InputReferenceNotFound,
                    "Node '{node_name}' references flow input '{flow_input_name}' which is not defined in your "
                    "flow. To resolve this issue, please review your flow, ensuring that you either add the missing "
                    "flow inputs or adjust node reference to the correct flow input.",
                    node_name=node.name,
                    flow_input_name=ref.value,
                )
    outputs = {}
    for name, spec in (data.get("outputs") or {}).items():
        ref = Ref.parse((spec or {}).get("reference") if isinstance(spec, dict) else spec)
        if (ref.kind == "node" and ref.value not in names) or (ref.kind == "flow" and ref.value not in definitions):
            raise OutputReferenceNotFound(
                message_format="The output '{output_name}' for flow is incorrect. The reference '{reference}' "
                "can not be found in your flow. Please rectify the error in your flow and try again.",
                output_name=name,
                reference=ref.key() if ref.kind == "node" else f"${{inputs.{ref.value}}}",
            )
        outputs[name] = ref
    ordered = order_nodes(nodes)
    return Flow(inputs=definitions, outputs=outputs, nodes=ordered, by_name={n.name: n for n in ordered})


def order_nodes(nodes: List[Node]) -> List[Node]:
    names = {n.name for n in nodes}
    aggregation = {n.name for n in nodes if n.aggregation}
    depends: Dict[str, set] = {}
    for node in nodes:
        if node.aggregation and node.activate is not None and node.activate.kind == "node":
            if node.activate.value not in aggregation:
                raise _flow_error(
                    InvalidNodeReference,
                    "Non-aggregation node '{invalid_reference}' cannot be referenced in the activate config of the "
                    "aggregation node '{node_name}'. Please review and rectify the node reference.",
                    invalid_reference=node.activate.value,
                    node_name=node.name,
                )
        deps = set()
        for ref in node.node_refs():
            if ref.value not in names:
                raise _flow_error(
                    NodeReferenceNotFound,
                    "Node '{node_name}' references a non-existent node '{reference_node_name}' in your flow. Please "
                    "review your flow to ensure that the node name is accurately specified.",
                    node_name=node.name,
                    reference_node_name=ref.value,
                )
            deps.add(ref.value)
        if not node.aggregation and deps & aggregation:
            raise _flow_error(
                InvalidNodeReference,
                "Non-aggregate node '{node_name}' cannot reference aggregate nodes {invalid_reference}. Please "
                "review and rectify the node reference.",
                node_name=node.name,
                invalid_reference=deps & aggregation,
            )
        depends[node.name] = deps
    ordered: List[Node] = []
    picked: set = set()
    while len(ordered) < len(nodes):
        ready = next((n for n in nodes if n.name not in picked and depends[n.name] <= picked), None)
        if ready is None:
            raise _flow_error(
                NodeCircularDependency,
                "Node circular dependency has been detected among the nodes in your flow. Kindly review the "
                "reference relationships for the nodes {remaining_nodes} and resolve the circular reference issue "
                "in the flow.",
                remaining_nodes=sorted(set(depends) - picked),
            )
        ordered.append(ready)
        picked.add(ready.name)
    return ordered


# --- running nodes ---------------------------------------------------------------------------------------------
@dataclass
class NodeRun:
    """What one node did in a line (a `nodes` entry of the results)."""

    node: str
    tool: str
    type: str
    inputs: Dict[str, Any] = field(default_factory=dict)
    output: Any = None
    error: Optional[dict] = None
    start: float = 0.0
    end: float = 0.0
    tokens: Optional[dict] = None
    bypassed: bool = False


class NodeFailed(Exception):
    """A node's error ends the line; it carries the error that the line reports."""

    def __init__(self, error: BaseException):
        super().__init__(str(error))
        self.error = error


def run_nodes(nodes: List[Node], flow_inputs: Dict[str, Any], tools: Dict[str, Any], runs: List[NodeRun]) -> dict:
    """Run the nodes in order; a bypassed node's output is None. Appends each node's record to `runs`
    (also when it fails: then NodeFailed is raised) and returns the outputs by node name."""
    outputs: Dict[str, Any] = {}
    bypassed: set = set()
    for node in nodes:
        tool = tools[node.name]
        if _bypass(node, bypassed, flow_inputs, outputs):
            bypassed.add(node.name)
            outputs[node.name] = None
            now = time.time()
            runs.append(NodeRun(node.name, tool.tool_name, tool.kind, start=now, end=now, bypassed=True))
            continue
        kwargs = {}
        for name, ref in node.inputs.items():
            if ref.kind == "node" and ref.value in bypassed:
                # The function's default stands in for a bypassed input; without one the input is None.
                if tool.has_default(name):
                    continue
                kwargs[name] = None
            else:
                kwargs[name] = resolve(ref, flow_inputs, outputs)
        record = NodeRun(node.name, tool.tool_name, tool.kind, start=time.time())
        runs.append(record)
        try:
            record.inputs = tool.recorded_inputs(kwargs)
            output, record.tokens = tool.invoke(kwargs, flow_input_names(node))
        except Exception as e:
            record.end = time.time()
            record.error = error_dict(e)
            raise NodeFailed(e) from e
        record.end = time.time()
        record.output = output
        outputs[node.name] = output
    return outputs


def flow_input_names(node: Node) -> List[str]:
    """Inputs that come straight from flow inputs: the llm and prompt tools escape their role lines."""
    return [k for k, ref in node.inputs.items() if ref.kind == "flow"]


def _bypass(node: Node, bypassed: set, flow_inputs: Dict[str, Any], outputs: Dict[str, Any]) -> bool:
    if node.activate is not None:
        if node.activate.kind == "node" and node.activate.value in bypassed:
            return True
        return resolve(node.activate, flow_inputs, outputs) != node.activate_is
    refs = [r for r in node.inputs.values() if r.kind == "node"]
    return bool(refs) and all(r.value in bypassed for r in refs)


def line_outputs(flow: Flow, flow_inputs: Dict[str, Any], outputs: Dict[str, Any]) -> Dict[str, Any]:
    result = {}
    for name, ref in flow.outputs.items():
        if ref.kind == "node" and flow.by_name[ref.value].aggregation:
            continue
        result[name] = resolve(ref, flow_inputs, outputs)
    return result


def node_run_dict(run: NodeRun) -> dict:
    return {
        "node": run.node,
        "tool": run.tool,
        "type": run.type,
        "inputs": run.inputs,
        "output": run.output,
        "error": run.error,
        "start": run.start,
        "end": run.end,
        "tokens": run.tokens,
        "bypassed": run.bypassed,
    }


def sum_tokens(runs: List[NodeRun]) -> dict:
    total = {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}
    for run in runs:
        for key in total:
            total[key] += (run.tokens or {}).get(key, 0)
    return total

