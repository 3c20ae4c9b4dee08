from classifier.title_cleaning import clean_title, normalise


def test_band_hours_contract_and_trust_are_stripped() -> None:
    cleaned = clean_title(
        "Bank Staff Nurse - Band 5 - 37.5 hours, Fixed Term (Northmoor NHS Foundation Trust)"
    )
    assert cleaned.text == "staff nurse"
    assert {"bank", "fixed_term"} <= set(cleaned.attributes)


def test_segments_keep_the_job_words_apart_from_the_ward() -> None:
    cleaned = clean_title("Healthcare Assistant - Willow Ward")
    assert cleaned.segments[0] == "healthcare assistant"
    assert "willow ward" in cleaned.segments


def test_commas_inside_a_role_name_do_not_split_it() -> None:
    assert clean_title("Support, Time and Recovery Worker").segments == ("support time and recovery worker",)


def test_normalise_unifies_spelling_variants() -> None:
    assert (
        normalise("Activities Co-ordinator & Well-being Lead") == "activities coordinator and wellbeing lead"
    )
    assert normalise("Health Care Assistant") == "healthcare assistant"


def test_b_codes_and_afc_bands_are_removed() -> None:
    assert clean_title("B3 Nursing Associate Apprenticeship").text == "nursing associate apprenticeship"
    assert clean_title("Occupational Therapist AfC Band 6").text == "occupational therapist"


def test_empty_title() -> None:
    cleaned = clean_title(None)
    assert cleaned.text == "" and cleaned.segments == () and cleaned.attributes == ()
