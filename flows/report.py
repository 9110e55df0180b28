"""The run report: what a flow run saw and did, for the CLI, the Prefect artifact and the ledger."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from transforms import TRANSFORM_VERSION


def utc_now() -> datetime:
    """Naive UTC, as every timestamp of ours is stored."""
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass
class RunReport:
    run_id: str
    flow: str
    inbox: str
    warehouse: str
    started_at: datetime = field(default_factory=utc_now)
    status: str = "running"
    files_seen: int = 0
    files_new: int = 0
    files_skipped: int = 0
    files_duplicate: int = 0
    files_quarantined: int = 0
    documents_loaded: int = 0
    indicators_loaded: int = 0
    projects_loaded: int = 0
    quarantined: list[dict[str, str]] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    housekeeping: list[str] = field(default_factory=list)
    models: str | None = None  # dbt build's summary, when the models ran
    seconds: dict[str, float] = field(default_factory=dict)

    def add_loaded(self, counts: dict[str, int], quarantined: list[dict]) -> None:
        self.documents_loaded += counts["documents"]
        self.indicators_loaded += counts["indicators"]
        self.projects_loaded += counts["projects"]
        self.files_quarantined += counts["quarantine"]
        self.quarantined += [{k: q[k] for k in ("source_path", "reason", "detail")} for q in quarantined]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def ledger_row(self, flow_run_id: str | None) -> dict[str, Any]:
        """The row for the ``runs`` table."""
        return {
            "run_id": self.run_id,
            "flow_run_id": flow_run_id or "",
            "flow": self.flow,
            "inbox": self.inbox,
            "started_at": self.started_at,
            "finished_at": None if self.status == "running" else utc_now(),
            "status": self.status,
            **{k: getattr(self, k) for k in _COUNTS},
            **{f"seconds_{k}": self.seconds.get(k) for k in ("discover", "process", "load", "total")},
            "transform_version": TRANSFORM_VERSION,
        }

    def lock_holder(self) -> dict[str, str]:
        """What a writer waiting for the warehouse lock is told about this run."""
        return {"flow": self.flow, "run_id": self.run_id}

    def markdown(self) -> str:
        """The Prefect artifact: the figures, then every quarantined file with what to do about it."""
        lines = [
            f"# {self.flow} run `{self.run_id}`: {self.status}",
            "",
            "| files seen | new | already loaded | duplicates | quarantined | documents | indicators | projects |",
            "|---|---|---|---|---|---|---|---|",
            "| " + " | ".join(str(getattr(self, k)) for k in _COUNTS) + " |",
        ]
        if self.quarantined:
            lines += ["", "## Quarantined", "", "| file | reason | what to do |", "|---|---|---|"]
            lines += [f"| `{q['source_path']}` | {q['reason']} | {q['detail']} |" for q in self.quarantined]
        if self.models:
            lines += ["", "## Models", "", self.models]
        if self.housekeeping:
            lines += ["", "## Housekeeping", "", *[f"- {h}" for h in self.housekeeping]]
        return "\n".join(lines)

    def text(self) -> str:
        """The summary the CLI prints."""
        lines = [
            f"{self.flow} {self.run_id}: {self.inbox} → {self.warehouse}",
            f"  files seen {self.files_seen}, new {self.files_new}, already loaded {self.files_skipped}, "
            f"duplicate content {self.files_duplicate}",
            f"  loaded {self.documents_loaded} documents, {self.indicators_loaded} indicators, "
            f"{self.projects_loaded} projects; quarantined {self.files_quarantined}",
        ]
        lines += [f"  quarantined {q['source_path']}: {q['reason']} — {q['detail']}" for q in self.quarantined]
        if self.ignored:
            shown = ", ".join(self.ignored[:10]) + (" …" if len(self.ignored) > 10 else "")
            lines.append(f"  left out this run (partial, hidden, unreadable or outside the inbox): {shown}")
        lines += [f"  {h}" for h in self.housekeeping]
        if self.models:
            lines.append(f"  {self.models}")
        if self.seconds:
            lines.append("  seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in self.seconds.items()))
        return "\n".join(lines)


_COUNTS = (
    "files_seen",
    "files_new",
    "files_skipped",
    "files_duplicate",
    "files_quarantined",
    "documents_loaded",
    "indicators_loaded",
    "projects_loaded",
)
