"""mhsw analysis library: reads a job advert and says what role, band, qualifications, skills, pathway and
wording problems it shows. No web code lives here."""

from classifier.schema import SCHEMA_VERSION, Advert, Analysis

__all__ = ["SCHEMA_VERSION", "Advert", "Analysis"]
