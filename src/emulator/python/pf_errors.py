"""The executor's errors and their dict form, the `error` object that child runs carry.

Class names, message formats and code hierarchies are prompt flow's (promptflow-core `executor/_errors.py`,
`_core/_errors.py`, `promptflow-tools` `exception.py`), so a failed line here reads as it reads on Azure.
The dict is built as prompt flow's `ExceptionPresenter.to_dict(include_debug_info=True)` builds it.
"""

import os
import traceback
from typing import Optional

from promptflow.exceptions import (
    ErrorTarget,
    PromptflowException,
    SystemErrorException,
    UserErrorException,
    ValidationException,
    error_code_of_class,
)

# The module name prompt flow loads a flow's python files under; it ends up in `referenceCode`.
PF_MAIN_MODULE = "__pf_main__"

TRACEBACK_HEADER = "Traceback (most recent call last):\n"
CAUSE_MESSAGE = "\nThe above exception was the direct cause of the following exception:\n\n"
# Frames of the executor and of the stand-in package are left out of a flow error's own traceback.
_EXECUTOR_DIR = os.path.dirname(os.path.abspath(__file__))
CONTEXT_MESSAGE = "\nDuring handling of the above exception, another exception occurred:\n\n"


# --- flow and input validation (executor/_errors.py) ---------------------------------------------
class InvalidFlowRequest(ValidationException):
    def __init__(self, target=ErrorTarget.EXECUTOR, **kwargs):
        super().__init__(target=target, **kwargs)


class InputNotFound(InvalidFlowRequest):
    pass


class InputTypeError(InvalidFlowRequest):
    pass


class InputParseError(InvalidFlowRequest):
    pass


class InputReferenceNotFound(InvalidFlowRequest):
    pass


class NodeReferenceNotFound(InvalidFlowRequest):
    pass


class NodeCircularDependency(InvalidFlowRequest):
    pass


class InvalidNodeReference(InvalidFlowRequest):
    pass


class DuplicateNodeName(InvalidFlowRequest):
    pass


class OutputReferenceNotFound(InvalidFlowRequest):
    pass


class NodeInputValidationError(InvalidFlowRequest):
    pass


class InvalidRequest(ValidationException):
    def __init__(self, target=ErrorTarget.EXECUTOR, **kwargs):
        super().__init__(target=target, **kwargs)


class GetConnectionError(InvalidRequest):
    def __init__(self, connection: str, node_name: str, error: Exception):
        super().__init__(
            message_format="Get connection '{connection}' for node '{node_name}' error: {error}",
            connection=connection,
            node_name=node_name,
            error=str(error),
        )


class InvalidSource(ValidationException):
    pass


class PackageToolNotFoundError(ValidationException):
    pass


class NodeReferenceError(UserErrorException):
    pass


class InvalidReferenceProperty(NodeReferenceError):
    pass


class UnsupportedReference(NodeReferenceError):
    pass


class LineExecutionTimeoutError(UserErrorException):
    def __init__(self, line_number, timeout):
        super().__init__(
            message_format="Line {line_number} execution timeout for exceeding {timeout} seconds",
            line_number=line_number,
            timeout=timeout,
            target=ErrorTarget.EXECUTOR,
        )


class AggregationNodeExecutionTimeoutError(UserErrorException):
    def __init__(self, timeout):
        super().__init__(
            message_format="Aggregation node execution timeout for exceeding {timeout} seconds",
            timeout=timeout,
            target=ErrorTarget.EXECUTOR,
        )


class UnexpectedError(SystemErrorException):
    pass


class MissingPythonPackage(UserErrorException):
    """A package the flow needs is not importable by the session's Python (the emulator's own error)."""


class _NodeFailure:
    """An error in one node: its message names the node, then the error that caused it (prompt flow's shape)."""

    _format = ""

    def __init__(self, *, node_name: str, target, module: Optional[str] = None):
        self._node_name = node_name
        super().__init__(target=target, module=module)

    def _cause(self, inner) -> str:
        return f"({inner.__class__.__name__}) {inner}"

    @property
    def message(self):
        inner = self.inner_exception
        if inner is None:
            return self._message
        return self._message.rstrip(".") + ": " + self._cause(inner)

    @property
    def message_format(self):
        return self._format

    @property
    def message_parameters(self):
        return {"node_name": self._node_name}


class ToolExecutionError(_NodeFailure, UserErrorException):
    """A flow's own code raised: the message names the node and the original error."""

    _format = "Execution failure in '{node_name}'."

    def __init__(self, *, node_name: str, module: Optional[str] = None):
        super().__init__(node_name=node_name, target=ErrorTarget.TOOL, module=module)

    @property
    def additional_info(self):
        inner = self.inner_exception
        if inner is None:
            return None
        info = {"type": inner.__class__.__name__, "message": str(inner), "traceback": _user_traceback(inner)}
        frames = traceback.extract_tb(inner.__traceback__)
        if frames:
            info.update({"filename": frames[-1].filename, "lineno": frames[-1].lineno, "name": frames[-1].name})
        return {"ToolExecutionErrorDetails": info}


