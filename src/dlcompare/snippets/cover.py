"""Did a set of machines run every job of a plan exactly once? The check both merges share.

The snippet shards (``dlcompare records merge``) and the release matrix
(``dlcompare matrix merge``) each gather the output of many CI jobs. Either way a
job that no machine ran (a *gap*: a crashed or cancelled job) or that two ran (a
*duplicate*: an artifact downloaded twice, a plan that changed between machines)
must stop the merge with the job's name, never be published silently.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

#: How many job names a message lists before it says "and N more".
LIST_LIMIT = 12


def names(items: Sequence[str]) -> str:
    """``a, b, c`` with at most :data:`LIST_LIMIT` names, then "and N more"."""
    shown = ", ".join(items[:LIST_LIMIT])
    more = len(items) - LIST_LIMIT
    return shown + (f" and {more} more" if more > 0 else "")


def cover_problems(
    plan: Iterable[str],
    ran: Mapping[str, Iterable[str]],
    *,
    unit: str = "shard",
    item: str = "job",
    verb: str = "ran",
) -> list[str]:
    """Gaps and duplicates of ``ran`` (unit label → the jobs it ran) against ``plan``.

    Jobs outside the plan are problems too: they belong to another plan. ``unit``,
    ``item`` and ``verb`` only word the messages ("no artifact produced 2 reports").
    """
    planned = list(plan)
    ran_by: dict[str, list[str]] = {}
    for label, jobs in ran.items():
        for job in jobs:
            ran_by.setdefault(job, []).append(label)
    problems = [
        f"duplicate: {job} came from {unit}s {' and '.join(labels)}"
        for job, labels in sorted(ran_by.items())
        if len(labels) > 1
    ]
    outside = sorted(set(ran_by) - set(planned))
    if outside:
        problems.append(f"not in the plan (from another run?): {names(outside)}")
    gaps = [job for job in planned if job not in ran_by]
    if gaps:
        problems.append(f"gap: no {unit} {verb} {len(gaps)} {item}(s): {names(gaps)}")
    return problems
