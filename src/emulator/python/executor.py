"""The emulator's prompt flow executor: runs a DAG flow's lines on a compute session's Python.

    python executor.py <job.json> <results.jsonl>        (cwd: the flow folder)

The emulator's run driver writes job.json and reads results.jsonl; the contract between them is in the
project notes (`kind` line / aggregation / done / fatal records). Lines run one after another, each in a
thread bounded by the job's line timeout; a failed line fails alone. Aggregation nodes run once at the
end over the lines that completed, and what they log with `log_metric` becomes the run's metrics.
A problem that stops every line (a bad flow, a tool that does not load, Jinja2 missing) is one `fatal`
record and exit code 2. Anything the flow prints goes to this process's stdout and stderr.

Only the standard library (and Jinja2 for prompt and llm nodes) is used.
"""

import dataclasses
import json
import math
import os
import sys
import threading
import time
from typing import Any, Callable, Dict, List, Optional, Tuple

# The executor's own modules load before the flow folder joins sys.path, so a flow file cannot shadow them.
import pf_dag
import pf_tools
from pf_errors import (
    AggregationNodeExecutionTimeoutError,
    LineExecutionTimeoutError,
    MissingPythonPackage,
    UnexpectedError,
    error_dict,
)
from promptflow._core.metric_logger import add_metric_logger, remove_metric_logger
from promptflow.connections import _Connection

DEFAULT_LINE_TIMEOUT_SECONDS = 600


# Deeper than this (or a structure that contains itself), a value is recorded as its text.
MAX_JSON_DEPTH = 64


