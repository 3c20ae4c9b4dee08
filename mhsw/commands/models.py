"""`mhsw models list|promote VERSION|rollback`: which trained model the service and CLI use by default.

Promoting writes `models/DEFAULT` (after verifying the model's hashes) and remembers the one it replaced in
`models/PREVIOUS`, so `rollback` is one command. A running service switches with `POST /v1/admin/reload`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from classifier.paths import MODELS_DIR
from mhsw.commands.common import UsageError

PREVIOUS = "PREVIOUS"


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("models", help="list trained models, promote one to the default, or roll back")
    parser.add_argument(
        "--models-dir", type=Path, default=MODELS_DIR, help="models folder (default: models/)"
    )
    actions = parser.add_subparsers(dest="models_action", required=True, metavar="ACTION")
    actions.add_parser("list", help="every model version, newest first; * marks the default")
    promote = actions.add_parser("promote", help="make VERSION the default (verifies it first)")
    promote.add_argument("version")
    actions.add_parser("rollback", help="make the model promoted before the current one the default again")
    parser.set_defaults(run=run)


def _pointer(folder: Path, name: str) -> str | None:
    path = folder / name
    return path.read_text(encoding="utf-8").strip() if path.is_file() else None


def _versions(folder: Path) -> list[dict[str, object]]:
    found = []
    for manifest in folder.glob("*/manifest.json"):
        data = json.loads(manifest.read_text(encoding="utf-8"))
        metrics = data.get("metrics") or {}
        found.append(
            {
                "version": manifest.parent.name,
                "created": data.get("created", ""),
                "role_accuracy": metrics.get("role_accuracy"),
                "sources": len(data.get("training_sources", [])),
            }
        )
    return sorted(found, key=lambda item: str(item["created"]), reverse=True)


def promote(folder: Path, version: str) -> str | None:
    """Verify `version`, make it the default and return the version it replaced."""
    from classifier.artifacts import verify_model

    target = folder / version
    if not version or "/" in version or not (target / "manifest.json").is_file():
        raise UsageError(f"no model version {version!r} in {folder}")
    verify_model(target)  # raises ModelIntegrityError: exit 1 with one line
    current = _pointer(folder, "DEFAULT")
    if current and current != version:
        (folder / PREVIOUS).write_text(current + "\n", encoding="utf-8")
    (folder / "DEFAULT").write_text(version + "\n", encoding="utf-8")
    return current


def run(args: argparse.Namespace) -> int:
    folder: Path = args.models_dir
    if args.models_action == "list":
        default = _pointer(folder, "DEFAULT")
        for item in _versions(folder):
            mark = "*" if item["version"] == default else " "
            accuracy = "" if item["role_accuracy"] is None else f"  role accuracy {item['role_accuracy']:.3f}"
            print(f"{mark} {item['version']}  {item['created']}{accuracy}")
        return 0
    if args.models_action == "rollback":
        previous = _pointer(folder, PREVIOUS)
        if not previous:
            raise UsageError(f"nothing to roll back to: {folder / PREVIOUS} is missing")
        args.version = previous
    replaced = promote(folder, args.version)
    print(
        f"mhsw models: default is now {args.version} (was {replaced or 'none'}); "
        "a running service switches with POST /v1/admin/reload",
        file=sys.stderr,
    )
    return 0
