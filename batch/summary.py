"""The end-of-run summary, on stderr so stdout stays clean for pipes (progress: `batch.progress`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Summary:
    """Counts over the whole output; `seconds` and `adverts_per_second` cover this invocation only."""

    output: str
    rows_in: int
    analysed: int
    errors: int
    seconds: float
    rows_this_run: int
    adverts_per_second: float
    chunks: int
    chunks_resumed: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def line(self) -> str:
        resumed = (
            f", {self.chunks_resumed} of {self.chunks} chunks from an earlier run"
            if self.chunks_resumed
            else ""
        )
        return (
            f"mhsw batch: {self.rows_in:,} rows in, {self.analysed:,} analysed, {self.errors:,} errors; "
            f"{self.rows_this_run:,} rows in {self.seconds:.1f} s ({self.adverts_per_second:.1f} adverts/s)"
            f"{resumed} -> {self.output}"
        )


def make_summary(
    output: str, totals: tuple[int, int, int], seconds: float, rows_this_run: int, chunks: int, resumed: int
) -> Summary:
    rows, analysed, errors = totals
    rate = rows_this_run / seconds if seconds > 0 else 0.0
    return Summary(
        output, rows, analysed, errors, round(seconds, 3), rows_this_run, round(rate, 2), chunks, resumed
    )

