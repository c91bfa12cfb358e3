"""How a run looks on the terminal while it works: a bar over the input files (articles/s, ETA, errors), or a
plain log line every few seconds when stderr is no terminal, and each input issue printed as it comes."""

from __future__ import annotations

import sys
import threading
import time
from typing import Any

import click


class Progress:
    """A bar over input files on a terminal (articles/s, ETA, errors); a plain log line every few seconds otherwise.

    Log lines come from a timer, not from finished batches, so a long stretch of work (the model loading,
    a huge file read in parts) still shows the run is alive and how far it got.
    """

    LOG_EVERY = 5.0

    def __init__(self, enabled: bool, files: int | None) -> None:
        self.enabled = enabled
        self.files = files
        self.started = time.monotonic()
        self.report: Any = None
        self.bar = None
        self.stopped = threading.Event()
        self.ticker: threading.Thread | None = None
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=files, unit=" files", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)
        elif enabled:
            self.ticker = threading.Thread(target=self._tick, name="dateline-progress", daemon=True)
            self.ticker.start()

    def update(self, report: Any) -> None:
        self.report = report  # the run's live counters, read again by every tick
        if self.bar is not None:
            done = report.articles_added + report.duplicates
            rate = done / max(time.monotonic() - self.started, 1e-9)
            self.bar.update(report.files_done - self.bar.n)
            self.bar.set_postfix_str(f"{done} articles, {rate:.1f} articles/s, {report.errors} errors", refresh=False)

    def _tick(self) -> None:
        # The first line comes at once, not a period later: under load, start-up and the first period together were
        # a run's longest silence (7.8 s on a 1.2 MB text at load 6, where every later gap was at most 5.5 s).
        while True:
            self._log()
            if self.stopped.wait(self.LOG_EVERY):
                return

    def _log(self) -> None:
        report = self.report
        now = time.monotonic()
        if report is None:
            click.echo(f"progress: starting ({now - self.started:.0f}s)", err=True)
            return
        done = report.articles_added + report.duplicates
        of = f" of {self.files}" if self.files else ""
        eta = ""
        if self.files and 0 < report.files_done < self.files:
            remaining = (now - self.started) / report.files_done * (self.files - report.files_done)
            eta = f", ETA {remaining:.0f}s"
        click.echo(
            f"progress: {report.files_done}{of} files, {report.articles_read} articles read, {done} stored"
            f" ({done / (now - self.started):.1f}/s), {report.errors} errors{eta}",
            err=True,
        )

    def write(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)
        else:
            click.echo(line, err=True)

    def close(self) -> None:
        self.stopped.set()
        if self.ticker is not None:
            self.ticker.join()
        if self.bar is not None:
            self.bar.close()


def issue_printer(progress: Progress, quiet: bool) -> Any:
    def on_issue(issue: Any) -> None:
        if issue.severity == "error" or not quiet:
            count = f" ({issue.count} records)" if issue.count > 1 else ""
            progress.write(f"{issue.severity}: {issue.path}: {issue.reason}{count}")

    return on_issue


def count_files(paths: tuple[str, ...]) -> int | None:
    """How many files the inputs name, for the ETA; None when stdin is among them. A file skipped or refused
    counts too, as the run counts it done when it moves past it."""
    from dateline.read.walk import expand

    if "-" in paths:
        return None
    return sum(1 for path in paths for _ in expand(path))
