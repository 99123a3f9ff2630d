// main.py, written unchanged into every generated project: one line from --inputs, or every line of
// a JSON Lines file with --data/--output, run through the module-level workflow of workflow.py.
export const MAIN_PY = String.raw`"""Runs the generated workflow: one line (--inputs) or every line of a JSON Lines file (--data)."""

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
    with open(args.data, encoding="utf-8") as data:
        for text in data:
            if not text.strip():
                continue
            line, state = await run_line(workflow, json.loads(text))
            lines.append(line)
            states.append(state)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        for line in lines:
            out.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    if AGGREGATION:
        results = await aggregate(states, AGGREGATION)
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
