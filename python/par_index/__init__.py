"""PAR Index (Chỉ số cải cách hành chính) from criteria sets as data, with exact decimals.

    >>> import par_index
    >>> rs = par_index.RuleSet.builtin("vn-district-2023")
    >>> card = par_index.score(rs, evidence_dict)          # a plain dict
    >>> card["total"]["points"]                             # Decimal('45.87'), never a float

Every figure of a scorecard is a ``decimal.Decimal`` (the library computes with exact
decimals and writes them as strings; they are turned into ``Decimal`` where the scorecard's
JSON Schema says a decimal is). Rejected input raises :class:`ParIndexError`, whose
``issues`` list every problem with its ``path`` (``evidence["1.1.2"].numerator``).
"""
import json
from decimal import Decimal
from functools import lru_cache

from . import _native
from ._native import RuleSet

__all__ = ["RuleSet", "ParIndexError", "score", "points", "check", "rank"]


class ParIndexError(ValueError):
    """Rejected input: ``message``, ``issues`` (dicts with ``path`` and ``message``) and
    ``path`` (the first issue's path, or ``None``)."""

    def __init__(self, message, issues):
        super().__init__(message)
        self.message = message
        self.issues = issues
        self.path = issues[0]["path"] if issues else None


def _raise(err):
    message, issues = err.args
    raise ParIndexError(message, json.loads(issues)) from None


def _ruleset(ruleset):
    return RuleSet.builtin(ruleset) if isinstance(ruleset, str) else ruleset


def _text(value):
    if isinstance(value, str):
        return value
    return json.dumps(value, default=_no_float, ensure_ascii=False)


def _no_float(value):
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"cannot write {type(value).__name__} as evidence")


@lru_cache(maxsize=None)
def _schema(name):
    return json.loads(_native.schema(name))


def _decimals(value, schema, defs):
    """The value with every decimal the schema names (``$defs/Decimal``) as a ``Decimal``."""
    if not isinstance(schema, dict) or value is None:
        return value
    ref = schema.get("$ref")
    if ref:
        name = ref.rsplit("/", 1)[-1]
        if name == "Decimal":
            return Decimal(str(value)) if isinstance(value, (str, int)) and not isinstance(value, bool) else value
        return _decimals(value, defs.get(name, {}), defs)
    for sub in schema.get("allOf", []):
        value = _decimals(value, sub, defs)
    branches = schema.get("anyOf", []) + schema.get("oneOf", [])
    if branches:
        return _decimals(value, _branch(value, branches, defs), defs)
    if isinstance(value, dict):
        props, extra = schema.get("properties", {}), schema.get("additionalProperties")
        return {k: _decimals(v, props.get(k, extra), defs) for k, v in value.items()}
    if isinstance(value, list):
        return [_decimals(v, schema.get("items"), defs) for v in value]
    return value


def _resolve(schema, defs):
    while isinstance(schema, dict) and "$ref" in schema and not schema["$ref"].endswith("/Decimal"):
        schema = defs.get(schema["$ref"].rsplit("/", 1)[-1], {})
    return schema


def _branch(value, branches, defs):
    """The branch of an anyOf/oneOf that fits the value best."""
    def fit(sub):
        sub = _resolve(sub, defs)
        if not isinstance(sub, dict):
            return 0
        if sub.get("$ref", "").endswith("/Decimal"):
            return 2 if isinstance(value, (str, int)) else 0
        if isinstance(value, dict):
            props = sub.get("properties", {})
            if "const" in props.get(next(iter(props), ""), {}):
                pass
            return 1 + sum(1 for k in value if k in props) if sub.get("type") == "object" or props else 0
        if isinstance(value, list):
            return 1 if sub.get("type") == "array" else 0
        return 1
    return max(branches, key=fit)


def _convert(text, name):
    schema = _schema(name)
    return _decimals(json.loads(text), schema, schema.get("$defs", {}))


def score(ruleset, evidence):
    """Scores ``evidence`` (a dict, or JSON text) under ``ruleset`` (a :class:`RuleSet` or a
    bundled id) into a scorecard dict with ``Decimal`` figures."""
    try:
        return _convert(_native.score(_ruleset(ruleset), _text(evidence)), "scorecard")
    except _native.NativeError as err:
        _raise(err)


def points(ruleset, evidence):
    """Scores ``evidence`` like :func:`score` into a points card: the numbers without text
    (every node's ``points``, ``max`` and ``status`` by ``code``, each area's sub-index, the
    total, the class and ``missing_evidence``), figures as ``Decimal``. Faster than
    :func:`score` when only the numbers are wanted, e.g. to rank many units."""
    try:
        return _convert(_native.points(_ruleset(ruleset), _text(evidence)), "points_card")
    except _native.NativeError as err:
        _raise(err)


def check(toml_text):
    """Validates a rule set written in TOML: its :class:`RuleSet`, or :class:`ParIndexError`
    with every problem's path and line."""
    try:
        return RuleSet.from_toml(toml_text)
    except _native.NativeError as err:
        _raise(err)


def rank(ruleset, evidences):
    """Scores and ranks a list of evidence dicts: a dict with ``units``, ``ranking``,
    ``area_rankings`` and ``summaries``, figures as ``Decimal``."""
    batch = {"units": list(evidences)}
    try:
        return _convert(_native.rank(_ruleset(ruleset), _text(batch)), "ranking")
    except _native.NativeError as err:
        _raise(err)
