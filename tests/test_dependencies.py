"""Dependencies point one way: schedules -> campaigns -> media, and cms above them all.

The imports are read from the source with ``ast`` (as the planner's "no Django" test
does), so a lazy import inside a function counts as much as one at the top.
"""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ["cms", "schedules", "campaigns", "media"]
# Each app may import only the apps listed after it.
MAY_IMPORT = {
    "cms": {"schedules", "campaigns", "media"},
    "schedules": {"campaigns", "media"},
    "campaigns": {"media"},
    "media": set(),
}
SCHEDULES_FEATURES = [
    "planner",
    "planning",
    "dispatch",
    "sessions",
    "press",
    "reach",
    "reports",
    "smartradio",
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, relative imports made absolute."""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package.pop()
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            found.add(prefix)
            # "from . import views" imports a module, not a name.
            found.update(f"{prefix}.{alias.name}" for alias in node.names)
    return found


def sources(app: str):
    return sorted((ROOT / app).rglob("*.py"))


@pytest.mark.parametrize("app", APPS)
def test_an_app_imports_only_the_apps_below_it(app):
    wrong = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in sources(app)
        for name in imported_modules(path)
        if name.split(".")[0] in set(APPS) - {app} - MAY_IMPORT[app]
    ]
    assert wrong == []


def test_the_features_of_schedules_import_each_other_without_a_cycle():
    graph = defaultdict(set)
    for feature in SCHEDULES_FEATURES:
        for path in sources(f"schedules/{feature}"):
            for name in imported_modules(path):
                parts = name.split(".")
                if parts[0] == "schedules" and len(parts) > 1 and parts[1] != feature:
                    if parts[1] in SCHEDULES_FEATURES:
                        graph[feature].add(parts[1])

    def reaches(start, goal, seen=()):
        return any(
            nxt == goal or (nxt not in seen and reaches(nxt, goal, (*seen, nxt)))
            for nxt in graph[start]
        )

    assert [f for f in SCHEDULES_FEATURES if reaches(f, f)] == []


def test_schedules_keeps_no_layer_folders():
    layers = {"hooks", "views", "urls", "coverage"}
    folders = {path.name for path in (ROOT / "schedules").iterdir() if path.is_dir()}
    assert folders & layers == set()


def test_the_checker_sees_relative_and_lazy_imports():
    """The rule above would pass on a checker that finds nothing; this one finds."""
    claims = ROOT / "schedules" / "dispatch" / "claims.py"
    found = imported_modules(claims)
    assert "schedules.dispatch.rules" in found  # from . import rules
    assert "schedules.dispatch.tasks" in found  # imported inside a function
    assert "campaigns.models" in imported_modules(ROOT / "schedules" / "access.py")
