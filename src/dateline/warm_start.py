"""The forkserver that the workers of dateline's own Dask cluster are forked from, loading them a model.

``start_forkserver`` starts it as a Dask run begins, before the client imports Dask or opens the store, so the
model loads on one core while the client sets up on the other; the workers start with the pipeline and resources
in pages shared copy-on-write, instead of importing and loading their own (2 to 5 CPU seconds each on a shared
2-core machine). Importing this module in the forkserver, with ``MODEL_VARIABLE`` set, is what loads them. The
forkserver runs one thread, so forking it is safe; the resources' SQLite connections are opened per process, on
first use. A load that fails here is left to the workers, which load the pipeline themselves and report the error
as they always did. This module imports neither Dask nor pyarrow: the client imports it first.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import os

MODEL_VARIABLE = "DATELINE_FORKSERVER_MODEL"
# Not pyarrow: its allocator starts a thread, and a process that forks must hold only the thread that forks. Each
# worker imports it after the fork.
FORKSERVER_PRELOAD = ["__main__", "distributed", "dateline.warm_start"]

# What the forkserver of this process was started to load: the model and the DATELINE_ settings, which the workers
# forked from it inherit as they were then; None until dateline has started one.
_forkserver_loaded: tuple[str, tuple[tuple[str, str], ...]] | None = None


def start_forkserver(model: str) -> bool:
    """Start this process's forkserver loading ``model`` and the resources, unless one runs already; return at once.

    Returns whether the forkserver holds ``model`` under the present ``DATELINE_`` settings: it is one per process
    and keeps what it was started with, so a later run with other settings, or a forkserver something else
    started, is not ours to fork workers from.
    """
    global _forkserver_loaded
    wanted = (model, _settings())
    if _forkserver_loaded is None and _forkserver_can_be_ours():
        multiprocessing.get_context("forkserver").set_forkserver_preload(FORKSERVER_PRELOAD)
        os.environ[MODEL_VARIABLE] = model  # read as the forkserver imports this module (the preload)
        try:
            multiprocessing.forkserver.ensure_running()
        finally:
            del os.environ[MODEL_VARIABLE]
        _forkserver_loaded = wanted
    return _forkserver_loaded == wanted


def _settings() -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("DATELINE_") and k != MODEL_VARIABLE))


def _forkserver_can_be_ours() -> bool:
    # Not where there is no fork, nor when something else in this process has started the forkserver already.
    return (
        "forkserver" in multiprocessing.get_all_start_methods()
        and getattr(multiprocessing.forkserver._forkserver, "_forkserver_pid", None) is None
    )


def _load(model: str) -> None:
    from dateline import memory
    from dateline.nlp import load_pipeline
    from dateline.resources import load_resources

    memory.pause_collector()
    try:
        load_pipeline(model)
        load_resources()
    except Exception:  # raised here, it would stop the forkserver and with it every worker
        pass
    finally:
        memory.loaded()  # frozen: the workers' collector never touches (and so never copies) these pages


if model := os.environ.get(MODEL_VARIABLE):
    _load(model)
