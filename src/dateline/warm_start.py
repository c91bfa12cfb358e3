"""Imported by the forkserver that the workers of dateline's own Dask cluster are forked from, to load them a model.

With ``MODEL_VARIABLE`` set (dateline sets it only while its own cluster runs), importing this module loads the
pipeline it names and the resources, so that each worker starts from a process that holds them, in pages shared
copy-on-write, instead of importing and loading its own (2 to 5 CPU seconds each on a shared 2-core machine). The
forkserver runs one thread, so forking it is safe; the resources' SQLite connections are opened per process, on
first use. A load that fails here is left to the workers, which load the pipeline themselves and report the error
as they always did."""

from __future__ import annotations

import os

MODEL_VARIABLE = "DATELINE_FORKSERVER_MODEL"


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
