"""The result cache of ``kg serve``: one per server, shared by all its query workers.

A built graph never changes while it is served, so the same query asked again has the same
answer: the server keeps answers in memory and sends them again without asking a worker.

- **Key**: the build's identity (a content hash of the files the workers load, :func:`build_identity`),
  the query text normalised (:func:`normalise_query`: comments and runs of whitespace do not count,
  nor which prefix names a namespace), the answer formats asked for and the protocol's
  ``default-graph-uri`` / ``named-graph-uri``.
- **Bounded in bytes** (``kg serve --cache-mb``), least recently used answers dropped first.
- **Cleared** when the server's workers load a different build; every key holds the build's
  identity too, so an answer from an older build can never be found for a newer one.
- Only answers that depend on nothing but the build are kept: 200 (the answer) and 422 (over the
  row cap: the costliest refusal to compute again). Time-outs, memory refusals and errors are not.

The same key gives the answer's ``ETag`` (weak: two workers may order an unordered answer
differently), so clients and proxies can revalidate and get ``304 Not Modified``.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

#: Default size of the cache, in MB of answer bodies (``kg serve --cache-mb``).
DEFAULT_CACHE_MB = 256
#: Statuses whose answers are kept: they follow from the build and the query alone.
CACHED_STATUSES = (200, 422)

# Tokens of SPARQL text that must be kept exactly as written (strings, IRIs), comments (dropped),
# prefixed names (expanded) and whitespace (collapsed). Longest string forms first.
_TOKEN = re.compile(
    r"""(?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')"""
    r"""|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)"""
    r"""|(?P<comment>\#[^\n]*)"""
    r"""|(?P<space>\s+)"""
    r"""|(?P<pname>(?<![\w?$:])(?P<prefix>[A-Za-z][\w.-]*[\w-]|[A-Za-z])?:(?P<local>(?:[\w:%-]|\\.|\.(?=[\w:%-]))*))"""
    r"""|(?P<other>[^\s"'<#A-Za-z:]+|[A-Za-z_][\w]*|.)""",
    re.DOTALL,
)
_PREFIX_DECL = re.compile(r"PREFIX", re.IGNORECASE)


def normalise_query(text: str) -> str:
    """``text`` with comments dropped, whitespace collapsed and declared prefixed names expanded.

    Two texts with the same normal form are the same query: strings and IRIs are kept as
    written, only whitespace between tokens and comments go, and ``p:x`` becomes ``<ns x>`` only
    for a prefix the text declares (``PREFIX p: <ns>``, which is then dropped). A query with
    ``BASE`` keeps its prefixes (relative IRIs would resolve differently). Anything this
    tokenizer does not understand is kept verbatim, so the worst case is a cache miss.
    """
    tokens: list[tuple[str, str]] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup if m.lastgroup not in ("prefix", "local") else "pname"
        if kind == "comment":
            continue
        if kind == "space":
            if tokens and tokens[-1][0] != "space":
                tokens.append(("space", " "))
            continue
        tokens.append((kind, m.group(0)))
    while tokens and tokens[-1][0] == "space":
        tokens.pop()
    words = [t for t in tokens if t[0] != "space"]
    if any(k == "other" and v.upper() == "BASE" for k, v in words):
        return "".join(v for _, v in tokens)
    # the prologue: PREFIX p: <ns> repeated at the start
    prefixes: dict[str, str] = {}
    i = 0
    while i + 2 < len(words) and words[i][0] == "other" and _PREFIX_DECL.fullmatch(words[i][1]):
        name, iri = words[i + 1], words[i + 2]
        if name[0] != "pname" or not name[1].endswith(":") or iri[0] != "iri":
            break
        prefixes[name[1][:-1]] = iri[1][1:-1]
        i += 3
    body = tokens
    if i:  # drop the declarations (and the whitespace after them)
        seen = 0
        for j, token in enumerate(tokens):
            if token[0] != "space":
                seen += 1
            if seen == i:
                body = tokens[j + 1 :]
                break
    out = []
    for kind, value in body:
        if kind == "pname":
            prefix, _, local = value.partition(":")
            if prefix in prefixes and "\\" not in local:
                value = f"<{prefixes[prefix]}{local}>"
        out.append(value)
    return "".join(out).strip()


def query_shape(text: str) -> str:
    """The normalised query with IRIs, strings and numbers blanked: one shape per query template.

    Used to guess a query's cost from earlier runs of the same template (an entity page asking
    the same question about another IRI costs about the same).
    """
    shape = normalise_query(text)
    shape = _TOKEN.sub(lambda m: "<>" if m.lastgroup == "iri" else ('""' if m.lastgroup == "string" else m.group(0)), shape)
    return re.sub(r"(?<![\w?$])\d+(?:\.\d+)?", "0", shape)


def build_identity(files: Iterable[Path]) -> str:
    """A content hash of the build files the workers load (names and bytes), as hex."""
    digest = hashlib.blake2b(digest_size=16)
    for file in files:
        digest.update(Path(file).name.encode() + b"\0")
        with open(file, "rb") as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
        digest.update(b"\0")
    return digest.hexdigest()


@dataclass(frozen=True)
class Answer:
    """A cached reply: what the server sends again, and its ETag."""

    status: int
    body: bytes
    content_type: str
    rows: int | None
    etag: str

    @property
    def size(self) -> int:
        return len(self.body) + 200  # the key and the object itself, roughly


def cache_key(build: str, query: str, result_format: str, graph_format: str, default_graphs, named_graphs) -> str:
    """The key of an answer; also the base of its ETag."""
    parts = [build, normalise_query(query), result_format, graph_format, repr(default_graphs), repr(named_graphs)]
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=16).hexdigest()


def etag_for(key: str) -> str:
    return f'W/"{key}"'


def etag_matches(header: str | None, etag: str) -> bool:
    """Whether an ``If-None-Match`` header names ``etag`` (weak comparison, RFC 9110)."""
    if not header:
        return False
    if header.strip() == "*":
        return True
    wanted = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == wanted for tag in header.split(","))


class ResultCache:
    """Answers by key, at most ``max_bytes`` of them, least recently used dropped first.

    Thread-safe (the server's event loop reads it; a lock costs nothing next to a query).
    """

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.build: str | None = None
        self.bytes = 0
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[str, Answer] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def use_build(self, build: str) -> bool:
        """Serve answers of ``build`` from now on; a different build than before clears the cache."""
        with self._lock:
            if build == self.build:
                return False
            changed = self.build is not None
            self.build = build
            self._entries.clear()
            self.bytes = 0
            return changed

    def get(self, key: str) -> Answer | None:
        with self._lock:
            answer = self._entries.get(key)
            if answer is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return answer

    def put(self, key: str, answer: Answer, build: str) -> bool:
        """Keep ``answer`` unless it is too big, or comes from another build than the one served."""
        if answer.status not in CACHED_STATUSES or answer.size > self.max_bytes // 4:
            return False
        with self._lock:
            if build != self.build:
                return False
            old = self._entries.pop(key, None)
            if old is not None:
                self.bytes -= old.size
            self._entries[key] = answer
            self.bytes += answer.size
            while self.bytes > self.max_bytes and self._entries:
                _, dropped = self._entries.popitem(last=False)
                self.bytes -= dropped.size
            return True

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.bytes = 0
