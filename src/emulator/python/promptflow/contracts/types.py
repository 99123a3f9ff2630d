"""Marker types that tool signatures use: prompt flow reads them to know what an input holds."""

from typing import Any


class Secret(str):
    """A secret string (a connection's key); its value is never shown."""

    def set_secret_name(self, name):
        self.secret_name = name


class PromptTemplate(str):
    """A Jinja2 prompt template."""

    def __init__(self, value: str):
        super().__init__()
        self._template = value


class FilePath(str):
    """A path to a file in the flow folder."""


class AttrDict(dict):
    """A dict whose keys read as attributes as well (aggregation inputs built from dict outputs)."""

    def __getattr__(self, key: str) -> Any:
        if key in self:
            return self[key]
        return super().__getattribute__(key)

    def __setattr__(self, key: str, value: Any) -> None:
        self[key] = value
