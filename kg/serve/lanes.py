"""Which query gets the next free worker of ``kg serve``: light questions are not starved.

Without it, a few expensive queries (seconds each) hold every worker and a ten-millisecond
question waits behind them: on the Wikidata build, ``sco-members`` took 13 ms alone and 5.7 s in a
mix with heavy queries. The mechanism chosen here is a **fast lane**:

- the pool has its general workers (``--workers``) plus ``--fast-workers`` (default 1) that take
  only queries known to be cheap;
- a query is *cheap* when the last runs of its shape (the query with IRIs, strings and numbers
  blanked, :func:`kg.serve.cache.query_shape`) took the worker less than ``cheap_seconds``
  (0.25 s) of CPU time; a shape never seen before is not, until it has run once. CPU time, not
  wall time: under load every query's wall time grows, and a light query judged by it would be
  sent to the back of the queue exactly when the lane matters (seen in benchmarks/load.py);
- a cheap query takes any idle worker, fast lane first; when none is idle it queues ahead of
  every expensive query, so it runs on the next worker to come free;
- an expensive (or unknown) query takes only general workers;
- the general workers run at a lower CPU priority (nice +10) than the lane's: on a machine
  whose cores the heavy queries keep busy, a light query would otherwise get only its share of
  the CPU among them and take several times its usual time. Idle cycles still go to the heavy
  queries, so their throughput hardly changes (the first load run without this: cheap p95 1.2 s
  on the 1M corpus; see benchmarks/LOAD.md for the figures with it).

Why this and not the alternatives the issue lists: a queue-time limit (503 + Retry-After) turns
waiting into failures for exactly the clients it should protect; more workers per core share
the CPU among heavy queries and make each slower without bounding the wait of light ones. The
fast lane bounds a cheap query's wait to the remaining time of one cheap query, whatever the
heavy ones do, at the cost of one more worker process (its memory: the graph once more with the
``memory`` and ``oxigraph-memory`` stores, nothing more with ``oxigraph``). The lane worker
shares the cores with the heavy ones: the OS gives it its slice, which is all a light query needs.
A waiting query still gets 503 + Retry-After when no worker comes free within the wait limit.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict, deque
from typing import Generic, TypeVar

W = TypeVar("W")

#: A shape whose last runs took less than this many CPU seconds of a worker is cheap.
CHEAP_SECONDS = 0.25
#: How many shapes' costs are remembered (least recently seen forgotten first).
REMEMBERED_SHAPES = 4096


class Costs:
    """Seconds a worker took for each query shape (an average leaning to the latest runs)."""

    def __init__(self, cheap_seconds: float = CHEAP_SECONDS, size: int = REMEMBERED_SHAPES):
        self.cheap_seconds = cheap_seconds
        self.size = size
        self._seconds: OrderedDict[str, float] = OrderedDict()

    def record(self, shape: str, seconds: float) -> None:
        old = self._seconds.pop(shape, None)
        self._seconds[shape] = seconds if old is None else 0.5 * old + 0.5 * seconds
        if len(self._seconds) > self.size:
            self._seconds.popitem(last=False)

    def is_cheap(self, shape: str) -> bool:
        seconds = self._seconds.get(shape)
        return seconds is not None and seconds < self.cheap_seconds


class Lanes(Generic[W]):
    """Idle workers of two kinds and the queries waiting for them (event-loop side only)."""

    def __init__(self) -> None:
        self.idle_fast: list[W] = []
        self.idle_general: list[W] = []
        self._cheap: deque[asyncio.Future] = deque()
        self._general: deque[asyncio.Future] = deque()
        self.waiting = 0

    def add(self, worker: W, fast: bool) -> None:
        """A worker is free: hand it to the first query allowed to use it, else keep it idle."""
        queues = (self._cheap,) if fast else (self._cheap, self._general)
        for queue in queues:
            while queue:
                future = queue.popleft()
                if not future.done():
                    future.set_result((worker, fast))
                    return
        (self.idle_fast if fast else self.idle_general).append(worker)

    async def take(self, cheap: bool, wait: float) -> tuple[W, bool]:
        """A worker for a query (cheap: either kind, else general only) within ``wait`` s; TimeoutError if none."""
        if cheap and self.idle_fast:
            return self.idle_fast.pop(), True
        if self.idle_general:
            return self.idle_general.pop(), False
        future: asyncio.Future = asyncio.get_running_loop().create_future()
        (self._cheap if cheap else self._general).append(future)
        self.waiting += 1
        try:
            async with asyncio.timeout(wait):
                return await asyncio.shield(future)
        except BaseException:
            if future.done() and not future.cancelled():  # handed a worker just as we gave up: pass it on
                worker, fast = future.result()
                self.add(worker, fast)
            else:
                future.cancel()
            raise
        finally:
            self.waiting -= 1
