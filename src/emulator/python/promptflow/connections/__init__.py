"""Connection classes flow code annotates its parameters with; the executor fills them from the run's connections.

Each keeps its non-secret fields in `configs` and its keys in `secrets`, reads them as attributes and as
items (`connection["api_key"]`, `**connection`), as prompt flow's classes do.
"""

from typing import Dict, Optional

from promptflow.contracts.types import Secret

# What prompt flow's classes default to when a connection does not say.
AZURE_OPENAI_API_VERSION = "2024-02-01"
COGNITIVE_SEARCH_API_VERSION = "2023-11-01"
CONTENT_SAFETY_API_VERSION = "2023-10-01"


class _Connection:
    TYPE = "_NOT_SET"

    def __init__(self, name: str = None, module: str = "promptflow.connections", configs=None, secrets=None, **kwargs):
        self.name = name
        self.type = self.TYPE
        self.class_name = f"{self.TYPE}Connection"
        self.module = module
        self.configs: Dict[str, str] = configs or {}
        self.secrets: Dict[str, str] = secrets or {}

    def keys(self):
        return list(self.configs.keys()) + list(self.secrets.keys())

    def __getitem__(self, item):
        if item in self.secrets:
            return self.secrets[item]
        if item in self.configs:
            return self.configs[item]
        raise KeyError(f"Key {item!r} not found in connection {self.name!r}.")

    def __repr__(self):
        # Secrets stay out of every printed form.
        return f"<{type(self).__name__} name={self.name!r}>"


class _StrongTypeConnection(_Connection):
    @property
    def api_key(self):
        return self.secrets.get("api_key")

    @api_key.setter
    def api_key(self, value):
        self.secrets["api_key"] = value


def _config_property(key: str):
    def get(self):
        return self.configs.get(key)

    def set(self, value):
        self.configs[key] = value

    return property(get, set)


class AzureOpenAIConnection(_StrongTypeConnection):
    TYPE = "AzureOpenAI"

    def __init__(
        self,
        api_base: str,
        api_key: str = None,
        api_type: str = "azure",
        api_version: str = AZURE_OPENAI_API_VERSION,
        auth_mode: str = "key",
        resource_id: Optional[str] = None,
        **kwargs,
    ):
        configs = {
            "api_base": api_base,
            "api_type": api_type,
            "api_version": api_version,
            "auth_mode": auth_mode,
            "resource_id": resource_id,
        }
        secrets = {"api_key": api_key} if auth_mode == "key" else {}
        super().__init__(configs=configs, secrets=secrets, **kwargs)

    api_base = _config_property("api_base")
    api_type = _config_property("api_type")
    api_version = _config_property("api_version")
    auth_mode = _config_property("auth_mode")
    resource_id = _config_property("resource_id")


class OpenAIConnection(_StrongTypeConnection):
    TYPE = "OpenAI"

    def __init__(self, api_key: str, organization: str = None, base_url=None, **kwargs):
        if base_url == "":
            base_url = None
        super().__init__(
            configs={"organization": organization, "base_url": base_url}, secrets={"api_key": api_key}, **kwargs
        )

    organization = _config_property("organization")
    base_url = _config_property("base_url")


class ServerlessConnection(_StrongTypeConnection):
    TYPE = "Serverless"

    def __init__(self, api_key: str, api_base: str, **kwargs):
        super().__init__(configs={"api_base": api_base}, secrets={"api_key": api_key}, **kwargs)

    api_base = _config_property("api_base")


class SerpConnection(_StrongTypeConnection):
    TYPE = "Serp"

    def __init__(self, api_key: str, **kwargs):
        super().__init__(secrets={"api_key": api_key}, **kwargs)


class CognitiveSearchConnection(_StrongTypeConnection):
    TYPE = "CognitiveSearch"

    def __init__(
        self,
        api_base: str,
        api_key: str = None,
        api_version: str = COGNITIVE_SEARCH_API_VERSION,
        auth_mode: str = "key",
        **kwargs,
    ):
        configs = {"api_base": api_base, "api_version": api_version, "auth_mode": auth_mode}
        secrets = {"api_key": api_key} if auth_mode == "key" else {}
        super().__init__(configs=configs, secrets=secrets, **kwargs)

    api_base = _config_property("api_base")
    api_version = _config_property("api_version")


