"""From the merged raw tables of a scenario file to a checked :class:`~negsim.Scenario`."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from negsim.errors import ScenarioError, relocated
from negsim.loading.specs import game_spec, truce_spec, war_spec
from negsim.loading.extends import ORIGIN, read_merged
from negsim.loading.judged import judged_keys
from negsim.loading.sources import (EMPTY_INDEX, SourceIndex, check_source_ids, index_near,
                                    load_source_index)
from negsim.loading.schema import format_of, required_missing
from negsim.model.distributions import Distribution
from negsim.model import Actor, Constraint, Demand, Issue, Lever, Observation, Proposal
from negsim.model.parameters import Question, UncertainParameter, check_support
from negsim.model.scenario import Scenario
from negsim.model.structure import StructuralChoice, hard_choice

__all__ = ["load_scenario", "scenario_from_dict"]

_ISSUE_KEYS = ("id", "label", "description", "options", "ordered", "status_quo")


def _require(table: dict[str, Any], name: str) -> None:
    """Raise for a required key that no file gave to a merged entry."""
    missing = required_missing(format_of(name), table)
    if missing is not None:
        raise ScenarioError(f"missing key {missing.name!r}", key=missing.name,
                            expected=missing.doc, found="nothing")


def _public(table: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in table.items() if not k.startswith("__")}


@contextmanager
def _at(table: dict[str, Any], fallback: tuple[str | None, str]) -> Iterator[None]:
    """Re-raise a ScenarioError from inside with the file and key path of ``table``."""
    try:
        yield
    except ScenarioError as exc:
        if exc.file is not None:
            raise
        file, prefix = table.get(ORIGIN, fallback)
        key = f"{prefix}.{exc.key}" if exc.key else prefix
        raise relocated(exc, file=file, key=key) from None


def _issue(t: dict[str, Any]) -> Issue:
    if "low" in t or "high" in t or "steps" in t:
        if "options" in t:
            raise ScenarioError("give either options or a numeric range, not both", key="options",
                                expected="options, or low/high/steps", found="both")
        missing = [k for k in ("low", "high", "steps") if k not in t]
        if missing:
            raise ScenarioError("a numeric range needs low, high and steps", key=missing[0],
                                expected="a number", found="nothing")
        return Issue.numeric_range(t["id"], t["low"], t["high"], t["steps"],
                                   status_quo=t.get("status_quo"), label=t.get("label", ""),
                                   description=t.get("description", ""))
    if "options" not in t:
        raise ScenarioError("an issue needs options (or low, high and steps)", key="options",
                            expected="a list of options", found="nothing")
    if "status_quo" not in t:
        raise ScenarioError("an issue needs a status quo", key="status_quo",
                            expected=f"one of {t['options']}", found="nothing")
    opts = t["options"] if isinstance(t["options"], list) else [t["options"]]
    return Issue(t["id"], tuple(opts), t["status_quo"], ordered=t.get("ordered", False),
                 label=t.get("label", ""), description=t.get("description", ""),
                 labels=t.get("labels", {}))


def _scores_keys(raw: dict[str, float], issue: Issue | None) -> dict[Any, float]:
    """TOML table keys are strings; map them to numeric options where the issue has them."""
    if issue is None:
        return raw
    by_text = {str(o): o for o in issue.options}
    return {by_text.get(k, k): v for k, v in raw.items()}


def _take_dists(t: dict[str, Any], keys: tuple[str, ...], field_of: dict[str, str], path: str,
                found: list[UncertainParameter]) -> dict[str, Any]:
    """Replace distribution tables under ``keys`` by their point values; record them in ``found``.

    ``keys`` may name a table of values (``effects``), whose entries are then looked at.
    """
    t = dict(t)
    for k in keys:
        if k not in t:
            continue
        if isinstance(t[k], dict) and "dist" not in t[k] and k == "effects":
            inner = dict(t[k])
            for name, v in inner.items():
                if isinstance(v, dict):
                    dist = Distribution.from_table(v, f"{k}.{name}")
                    check_support(field_of[k], dist, f"{k}.{name}")
                    found.append(UncertainParameter(f"{path}.{k}.{name}", dist))
                    inner[name] = dist.point
            t[k] = inner
        elif isinstance(t[k], dict):
            dist = Distribution.from_table(t[k], k)
            check_support(field_of[k], dist, k)
            found.append(UncertainParameter(f"{path}.{k}", dist))
            t[k] = dist.point
    return t


_NUMERIC = {"weight", "power", "patience", "reservation", "credibility"}


def _judged(table: dict[str, Any], path: str, files: tuple[str, ...] = ()) -> list[str]:
    """Parameter paths of the numbers in ``table`` its file marks ``# judgement``.

    An actor's table merges across files but keeps only the last file's origin, so for it
    ``files`` lists every file of the chain; a key counts as judged if any of them marks it.
    """
    origin = table.get(ORIGIN)
    if origin is None or origin[0] is None:
        return []
    keys = set(judged_keys(origin[0]).get(origin[1], frozenset()))
    for f in files:
        keys |= judged_keys(f).get(origin[1], frozenset())
    out = []
    for k in sorted(keys & set(table)):
        if k in _NUMERIC and not isinstance(table[k], dict):
            out.append(f"{path}.{k}")
        elif k == "effects" and isinstance(table[k], dict):
            out.extend(f"{path}.effects.{a}" for a, v in sorted(table[k].items())
                       if not isinstance(v, dict))
    return out


def _alternatives(t: dict[str, Any], key: str, field: str, path: str,
                  found: list[StructuralChoice]) -> dict[str, Any]:
    """Replace ``key`` (a list of {field, p, label} readings) by the most probable reading."""
    t = dict(t)
    alts = t.pop(key)
    if field in t:
        raise ScenarioError(f"give either {field} or {key}, not both", key=key,
                            expected=f"{field} = ..., or [[...{key}]] readings", found="both")
    with_p = [(a[field], a["p"], a.get("label", "")) for a in alts]
    labels = tuple(lab for _, _, lab in with_p)
    try:
        choice = StructuralChoice(f"{path}.{field}", tuple(v for v, _, _ in with_p),
                                  tuple(p for _, p, _ in with_p),
                                  labels if all(labels) else ())
    except ScenarioError as exc:
        raise relocated(exc, key=key) from None
    found.append(choice)
    value = choice.values[choice.point_index]
    t[field] = value
    return t


def _demand(t: dict[str, Any], issues: dict[str, Issue], sources: SourceIndex) -> Demand:
    t = _public(t)
    if t.get("source"):
        t["citation"] = sources.cite(str(t["source"]))
    if "scores" in t:
        t["scores"] = _scores_keys(t["scores"], issues.get(t.get("issue", "")))
    for k in ("want", "avoid"):
        if k in t and isinstance(t[k], list):
            t[k] = tuple(t[k])
    return Demand(**t)


def scenario_from_dict(data: dict[str, Any], *, file: str | None = None,
                       sources: SourceIndex = EMPTY_INDEX) -> Scenario:
    """Build a scenario from tables shaped like a scenario file (after ``extends`` is merged).

    Each demand's and observation's ``source`` is resolved through ``sources`` into its
    ``citation`` (outlet, headline, date); with no index the citation is the raw source.

    Examples
    --------
    >>> s = scenario_from_dict({
    ...     "scenario": {"name": "toy"},
    ...     "issues": [{"id": "war", "options": ["fight", "truce"], "status_quo": "fight"}],
    ...     "actors": {"A": {"demands": [{"issue": "war", "want": "truce"}]}}})
    >>> s.name, s.actor("A").demands[0].want
    ('toy', ('truce',))
    """
    meta = data.get("scenario", {})
    analysis = data.get("analysis", {})
    issues: list[Issue] = []
    for i, t in enumerate(data.get("issues", [])):
        with _at(t, (file, f"issues[{i}]")):
            _require(t, "issues")
            issues.append(_issue(t))
    by_id = {i.id: i for i in issues}
    constraints = []
    for i, t in enumerate(data.get("constraints", [])):
        with _at(t, (file, f"constraints[{i}]")):
            constraints.append(Constraint.of(t["forbid"], t.get("reason", "")))
    actors = []
    files = tuple(dict.fromkeys(
        d[ORIGIN][0] for a in data.get("actors", {}).values()
        for d in (a, *a.get("demands", [])) if ORIGIN in d and d[ORIGIN][0] is not None))
    uncertain: list[UncertainParameter] = []
    structural: list[StructuralChoice] = []
    judged: list[str] = []
    for name, t in data.get("actors", {}).items():
        demands = []
        for i, d in enumerate(t.get("demands", [])):
            dpath = f"actors.{name}.demands[{i}]"
            judged.extend(_judged(d, dpath))
            with _at(d, (file, dpath)):
                d = _take_dists(_public(d), ("weight",), {"weight": "weight"}, dpath, uncertain)
                hard = d.get("hard")
                if hard is not None and not isinstance(hard, bool):
                    choice = hard_choice(f"{dpath}.hard", hard)
                    d["hard"] = bool(choice.point_index == 0)
                    if 0.0 < hard < 1.0:
                        structural.append(choice)
                if "when_alternatives" in d:
                    d = _alternatives(d, "when_alternatives", "when", dpath, structural)
                demands.append(_demand(d, by_id, sources))
        judged.extend(_judged(t, f"actors.{name}", files))
        with _at(t, (file, f"actors.{name}")):
            fields = {k: v for k, v in _public(t).items() if k != "demands"}
            fields = _take_dists(fields, ("power", "patience", "reservation"),
                                 {k: k for k in ("power", "patience", "reservation")},
                                 f"actors.{name}", uncertain)
            actors.append(Actor(name, tuple(demands), **fields))
    levers = []
    for i, t in enumerate(data.get("levers", [])):
        with _at(t, (file, f"levers[{i}]")):
            _require(t, "levers")
            judged.extend(_judged(t, f"levers.{t.get('id')}"))
            fields = _public(t)
            cred = fields.get("credibility")
            if isinstance(cred, dict) and "from_game" in cred:  # resolved by the analysis
                if set(cred) != {"from_game"} or not isinstance(cred["from_game"], str):
                    raise ScenarioError("a credibility from a game names the game only",
                                        key="credibility", expected='{ from_game = "game id" }',
                                        found=repr(cred)[:60])
                fields = {**fields, "credibility": 1.0, "from_game": cred["from_game"]}
            if "trigger_alternatives" in fields:
                fields = _alternatives(fields, "trigger_alternatives", "trigger",
                                       f"levers.{t.get('id')}", structural)
            fields = _take_dists(fields, ("credibility", "effects"),
                                 {"credibility": "credibility", "effects": "effect"},
                                 f"levers.{t.get('id')}", uncertain)
            levers.append(Lever(**fields))
    questions = []
    for i, t in enumerate(data.get("questions", [])):
        with _at(t, (file, f"questions[{i}]")):
            questions.append(Question(**_public(t)))
    proposals = []
    for i, t in enumerate(data.get("proposals", [])):
        with _at(t, (file, f"proposals[{i}]")):
            _require(t, "proposals")
            proposals.append(Proposal(**_public(t)))
    observations = []
    for i, t in enumerate(data.get("observations", [])):
        with _at(t, (file, f"observations[{i}]")):
            fields = _public(t)
            if fields.get("source"):
                fields["citation"] = sources.cite(str(fields["source"]))
            observations.append(Observation(**fields))
    games = []
    for i, t in enumerate(data.get("games", [])):
        with _at(t, (file, f"games[{i}]")):
            _require(t, "games")
            games.append(game_spec(_public(t)))
    truces = []
    for i, t in enumerate(data.get("truces", [])):
        with _at(t, (file, f"truces[{i}]")):
            truces.append(truce_spec(_public(t)))
    war = None
    if "war" in data:
        with _at(data["war"], (file, "war")):
            war = war_spec(_public(data["war"]))
    if "name" not in meta:
        raise ScenarioError("the scenario has no name", file=file, key="scenario.name",
                            expected="a [scenario] table with name = \"...\"", found="nothing")
    kwargs = dict(name=meta["name"], date=meta.get("date", ""), summary=meta.get("summary", ""),
                  issues=tuple(issues), actors=tuple(actors), levers=tuple(levers),
                  proposals=tuple(proposals), observations=tuple(observations),
                  constraints=tuple(constraints), path=file, uncertain=tuple(uncertain),
                  questions=tuple(questions), games=tuple(games),
                  truces=tuple(truces), war=war,
                  bargaining=tuple(data.get("bargaining", {}).get("actors", ())),
                  structural=tuple(structural), judged=tuple(dict.fromkeys(judged)))
    for k in ("seed", "cloud_size"):
        if k in analysis:
            kwargs[k] = analysis[k]
    try:
        return Scenario(**kwargs)  # type: ignore[arg-type]
    except ScenarioError as exc:
        if exc.file is not None or not exc.key:
            raise
        raise _relocate(exc, data, file) from None


def _origins(data: dict[str, Any], file: str | None) -> dict[str, tuple[str | None, str]]:
    """Merged key prefix → (file, key prefix in that file)."""
    out: dict[str, tuple[str | None, str]] = {}
    for name in ("issues", "constraints", "levers", "proposals", "observations", "questions",
                 "games", "truces"):
        for i, t in enumerate(data.get(name, [])):
            out[f"{name}[{i}]"] = t.get(ORIGIN, (file, f"{name}[{i}]"))
    for actor, t in data.get("actors", {}).items():
        out[f"actors.{actor}"] = t.get(ORIGIN, (file, f"actors.{actor}"))
        for i, d in enumerate(t.get("demands", [])):
            out[f"actors.{actor}.demands[{i}]"] = d.get(ORIGIN, (file, f"actors.{actor}.demands[{i}]"))
    for name in ("analysis", "war", "bargaining"):
        if name in data:
            out[name] = data[name].get(ORIGIN, (file, name))
    return out


def _relocate(exc: ScenarioError, data: dict[str, Any], file: str | None) -> ScenarioError:
    origins = _origins(data, file)
    key = exc.key or ""
    best = max((p for p in origins if key == p or key.startswith(p + ".")), key=len, default=None)
    where_file, where_key = (file, key) if best is None else \
        (origins[best][0], origins[best][1] + key[len(best):])
    return relocated(exc, file=where_file, key=where_key)


def load_scenario(path: str | Path, sources: SourceIndex | str | Path | None = None) -> Scenario:
    """Load, merge and check a scenario file.

    Parameters
    ----------
    path : str or Path
        A TOML scenario file.  Files it ``extends`` are read relative to it.
    sources : SourceIndex, folder or None
        The sources index that turns each ``source`` into its citation (outlet, headline,
        date) and checks cited ids: an index, a folder holding ``index.toml``, or ``None`` for
        the one found near the scenario (:func:`~negsim.loading.sources.find_sources_dir`).
        ``SourceIndex({})`` resolves nothing (each citation is then the raw source).

    Returns
    -------
    Scenario

    Raises
    ------
    ScenarioError
        With the file, the key path, what was expected and what was found.

    Examples
    --------
    >>> import negsim, pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "toy.toml"
    >>> _ = f.write_text('[scenario]\\nname = "toy"\\n[[issues]]\\nid = "war"\\n'
    ...                  'options = ["fight", "truce"]\\nstatus_quo = "fight"\\n'
    ...                  '[actors.A]\\npower = 2\\n')
    >>> negsim.load_scenario(f).actor("A").power
    2.0
    """
    shown = str(path)
    data = read_merged(path)
    index = sources if isinstance(sources, SourceIndex) else \
        load_source_index(sources) if sources is not None else index_near(path)
    check_source_ids(data, shown, index)
    return scenario_from_dict(data, file=shown, sources=index)
