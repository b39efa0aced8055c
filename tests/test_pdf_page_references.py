"""The cached page references give what pydyf's own property gives, as pages are added."""

import pydyf
import pytest

from scrutiny import pdf_page_references


def original_page_references(pdf):
    return tuple(f"{number} 0 R".encode("ascii") for number in pdf.pages["Kids"][::3])


@pytest.fixture
def installed():
    if not pdf_page_references.install():
        pytest.skip(f"pydyf {pydyf.__version__} is not the version the replacement was written for")


def test_the_replacement_tracks_every_page_added(installed):
    pdf = pydyf.PDF()
    assert pdf.page_references == ()
    for count in range(1, 6):
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
        assert pdf.page_references == original_page_references(pdf)
        assert len(pdf.page_references) == count


def test_reading_it_twice_without_a_new_page_gives_the_same_tuple(installed):
    pdf = pydyf.PDF()
    pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    assert pdf.page_references is pdf.page_references


def test_installing_twice_is_harmless(installed):
    assert pdf_page_references.install()
    assert pydyf.PDF.page_references.fget.is_cached_variant


def test_another_pydyf_version_is_left_alone(monkeypatch):
    monkeypatch.setattr(pydyf, "__version__", "99.0")
    assert pdf_page_references.install() is False


def test_the_project_pins_the_version_the_replacement_was_written_for():
    requirements = pdf_page_references.__file__.rsplit("/scrutiny/", 1)[0] + "/requirements/runtime.txt"
    with open(requirements) as pins:
        assert f"\npydyf=={pdf_page_references.PATCHED_VERSION} " in pins.read()
