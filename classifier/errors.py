"""Errors meaning "the input cannot be used"; every face (CLI, API, batch) turns them into a clear message."""


class MhswError(Exception):
    """Base class for errors whose message is safe to show to the user."""


class UnreadableInput(MhswError):
    """The file or text cannot be read as an advert (wrong format, corrupt, empty)."""


class UnsupportedFormat(UnreadableInput):
    """The file type is not one of text, HTML, DOCX or PDF."""


class ModelIntegrityError(MhswError):
    """A model artifact is missing, or its sha256 does not match the manifest: refuse to load it."""
