"""The one way a benchmark reports a figure, so runs can be compared line by line.

Each figure is printed as ``bench <name>: <value> (target <op> <number>)`` and kept,
so the session's end can list every figure again with the machine's cores.
"""

import operator

OPERATORS = {">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt}

figures: list[tuple[str, str, bool]] = []


def report(name: str, value: float, op: str, target: float, digits: int = 2) -> bool:
    """Print one figure against its target and say whether it meets it."""
    met = OPERATORS[op](round(value, digits), target)
    line = f"bench {name}: {value:.{digits}f} (target {op} {target:g})"
    print(line, flush=True)
    figures.append((name, line, met))
    return met