class ResolveToolError(_NodeFailure, PromptflowException):
    """A node's tool could not be loaded; it takes the codes of the error that stopped it."""

    _format = "Tool load failed in '{node_name}'."

    def __init__(self, *, node_name: str, module: Optional[str] = None):
        super().__init__(node_name=node_name, target=ErrorTarget.EXECUTOR, module=module)

    def _cause(self, inner) -> str:
        detail = super()._cause(inner)
        lineno = getattr(inner, "lineno", None)
        if inner.__class__.__name__ == "TemplateSyntaxError" and lineno is not None:
            return f"Jinja parsing failed at line {lineno}: {detail}"
        return detail

    @property
    def additional_info(self):
        inner = self.inner_exception
        return inner.additional_info if isinstance(inner, PromptflowException) else None

    @property
    def error_codes(self):
        inner = self.inner_exception
        return error_codes_of(inner) if inner is not None else ["SystemError", "ResolveToolError"]


# --- loading tools (_core/tool_meta_generator.py, _core/_errors.py) --------------------------------
class ToolValidationError(UserErrorException):
    def __init__(self, **kwargs):
        super().__init__(target=ErrorTarget.TOOL, **kwargs)


class PythonParsingError(ToolValidationError):
    pass


class NoToolDefined(PythonParsingError):
    pass


class MultipleToolsDefined(PythonParsingError):
    pass


class PythonLoadError(PythonParsingError):
    pass


class PythonLoaderNotFound(ToolValidationError):
    pass


class InvalidConnectionType(ToolValidationError):
    pass


class ToolLoadError(UserErrorException):
    pass


class ConnectionNotFound(UserErrorException):
    pass


# --- llm tool errors (promptflow-tools exception.py) --------------------------------------------
class JinjaTemplateError(ToolValidationError):
    pass


class ChatAPIInvalidRole(ToolValidationError):
    pass


class ChatAPIFunctionRoleInvalidFormat(ToolValidationError):
    pass


class ChatAPIToolRoleInvalidFormat(ToolValidationError):
    pass


class LLMError(UserErrorException):
    def __init__(self, **kwargs):
        super().__init__(target=ErrorTarget.TOOL, **kwargs)


OPENAI_ERROR_REFERENCE = "Error reference: https://platform.openai.com/docs/guides/error-codes/api-errors"


class WrappedOpenAIError(UserErrorException):
    """An error answer of the chat completions service, named by the OpenAI SDK's error class.

    :param kind: the SDK's class for the answer (NotFoundError, AuthenticationError, APIConnectionError…).
    :param detail: what the SDK's error says (the status and the service's error body, never the key).
    """

    def __init__(self, kind: str, detail: str):
        self._kind = kind
        message = f"OpenAI API hits {kind}: {detail} [{OPENAI_ERROR_REFERENCE}]"
        super().__init__(message=message, target=ErrorTarget.TOOL)

    @property
    def error_codes(self):
        return ["UserError", "OpenAIError", self._kind]


# --- the dict form ---------------------------------------------------------------------------------
def error_codes_of(ex: BaseException) -> list:
    if isinstance(ex, PromptflowException):
        return ex.error_codes
    # Any other exception is a system error named by its class, as prompt flow presents it.
    return ["SystemError", error_code_of_class(type(ex))]


def _nest_codes(codes: list) -> Optional[dict]:
    nested = None
    for code in reversed(codes):
        nested = {"code": code, "innerError": nested}
    return nested


def _debug_info(ex: BaseException) -> dict:
    stack = TRACEBACK_HEADER + "".join(traceback.format_tb(ex.__traceback__))
    inner = None
    if ex.__cause__ is not None:
        inner = _debug_info(ex.__cause__)
        stack = CAUSE_MESSAGE + stack
    elif ex.__context__ is not None and not ex.__suppress_context__:
        inner = _debug_info(ex.__context__)
        stack = CONTEXT_MESSAGE + stack
    return {"type": type(ex).__qualname__, "message": str(ex), "stackTrace": stack, "innerException": inner}


def _user_traceback(ex: BaseException) -> str:
    """The traceback of a flow's own error without the executor's frames."""
    frames = [f for f in traceback.extract_tb(ex.__traceback__) if not f.filename.startswith(_EXECUTOR_DIR)]
    lines = traceback.format_list(frames)
    return TRACEBACK_HEADER + "".join(lines) + "".join(traceback.format_exception_only(type(ex), ex))


def error_dict(ex: BaseException) -> dict:
    """The `error` object of a failed line or node, as child runs carry it."""
    codes = _nest_codes(error_codes_of(ex))
    if isinstance(ex, PromptflowException):
        result = {
            "message": ex.message,
            "messageFormat": ex.message_format,
            "messageParameters": ex.serializable_message_parameters,
            "referenceCode": ex.reference_code,
        }
        result.update(codes)
        if ex.additional_info:
            result["additionalInfo"] = [{"type": k, "info": v} for k, v in ex.additional_info.items()]
    else:
        result = {"message": str(ex), "messageFormat": "", "messageParameters": {}}
        result.update(codes)
    result["debugInfo"] = _debug_info(ex)
    return result
