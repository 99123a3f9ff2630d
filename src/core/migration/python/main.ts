// main.py, written unchanged into every generated project: one line from --inputs, or every line of
// a JSON Lines file with --data/--output, run through the module-level workflow of workflow.py. With
// --data a line that raises is written as an error record (ERROR_KEY) and the other lines go on, as a
// prompt flow run goes on past a failed line; `pfsession migrate verify` reads both shapes.

/** The key of a failed line's record in main.py's output: `{"__error__": {"type", "message", "node"?}}`. */
export const ERROR_KEY = '__error__';

export const MAIN_PY = String.raw`"""Runs the generated workflow: one line (--inputs) or every line of a JSON Lines file (--data).

With --data, each line of the output is the line's flow outputs, or, for a line that raised, an error
record {"${ERROR_KEY}": {"type": <exception class>, "message": <text>, "node": <node, when known>}}.
The aggregation nodes then run over the lines that succeeded, as prompt flow runs them.
"""

import argparse
import asyncio
import json
import sys
from pathlib import Path

from pf_runtime import HERE, LineState


def load_env() -> None:
    try:
        from dotenv import load_dotenv
    except ImportError:
        return
    load_dotenv(HERE / ".env")


async def run_line(workflow, inputs: dict):
    result = await workflow.run(inputs)
    outputs = result.get_outputs()
    line = next((o for o in outputs if isinstance(o, dict)), {})
    state = next((o for o in outputs if isinstance(o, LineState)), None)
    return line, state


def error_record(error: BaseException) -> dict:
    """A failed line as main.py writes it: the exception's class, its text and the node that raised it."""
    record = {"type": type(error).__name__, "message": str(error)}
    node = getattr(error, "pf_node", None)
    if node:
        record["node"] = node
    return {"${ERROR_KEY}": record}


async def run(args) -> int:
    from workflow import AGGREGATION, workflow
    from pf_runtime import aggregate

    if args.inputs is not None:
        inputs = json.loads(args.inputs)
        if not isinstance(inputs, dict):
            print("--inputs must be a JSON object", file=sys.stderr)
            return 2
        line, _ = await run_line(workflow, inputs)
        print(json.dumps(line, ensure_ascii=False, default=str))
        return 0
    lines = []
    states = []
    failed = 0
    with open(args.data, encoding="utf-8") as data:
        for text in data:
            if not text.strip():
                continue
            try:
                inputs = json.loads(text)
                if not isinstance(inputs, dict):
                    raise ValueError("A line of the data must be a JSON object.")
                line, state = await run_line(workflow, inputs)
            except Exception as error:  # one failed line does not end the run
                failed += 1
                lines.append(error_record(error))
                continue
            lines.append(line)
            states.append(state)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        for line in lines:
            out.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    if failed:
        print(f"{failed} of {len(lines)} line(s) failed: see the ${ERROR_KEY} records.", file=sys.stderr)
    if AGGREGATION:
        results = await aggregate([s for s in states if s is not None], AGGREGATION)
        text = json.dumps(results, ensure_ascii=False, default=str, indent=2)
        if args.output:
            Path(args.output).with_suffix(".aggregation.json").write_text(text + "\n", encoding="utf-8")
        else:
            print(text, file=sys.stderr)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--inputs", help="one line's flow inputs as a JSON object")
    group.add_argument("--data", help="a JSON Lines file, one line's inputs per row")
    parser.add_argument("--output", help="with --data: the JSON Lines file to write (default: standard output)")
    args = parser.parse_args()
    load_env()
    return asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())
`;
