"""A content-addressed cache of build steps whose result follows from their input alone.

``kg build`` of unchanged data repeats work whose answer cannot have changed: the SHACL check of
the same quads against the same shapes (a third of the build of the built-in data). Each cached
result is filed under a hash of *everything* it depends on — the bytes of its input, the bytes
of the code that computes it and the versions of the libraries it uses — so an edited sheet, an
edited shapes file or a new kg or pyshacl gives a new key and the step runs again: the cache can
be stale only if a hash collides.

The cache lives in the user's cache folder (``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/sco-film-kg``,
else ``~/.cache/sco-film-kg``), never in the build output, and is shared by every project (the
keys are contents, not paths). ``KG_CACHE_DIR=off`` turns it off. A cache that cannot be read or
written is ignored: the step simply runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: Entries older than this many days are removed when a new one is written.
KEEP_DAYS = 30


def cache_dir() -> Path | None:
    """Where cached results live, or None when caching is off."""
    setting = os.environ.get("KG_CACHE_DIR")
    if setting is not None:
        return None if setting.strip().lower() in ("", "off", "0", "no") else Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sco-film-kg"


def content_key(*parts: bytes | str) -> str:
    """A hash of every part, each one delimited (so ``ab|c`` and ``a|bc`` differ)."""
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def cached(kind: str, key: str, compute: Callable[[], Any]) -> Any:
    """``compute()``'s JSON-able result, read from the cache under (kind, key) when it is there."""
    folder = cache_dir()
    file = folder / kind / f"{key}.json" if folder is not None else None
    if file is not None:
        try:
            return json.loads(file.read_text(encoding="utf-8"))["value"]
        except (OSError, ValueError, KeyError):
            pass
    value = compute()
    if file is not None:
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            fd, scratch = tempfile.mkstemp(dir=file.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({"value": value}, f)
            os.replace(scratch, file)  # whole or not at all, even with two builds at once
            _prune(file.parent)
        except OSError:
            pass
    return value


def _prune(folder: Path) -> None:
    import time

    cutoff = time.time() - KEEP_DAYS * 86400
    for entry in folder.glob("*.json"):
        try:
            if entry.stat().st_mtime < cutoff:
                entry.unlink()
        except OSError:
            pass
