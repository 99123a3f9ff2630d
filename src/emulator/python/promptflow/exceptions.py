"""Prompt flow's exception classes: each error's code hierarchy is its class chain.

`error_codes` follows prompt flow's rule: the classes from the root down, `UserErrorException` named
"UserError", `SystemErrorException` "SystemError", `ValidationException` "ValidationError".
"""

import string
from enum import Enum


class ErrorTarget(str, Enum):
    """Which part of the system an error comes from (the first part of `referenceCode`)."""

    EXECUTOR = "Executor"
    BATCH = "Batch"
    CORE = "Core"
    FLOW_EXECUTOR = "FlowExecutor"
    NODE_EXECUTOR = "NodeExecutor"
    TOOL = "Tool"
    RUNTIME = "Runtime"
    UNKNOWN = "Unknown"


class PromptflowException(Exception):
    """Base of prompt flow's errors: a message, or a message format filled from keyword arguments."""

    def __init__(self, message="", message_format="", target=ErrorTarget.UNKNOWN, module=None, **kwargs):
        self._inner_exception = kwargs.get("error")
        self._target = target
        self._module = module
        self._message_format = message_format
        self._kwargs = kwargs
        if message:
            self._message = str(message)
        elif self.message_format:
            self._message = self.message_format.format(**self.message_parameters)
        else:
            self._message = self.__class__.__name__
        super().__init__(self._message)

    def __str__(self):
        return self.message

    @property
    def message(self):
        return self._message

    @property
    def message_format(self):
        return self._message_format

    @property
    def message_parameters(self):
        names = [f for _, f, _, _ in string.Formatter().parse(self.message_format or "") if f]
        return {n: self._kwargs.get(n, f"<{n}>") for n in names}

    @property
    def serializable_message_parameters(self):
        return {k: str(v) for k, v in self.message_parameters.items()}

    @property
    def target(self):
        return self._target

    @property
    def module(self):
        return self._module

    @module.setter
    def module(self, value):
        self._module = value

    @property
    def reference_code(self):
        target = self._target.value if isinstance(self._target, ErrorTarget) else self._target
        return f"{target}/{self._module}" if self._module else target

    @property
    def inner_exception(self):
        return self._inner_exception or self.__cause__

    @property
    def additional_info(self):
        return None

    @property
    def error_codes(self):
        codes = []
        for cls in type(self).__mro__:
            if cls is PromptflowException:
                break
            # A mixin that is no exception class (a shared message shape) names no code.
            if issubclass(cls, PromptflowException):
                codes.append(error_code_of_class(cls))
        return list(reversed(codes))


class UserErrorException(PromptflowException):
    """An error the user can fix (code "UserError")."""


class SystemErrorException(PromptflowException):
    """An error of the system (code "SystemError")."""


class ValidationException(UserErrorException):
    """Invalid input or definition (code "ValidationError" under "UserError")."""


def error_code_of_class(cls) -> str:
    if cls is SystemErrorException:
        return "SystemError"
    if cls is UserErrorException:
        return "UserError"
    if cls is ValidationException:
        return "ValidationError"
    return cls.__name__
