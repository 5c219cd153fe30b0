"""The public face: every exported name resolves to what its home module defines, whatever was
imported before (a submodule named like an exported function would shadow it)."""

from __future__ import annotations

import importlib
import pkgutil

import negsim


def test_every_export_is_the_object_its_module_defines_after_importing_everything() -> None:
    for info in pkgutil.walk_packages(negsim.__path__, "negsim."):
        if info.name.endswith("__main__"):
            continue
        importlib.import_module(info.name)
    for name, module in negsim._EXPORTS.items():
        assert getattr(negsim, name) is getattr(importlib.import_module(module), name), name
    assert callable(negsim.backtest) and callable(negsim.analyze)


def test_str_of_an_analysis_is_its_summary_and_repr_is_short() -> None:
    a = negsim.analyze(negsim.examples.two_party_scenario())
    assert str(a) == negsim.summary_text(a)
    assert len(repr(a)) < 200 and "0 of 2 outcomes acceptable" in repr(a)
    assert "<table" in a._repr_html_()


def test_no_exported_name_is_also_a_submodule_name() -> None:
    import pkgutil as _p
    submodules = {m.name for m in _p.iter_modules(negsim.__path__)}
    assert not submodules & set(negsim._EXPORTS), submodules & set(negsim._EXPORTS)
