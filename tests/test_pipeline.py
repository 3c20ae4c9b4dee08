from pathlib import Path

from classifier.pipeline import Analyser
from classifier.reading import from_text
from classifier.schema import SCHEMA_VERSION, Analysis

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "samples" / "hcsw_band3.txt"


def test_sample_advert_end_to_end(analyser: Analyser) -> None:
    analysis = analyser.analyse(SAMPLE.read_text(encoding="utf-8"))
    assert analysis.schema_version == SCHEMA_VERSION
    assert analysis.model_version == analyser.model_version
    assert analysis.role.id == "healthcare_support_worker"
    assert analysis.category.id == "defined_boundary"
    assert analysis.band.value == "3"
    assert "care_certificate" in {q.id for q in analysis.qualifications}
    assert {"empathy_compassion", "physiological_observations"} <= {s.id for s in analysis.skills}
    assert analysis.career_pathway.present
    text = SAMPLE.read_text(encoding="utf-8")
    spans = [q.span for q in analysis.qualifications] + [s.span for s in analysis.skills]
    for span in spans:
        assert text[span.start : span.end] == span.text


def test_analyse_many_matches_analyse_and_keeps_order(analyser: Analyser) -> None:
    adverts = [
        from_text(
            "Band 5 staff nurse post on an acute ward. NMC registration essential.",
            title="Staff Nurse",
            id="a",
        ),
        from_text("Personal care and meals for residents. £12.60 per hour.", title="Care Assistant", id="b"),
        from_text(SAMPLE.read_text(encoding="utf-8"), id="c"),
    ]
    many = list(analyser.analyse_many(adverts, batch_size=2))
    assert [a.id for a in many] == ["a", "b", "c"]
    assert [analyser.analyse(a) for a in adverts] == many


def test_defined_boundary_without_pathway_is_flagged(analyser: Analyser) -> None:
    analysis = analyser.analyse(
        "Job summary\nWe need a support worker for our recovery house. You will help residents cook, shop and "
        "attend appointments. Salary £24,937 - £26,598 per annum.",
        title="Recovery Support Worker",
    )
    assert analysis.category.id == "defined_boundary"
    assert not analysis.career_pathway.present
    assert analysis.career_pathway.flag == "missing_career_pathway"
    assert analysis.career_pathway.known_routes


def test_analysis_round_trips_through_json(analyser: Analyser) -> None:
    analysis = analyser.analyse(SAMPLE.read_text(encoding="utf-8"))
    assert Analysis.model_validate_json(analysis.model_dump_json()) == analysis


def test_meta_names_versions_and_hashes(analyser: Analyser) -> None:
    meta = analyser.meta()
    assert meta["schema_version"] == SCHEMA_VERSION
    assert meta["model_version"] == analyser.model_version
    assert meta["artifacts"] and all(len(h) == 64 for h in meta["artifacts"].values())
