"""Split the suite's jobs across N CI machines: which job runs on shard K of N.

GitHub Actions' matrix starts the N machines; this module only decides, on each of
them independently, which jobs are its own. Every machine must reach the same
answer without talking to the others, so the plan is a pure function of the job
names and their recorded durations (both come from the same checkout): greedy
longest-processing-time first (the longest job goes to the least loaded shard,
ties broken by job name and then by the lower shard number). LPT is within 4/3 of
the best possible split, and with dozens of jobs much closer, which is all a CI
matrix needs; anything cleverer would be a scheduler of our own.

A job with no recorded duration (a new program) is predicted to take the median
of the recorded ones: a guess that neither starves nor overloads its shard.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Mapping
from dataclasses import dataclass

_SPEC = re.compile(r"^\s*(?P<index>\d+)\s*/\s*(?P<total>\d+)\s*$")
#: The prediction for every job when no job of the suite has a record at all.
UNKNOWN_DURATION_S = 1.0


class ShardError(ValueError):
    """A ``--shard`` value that names no shard; the message says what is expected."""


@dataclass(frozen=True)
class ShardSpec:
    """Shard ``index`` of ``total`` (both counted from 1, as a reader writes them)."""

    index: int
    total: int

    def __str__(self) -> str:
        return f"{self.index}/{self.total}"


def parse_shard(text: str) -> ShardSpec:
    """``"2/4"`` → ``ShardSpec(2, 4)``; anything else is a :class:`ShardError`."""
    match = _SPEC.match(text)
    if not match:
        raise ShardError(f"{text!r} is not K/N with whole numbers; e.g. 2/4 is shard 2 of 4")
    index, total = int(match["index"]), int(match["total"])
    if total < 1:
        raise ShardError(f"{text}: N must be at least 1 (the number of machines)")
    if not 1 <= index <= total:
        raise ShardError(f"{text}: K must be between 1 and N={total} (shards are counted from 1)")
    return ShardSpec(index, total)


@dataclass(frozen=True)
class Shard:
    """One machine's share: its job names (in plan order) and their predicted seconds."""

    index: int
    jobs: tuple[str, ...]
    predicted_s: float


@dataclass(frozen=True)
class Plan:
    """Every shard of one split; ``shards[k - 1]`` is shard k."""

    shards: tuple[Shard, ...]
    #: The predicted seconds of every job, recorded or the median.
    predicted: Mapping[str, float]

    @property
    def total(self) -> int:
        return len(self.shards)

    @property
    def jobs(self) -> tuple[str, ...]:
        """Every job of the plan, sorted by name."""
        return tuple(sorted(self.predicted))

    def shard(self, index: int) -> Shard:
        return self.shards[index - 1]

    @property
    def imbalance(self) -> float:
        """Longest shard over the mean shard: 1.0 is a perfect split (the wall time of
        the matrix is the longest shard's)."""
        loads = [s.predicted_s for s in self.shards]
        mean = sum(loads) / len(loads)
        return max(loads) / mean if mean > 0 else 1.0


def predictions(durations: Mapping[str, float | None]) -> dict[str, float]:
    """Each job's predicted seconds: its recorded duration, else the median of those."""
    known = [d for d in durations.values() if d is not None and d >= 0]
    fallback = statistics.median(known) if known else UNKNOWN_DURATION_S
    return {name: (d if d is not None and d >= 0 else fallback) for name, d in durations.items()}


def plan_shards(durations: Mapping[str, float | None], total: int) -> Plan:
    """Split the jobs (name → recorded seconds, None if unknown) into ``total`` shards.

    Deterministic: the same names and durations give the same plan whatever the
    mapping's order. Every job lands in exactly one shard; shards may be empty when
    there are fewer jobs than machines.
    """
    if total < 1:
        raise ShardError(f"a plan needs at least one shard, not {total}")
    predicted = predictions(durations)
    loads = [0.0] * total
    members: list[list[str]] = [[] for _ in range(total)]
    for name in sorted(predicted, key=lambda n: (-predicted[n], n)):
        target = min(range(total), key=lambda k: (loads[k], k))
        members[target].append(name)
        loads[target] += predicted[name]
    shards = tuple(
        Shard(index=k + 1, jobs=tuple(members[k]), predicted_s=round(loads[k], 2))
        for k in range(total)
    )
    return Plan(shards=shards, predicted=predicted)


def format_plan(plan: Plan, *, mark: int | None = None, details: bool = True) -> str:
    """The plan as text for ``dlcompare run --shard-plan``: per-shard seconds and imbalance."""
    lines = []
    for shard in plan.shards:
        here = "  <- this shard" if shard.index == mark else ""
        lines.append(
            f"shard {shard.index}/{plan.total}: {len(shard.jobs):3d} runs, "
            f"predicted {shard.predicted_s:7.1f} s{here}"
        )
        if details:
            lines.extend(f"    {plan.predicted[name]:7.1f} s  {name}" for name in shard.jobs)
    loads = [s.predicted_s for s in plan.shards]
    lines.append(
        f"{len(plan.predicted)} runs, {sum(loads):.1f} s in all; longest shard "
        f"{max(loads):.1f} s, mean {sum(loads) / len(loads):.1f} s, "
        f"max/mean imbalance {plan.imbalance:.3f}"
    )
    lines.append(
        "(seconds of program runs, from the records; a shard running J programs in "
        "parallel takes about 1/J of its figure)"
    )
    return "\n".join(lines)
