"""pytest: the Python package scores the sample as the Rust library does, with Decimal figures."""
import copy
import json
import pathlib
import tomllib
from decimal import Decimal

import pytest

import par_index

ROOT = pathlib.Path(__file__).resolve().parents[2]
SAMPLE = json.loads((ROOT / "examples/data/duyen-hai-2023-q3.json").read_text(encoding="utf-8"))
CASE = tomllib.loads((ROOT / "criteria/vn-district-2023/cases/01-duyen-hai-2023-q3.toml").read_text(encoding="utf-8"))


def floats(value):
    if isinstance(value, float):
        return [value]
    if isinstance(value, dict):
        return [f for v in value.values() for f in floats(v)]
    if isinstance(value, list):
        return [f for v in value for f in floats(v)]
    return []


def test_score_the_sample_like_the_rust_case():
    # The hand-computed case (total = 5.17 + 2 + 14 + 4 + 6.5 + 2.2 + 12 + 0 = 45.87), which the
    # Rust tests also run.
    card = par_index.score(par_index.RuleSet.builtin("vn-district-2023"), SAMPLE)
    assert card["total"]["points"] == Decimal(CASE["expect"]["total"])
    assert card["total"]["index"] == Decimal(CASE["expect"]["index"])
    assert card["classification"]["label"] == CASE["expect"]["classification"]
    nodes = {n["code"]: n for n in card["nodes"]}
    for code, points in CASE["expect"]["points"].items():
        assert nodes[code]["score"]["points"] == Decimal(points), code


def test_points_card_has_the_case_numbers_without_text():
    # The same hand-computed case through the points card: total 45.87, each leaf's points,
    # area 1 = 5.17 of 12 → sub-index 5.17 ÷ 12 × 100 = 43.083… → 43.08.
    card = par_index.points("vn-district-2023", SAMPLE)
    assert card["total"]["points"] == Decimal(CASE["expect"]["total"])
    assert card["classification"]["label"] == CASE["expect"]["classification"]
    nodes = {n["code"]: n for n in card["nodes"]}
    for code, points in CASE["expect"]["points"].items():
        assert nodes[code]["points"] == Decimal(points), code
    assert nodes["1"]["index"] == Decimal("43.08")
    assert "1.3.2" in card["missing_evidence"]
    assert "title" not in nodes["1"] and not floats(card)


def test_figures_are_decimals_never_floats():
    card = par_index.score("vn-district-2023", SAMPLE)
    assert isinstance(card["total"]["points"], Decimal)
    assert isinstance(card["nodes"][0]["score"]["max"], Decimal)
    assert floats(card) == []
    # Codes stay strings: "1.1" is a code, not a number.
    assert card["nodes"][1]["code"] == "1.1"


def test_bad_evidence_raises_with_the_path():
    ev = copy.deepcopy(SAMPLE)
    ev["evidence"]["1.1.2"] = {"numerator": 17, "denominator": 16}
    with pytest.raises(par_index.ParIndexError) as err:
        par_index.score("vn-district-2023", ev)
    assert err.value.path == 'evidence["1.1.2"].numerator'


def test_floats_are_refused():
    ev = copy.deepcopy(SAMPLE)
    ev["evidence"]["6.1.1"] = {"percent": 72.5}
    with pytest.raises(par_index.ParIndexError) as err:
        par_index.score("vn-district-2023", ev)
    assert "6.1.1" in err.value.path


def test_check_names_the_line_and_path():
    bad = (ROOT / "cli/tests/data/bad.toml").read_text(encoding="utf-8")
    with pytest.raises(par_index.ParIndexError) as err:
        par_index.check(bad)
    assert any(i["path"] == "areas[0].max" and i["line"] == 10 for i in err.value.issues)
    assert par_index.check((ROOT / "tests/fixtures/cycle.toml").read_text(encoding="utf-8")).id == "cycle-test"


def test_rank_a_list_of_evidence_dicts():
    rs = par_index.RuleSet.from_path(str(ROOT / "tests/fixtures/cycle.toml"))
    folder = ROOT / "examples/data/batch"
    units = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]
    result = par_index.rank(rs, units)
    assert len(result["units"]) == len(units) == 8
    assert floats(result) == []
    assert all(isinstance(r["index"], Decimal) for r in result["ranking"]["rows"])


def test_builtin_ids_and_unknown_id():
    assert "vn-district-2023" in par_index.RuleSet.builtin_ids()
    with pytest.raises(KeyError):
        par_index.RuleSet.builtin("nope")
