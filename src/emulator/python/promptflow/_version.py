"""The version the base image's wheel carries."""

__version__ = "1.17.2"
