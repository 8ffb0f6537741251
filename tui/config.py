"""The user's settings and key remaps, in the user config folder.

`keys.toml` remaps bindings by id, e.g.

    [keys]
    next_failing = "]"
    search = "/,ctrl+f"

`settings.json` keeps what the app remembers: theme, language, separators.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir

ENV_VAR = "BUDGET_REVIEW_CONFIG"


def config_dir() -> Path:
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else Path(user_config_dir("budget-review", appauthor=False))


def load_keymap(folder: Path | None = None) -> tuple[dict[str, str], str | None]:
    """Binding id → keys, and a one-line problem if the file could not be used."""
    path = (folder or config_dir()) / "keys.toml"
    if not path.exists():
        return {}, None
    import tomllib  # only for a remap file: most starts have none

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        return {}, f"{path}: ignored ({exc})"
    keys = data.get("keys", {})
    if not isinstance(keys, dict) or not all(isinstance(v, str) for v in keys.values()):
        return {}, f"{path}: [keys] must map binding ids to key strings"
    return {str(k): v for k, v in keys.items()}, None


def load_settings(folder: Path | None = None) -> dict[str, Any]:
    path = (folder or config_dir()) / "settings.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_settings(settings: dict[str, Any], folder: Path | None = None) -> None:
    target = folder or config_dir()
    try:
        target.mkdir(parents=True, exist_ok=True)
        temporary = target / "settings.json.tmp"
        temporary.write_text(json.dumps(settings, ensure_ascii=False, indent=1), encoding="utf-8")
        temporary.replace(target / "settings.json")
    except OSError:
        pass  # settings are a convenience; never fail the app over them
