"""SOC 2020 from the ONS coding index (issue 7): out-of-scope posts and roles without a code keep a correct code."""

from __future__ import annotations

import pytest

from classifier.pipeline import Analyser
from classifier.soc_index import SocIndex, default_soc_index
from classifier.title_cleaning import clean_title

ESTATES = (
    "Join our estates and facilities team as the Trust's locksmith. You will maintain locks, keys, master key "
    "suites and door access control across the hospital sites, respond to lock-outs and security call-outs, "
    "repair doors and ironmongery, and keep records of key issue. You will work with the estates maintenance "
    "supervisor and contractors, and take part in the on-call rota for building emergencies."
)


@pytest.fixture(scope="module")
def small() -> SocIndex:
    return SocIndex({"payroll officer": "4122", "catering assistant": "9263", "receptionist": "4216"})


@pytest.mark.parametrize(
    ("title", "code", "matched"),
    [
        ("Payroll Officer", "4122", "payroll officer"),
        ("Receptionist - Outpatients", "4216", "receptionist"),
        ("Senior Payroll Officer", "4122", "payroll officer"),
        ("Ward Catering Assistant (Bank)", "9263", "catering assistant"),
    ],
)
def test_lookup_exact_then_conservative_fallbacks(small: SocIndex, title: str, code: str, matched: str) -> None:
    assert small.lookup(clean_title(title)) == (code, matched)


def test_lookup_never_guesses_from_one_word_or_disagreeing_segments(small: SocIndex) -> None:
    assert small.lookup(clean_title("Assistant")) is None
    assert small.lookup(clean_title("Payroll Officer / Receptionist")) is None
    assert small.lookup(clean_title("")) is None


def test_shipped_index_knows_nhs_titles_outside_the_taxonomy() -> None:
    index = default_soc_index()
    assert len(index) > 20000
    assert index.get("locksmith") == "5223"
    assert index.get("hospital porter") == "9262"
    assert index.get("receptionist") == "4216"  # not 4131, the code for a ward receptionist
    assert index.get("manager") is None  # ambiguous in the index: no guess


def test_out_of_scope_post_gets_the_ons_code_for_its_title(analyser: Analyser) -> None:
    role = analyser.analyse(ESTATES, title="Locksmith").role
    assert analyser.taxonomy.role(role.id).category == "out_of_scope"
    assert role.soc2020 == "5223"


def test_in_scope_roles_keep_their_curated_code(analyser: Analyser) -> None:
    role = analyser.analyse("Support patients with personal care on the ward.", title="Healthcare Assistant").role
    assert role.soc2020 == "6131"
