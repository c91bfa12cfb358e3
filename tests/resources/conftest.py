"""The training scripts' tests import the script their module names in ``SCRIPT`` as a module."""

from __future__ import annotations

import importlib.util
import sys

import pytest


@pytest.fixture(scope="module")
def training(request):
    script = request.module.SCRIPT
    sys.path.insert(0, str(script.parent))  # as `python scripts/train_*.py` puts it: for their shared `training`
    spec = importlib.util.spec_from_file_location(script.stem, script)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses and named tuples look their module up there
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]
    sys.path.remove(str(script.parent))