def to_json(value: Any, depth: int = 0) -> Any:
    """A value as JSON can carry it: connections by name, dataclasses as dicts, non-finite numbers as null."""
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        return str(value)
    if depth >= MAX_JSON_DEPTH:
        return str(value)
    if isinstance(value, dict):
        return {str(k): to_json(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [to_json(v, depth + 1) for v in value]
    if isinstance(value, _Connection):
        return value.name
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_json(dataclasses.asdict(value), depth + 1)
    return str(value)


class Results:
    """results.jsonl: one JSON object a line, flushed at once so the driver can follow the run."""

    def __init__(self, path: str):
        self._file = open(path, "a", encoding="utf-8")

    def write(self, record: dict) -> None:
        self._file.write(json.dumps(to_json(record), ensure_ascii=False) + "\n")
        self._file.flush()

    def close(self) -> None:
        self._file.close()


def run_bounded(work: Callable[[], Any], timeout: float) -> Tuple[bool, Any, Optional[BaseException]]:
    """Run `work` in a daemon thread for at most `timeout` seconds: (finished, result, error).

    A thread cannot be stopped; one that overruns is left behind and ends with the process.
    """
    outcome: Dict[str, Any] = {}

    def target():
        try:
            outcome["result"] = work()
        except BaseException as e:  # noqa: B036 - everything a flow raises is reported, nothing escapes
            outcome["error"] = e

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        return False, None, None
    return True, outcome.get("result"), outcome.get("error")


def _close_unfinished(runs: List[pf_dag.NodeRun], error: dict) -> None:
    for run in runs:
        if not run.bypassed and run.end == 0.0:
            run.end = time.time()
            run.error = error


def run_line(flow: pf_dag.Flow, tools: dict, line: dict, timeout: float) -> Tuple[dict, Optional[tuple]]:
    """One line's record, and (flow inputs, node outputs) when it completed (the aggregation's input)."""
    index = line.get("index")
    start = time.time()
    runs: List[pf_dag.NodeRun] = []
    state: Dict[str, Any] = {}

    def work():
        state["inputs"] = pf_dag.line_inputs(flow.inputs, line.get("inputs") or {}, index)
        state["outputs"] = pf_dag.run_nodes(flow.line_nodes, state["inputs"], tools, runs)
        return pf_dag.line_outputs(flow, state["inputs"], state["outputs"])

    finished, output, error = run_bounded(work, timeout)
    if not finished:
        error = LineExecutionTimeoutError(index, timeout)
        _close_unfinished(runs, error_dict(error))
    if isinstance(error, pf_dag.NodeFailed):
        error = error.error
    record = {
        "kind": "line",
        "index": index,
        "status": "Failed" if error else "Completed",
        "output": None if error else output,
        "error": error_dict(error) if error else None,
        "start": start,
        "end": time.time(),
        "nodes": [pf_dag.node_run_dict(r) for r in list(runs)],
        "tokens": pf_dag.sum_tokens(runs),
    }
    return record, None if error else (state["inputs"], state["outputs"])


def run_aggregation(flow: pf_dag.Flow, tools: dict, completed: List[tuple], timeout: float) -> dict:
    """The aggregation nodes, once: their references to line nodes and flow inputs are lists over the
    lines that completed (prompt flow's batch engine passes only those)."""
    metrics: Dict[str, Any] = {}
    runs: List[pf_dag.NodeRun] = []

    def work():
        inputs = {name: [line_inputs[name] for line_inputs, _ in completed] for name in flow.inputs}
        nodes = []
        for node in flow.aggregation_nodes:
            refs = {}
            for name, ref in node.inputs.items():
                if ref.kind == "node" and not flow.by_name[ref.value].aggregation:
                    values = [pf_dag.resolve(ref, line_inputs, outputs) for line_inputs, outputs in completed]
                    ref = pf_dag.Ref("literal", values)
                refs[name] = ref
            nodes.append(dataclasses.replace(node, inputs=refs))
        pf_dag.run_nodes(nodes, inputs, tools, runs)

    def log(key, value):
        metrics[key] = value

    add_metric_logger(log)
    try:
        finished, _, error = run_bounded(work, timeout)
    finally:
        remove_metric_logger(log)
    if not finished:
        error = AggregationNodeExecutionTimeoutError(timeout)
        _close_unfinished(runs, error_dict(error))
    if isinstance(error, pf_dag.NodeFailed):
        error = error.error
    return {
        "kind": "aggregation",
        "status": "Failed" if error else "Completed",
        "nodes": [pf_dag.node_run_dict(r) for r in list(runs)],
        "metrics": {k: v for k, v in metrics.items() if _is_number(v)},
        "error": error_dict(error) if error else None,
    }


def _is_number(value) -> bool:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return True
    print(f"Metric value {value!r} is not a number and is not recorded.", file=sys.stderr)
    return False


def missing_jinja(flow: pf_dag.Flow) -> Optional[MissingPythonPackage]:
    """Prompt and llm nodes render with Jinja2; without it such a flow cannot start (others run)."""
    names = [n.name for n in flow.nodes if pf_tools.needs_jinja(n)]
    if not names:
        return None
    try:
        import jinja2  # noqa: F401  (only whether it imports matters)
    except ImportError:
        return MissingPythonPackage(
            message=f"The flow's prompt and llm nodes ({', '.join(names)}) need the Python package Jinja2, which "
            f"the session's Python ({sys.executable}) cannot import. Install it on the machine that runs the "
            "emulator: python3 -m pip install Jinja2 (or apt install python3-jinja2)."
        )
    return None


def prepare(job_path: str) -> Tuple[dict, pf_dag.Flow, dict]:
    """Read the job, check the flow and resolve every node's tool; raises what stops the run."""
    try:
        with open(job_path, encoding="utf-8") as f:
            job = json.load(f)
        if not isinstance(job, dict):
            raise ValueError("it is not a JSON object")
    except (OSError, ValueError) as e:
        raise UnexpectedError(
            message_format="The job file '{path}' cannot be read: {error}", path=job_path, error=str(e)
        ) from e
    flow = pf_dag.load_flow(job.get("flow"))
    for name, value in (job.get("environment_variables") or {}).items():
        os.environ[str(name)] = str(value)
    # Flow code imports its sibling files, as under prompt flow where the flow folder is the working dir.
    sys.path.insert(0, os.getcwd())
    problem = missing_jinja(flow)
    if problem is not None:
        raise problem
    connections = pf_tools.Connections(job.get("connections") or {})
    tools = {node.name: pf_tools.resolve_node(node, connections, job.get("ca_file")) for node in flow.nodes}
    return job, flow, tools


def main(argv: List[str]) -> int:
    if len(argv) != 3:
        print("usage: executor.py <job.json> <results.jsonl>", file=sys.stderr)
        return 2
    results = Results(argv[2])
    try:
        try:
            job, flow, tools = prepare(argv[1])
        except Exception as e:
            results.write({"kind": "fatal", "error": error_dict(e)})
            return 2
        timeout = float(job.get("line_timeout_seconds") or DEFAULT_LINE_TIMEOUT_SECONDS)
        # Messages say "600 seconds", as prompt flow's do, not "600.0".
        timeout = int(timeout) if timeout.is_integer() else timeout
        completed = []
        for line in job.get("lines") or []:
            record, done = run_line(flow, tools, line if isinstance(line, dict) else {}, timeout)
            results.write(record)
            if done is not None:
                completed.append(done)
        if flow.aggregation_nodes:
            results.write(run_aggregation(flow, tools, completed, timeout))
        results.write({"kind": "done"})
        return 0
    finally:
        results.close()


if __name__ == "__main__":
    code = main(sys.argv)
    sys.stdout.flush()
    sys.stderr.flush()
    # A line left running past its timeout must not keep the process alive.
    os._exit(code)