class AzureContentSafetyConnection(_StrongTypeConnection):
    TYPE = "AzureContentSafety"

    def __init__(
        self,
        api_key: str,
        endpoint: str,
        api_version: str = CONTENT_SAFETY_API_VERSION,
        api_type: str = "Content Safety",
        **kwargs,
    ):
        configs = {"endpoint": endpoint, "api_version": api_version, "api_type": api_type}
        super().__init__(configs=configs, secrets={"api_key": api_key}, **kwargs)

    endpoint = _config_property("endpoint")
    api_version = _config_property("api_version")
    api_type = _config_property("api_type")


class FormRecognizerConnection(AzureContentSafetyConnection):
    TYPE = "FormRecognizer"

    def __init__(self, api_key: str, endpoint: str, api_version: str = "2023-07-31", api_type="Form Recognizer", **kw):
        super().__init__(api_key=api_key, endpoint=endpoint, api_version=api_version, api_type=api_type, **kw)


class CustomConnection(_Connection):
    """Free-form connection: `configs` and `secrets` dicts, each key also readable as an attribute."""

    TYPE = "Custom"

    def __init__(self, secrets: Dict[str, str], configs: Dict[str, str] = None, **kwargs):
        super().__init__(secrets=secrets, configs=configs, **kwargs)

    def __getattr__(self, item):
        # Only reached for names that are not real attributes.
        if item in ("secrets", "configs"):
            return super().__getattribute__(item)
        if item in self.secrets:
            return self.secrets[item]
        if item in self.configs:
            return self.configs[item]
        return super().__getattribute__(item)

    def is_secret(self, item):
        return item in self.secrets


class CustomStrongTypeConnection(_Connection):
    """Base of typed custom connections: the subclass's annotations name its keys (`Secret` ones are secrets).

    Built by the executor from a Custom connection when a tool parameter is annotated with a subclass.
    """

    def __init__(self, secrets: Dict[str, str], configs: Dict[str, str] = None, **kwargs):
        super().__init__(configs=dict(configs or {}), secrets=dict(secrets or {}), **kwargs)
        self.custom_type = type(self).__name__

    def __getattribute__(self, item):
        annotations = _annotations_of(super().__getattribute__("__class__"))
        if item in annotations:
            store = super().__getattribute__("secrets" if _is_secret(annotations[item]) else "configs")
            return store[item]
        return super().__getattribute__(item)

    def __setattr__(self, key, value):
        annotations = _annotations_of(type(self))
        if key in annotations:
            store = self.secrets if _is_secret(annotations[key]) else self.configs
            store[key] = value
            return
        super().__setattr__(key, value)


def _is_secret(annotation) -> bool:
    # A module with `from __future__ import annotations` leaves the annotation as its source text.
    return annotation is Secret or (isinstance(annotation, str) and annotation.split(".")[-1] == "Secret")


def _annotations_of(cls) -> dict:
    merged = {}
    for klass in reversed(cls.__mro__):
        merged.update(getattr(klass, "__annotations__", {}) if klass.__module__ != __name__ else {})
    return merged


class BingConnection(_StrongTypeConnection):
    TYPE = "Bing"

    def __init__(self, api_key: str, url: str = "https://api.bing.microsoft.com/v7.0/search", **kwargs):
        super().__init__(configs={"url": url}, secrets={"api_key": api_key}, **kwargs)

    url = _config_property("url")


__all__ = [
    "OpenAIConnection",
    "AzureOpenAIConnection",
    "AzureContentSafetyConnection",
    "SerpConnection",
    "CognitiveSearchConnection",
    "FormRecognizerConnection",
    "CustomConnection",
    "CustomStrongTypeConnection",
    "ServerlessConnection",
]
